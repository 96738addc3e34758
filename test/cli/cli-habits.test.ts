import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCommands, main } from '../../src/cli.js';
import { REPO_ROOT } from '../gitlab-template/template-project.js';

/** Runs the CLI in this process and keeps what it prints. */
async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('the habits a command-line tool is expected to have', () => {
  it('prints its version, the one package.json gives', async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('takes `help <command>` for `<command> --help`', async () => {
    for (const command of await loadCommands()) {
      const asked = await cli(['help', command.name]);
      expect(asked).toEqual(await cli([command.name, '--help']));
      expect(asked.stdout).toContain(`Usage: schema-bot ${command.name}`);
    }
    expect((await cli(['help', 'nonsense'])).stderr).toContain('unknown command "nonsense"');
  });

  it('lists the exit codes in every command\'s --help', async () => {
    for (const command of await loadCommands()) {
      expect(command.help, command.name).toMatch(/^Exit codes:\n {2}0 {2}success\n {2}1 {2}error/m);
    }
    expect((await loadCommands()).find((c) => c.name === 'diff')!.help).toContain('  2  there are changes (with --detailed-exitcode)');
  });
});
