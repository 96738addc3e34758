import { startEmbeddedServer, serverAnswers } from './embedded-server.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Tests need a real PostgreSQL. When none answers at TEST_DATABASE_URL, a throwaway one is started
 * for this run. Its URL goes into process.env: vitest builds the workers' environment from the
 * main process's after global setup has run, so test/support/postgres.ts sees it.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  if (await serverAnswers(url)) return undefined;
  const server = await startEmbeddedServer();
  process.stderr.write(`no PostgreSQL answers at ${new URL(url).host}; started a throwaway one at ${server.url}\n`);
  process.env.TEST_DATABASE_URL = server.url;
  return async () => {
    await server.stop();
  };
}
