/** What a subcommand gets: its own arguments and the process's streams and environment. */
export interface CommandIO {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  /** Progress and warnings; never the command's result. */
  stderr: (text: string) => void;
}

export interface Command {
  name: string;
  summary: string;
  help: string;
  run(io: CommandIO): Promise<number>;
}
