import { git } from './git-remote.js';
import { serverUrl } from './postgres.js';
import { runCli, type CliResult } from './run-cli.js';
import type { WorkflowHarness } from './workflow-harness.js';

/**
 * The harness's bot on the local host, as on a laptop: no host and no credentials, the remote a
 * path. Each call is one `schema-bot run` on the default branch's latest commit.
 */
export function localBot(h: WorkflowHarness): () => Promise<CliResult> {
  git(h.botDir, 'remote', 'set-url', 'origin', h.bare);
  return () => {
    h.checkout();
    return runCli(['run', '--repo', h.botDir, '--host', 'local', '--database-url', h.databaseUrl, '--shadow-url', serverUrl()]);
  };
}
