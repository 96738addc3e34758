import { spawn } from 'node:child_process';

export interface Sample {
  seconds: number;
  /** Peak resident set size of the process, in MB. */
  peakMb: number;
  /**
   * User plus system CPU seconds of the process itself (not of the server it talks to). On a busy
   * machine wall time stretches with the load; CPU time much less.
   */
  cpuSeconds?: number;
}

export class CommandFailed extends Error {}

/**
 * Runs a command under /usr/bin/time, which reports the child's own wall time and peak RSS
 * (GNU time's %e and %M), so every tool is measured the same way whatever it is written in.
 */
export function measureCommand(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Sample & { stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'BENCH %e %M %U %S', command, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stderr.split('\n').reverse().find((l) => l.startsWith('BENCH '));
      // `diff --detailed-exitcode` style tools exit 2 for "changes found": only 1 and above 2 fail.
      if (!line || (code !== 0 && code !== 2)) {
        reject(new CommandFailed(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      const [, seconds, kb, user, system] = line.split(' ');
      resolve({ seconds: Number(seconds), peakMb: Number(kb) / 1024, cpuSeconds: Number(user) + Number(system), stdout });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Medians of several runs' times; the peak memory is the largest any run reached. */
export function summarise(samples: Sample[]): Sample {
  const cpu = samples.flatMap((s) => (s.cpuSeconds === undefined ? [] : [s.cpuSeconds]));
  return {
    seconds: median(samples.map((s) => s.seconds)),
    peakMb: Math.max(...samples.map((s) => s.peakMb)),
    ...(cpu.length ? { cpuSeconds: median(cpu) } : {}),
  };
}
