import { randomBytes } from 'node:crypto';
import { appendFile } from 'node:fs/promises';

/**
 * Step outputs in the runner's file format ($GITHUB_OUTPUT): `name<<delimiter`, the value, the
 * delimiter. The heredoc form takes any value, and a random delimiter cannot occur in it by chance
 * or by design, so a value can never declare further outputs.
 */
export function outputLines(outputs: Record<string, string>): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      let delimiter: string;
      do delimiter = `schema_bot_${randomBytes(12).toString('hex')}`;
      while (value.includes(delimiter));
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}

/** Appends to a file the runner named ($GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY); nothing outside a runner. */
export async function appendRunnerFile(file: string | undefined, text: string): Promise<void> {
  if (file && text) await appendFile(file, text);
}
