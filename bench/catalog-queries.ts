/**
 * The raw lower bound of a diff: the catalog queries schema-bot sends, run against both databases at
 * once and their rows received, with no fact built and nothing compared. Prints the seconds taken.
 *
 *   tsx bench/catalog-queries.ts SOURCE_URL DESIRED_URL
 */
import { performance } from 'node:perf_hooks';
import { extractCatalog } from '../src/engine/read-catalog.js';
import type { Queryable } from '../src/catalog/queryable.js';
import { connect, type Connection } from '../src/db/connect.js';

type Sent = [sql: string, params?: unknown[]];

/** Every statement extraction sends, in order, learnt by extracting once. */
async function recordQueries(db: Connection): Promise<Sent[]> {
  const sent: Sent[] = [];
  const recorder: Queryable = {
    query: (sql, params) => {
      sent.push([sql, params]);
      return db.query(sql, params);
    },
    forEachRow: (sql, params, onRow) => {
      sent.push([sql, params]);
      return db.forEachRow(sql, params, onRow);
    },
  };
  await extractCatalog(recorder);
  return sent;
}

async function replay(db: Connection, statements: Sent[]): Promise<void> {
  for (const [sql, params] of statements) await db.query(sql, params);
}

const [sourceUrl, desiredUrl] = process.argv.slice(2);
if (!sourceUrl || !desiredUrl) {
  process.stderr.write('usage: tsx bench/catalog-queries.ts SOURCE_URL DESIRED_URL\n');
  process.exit(1);
}
const [source, desired] = await Promise.all([connect(sourceUrl), connect(desiredUrl)]);
try {
  const statements = await recordQueries(source);
  const started = performance.now();
  await Promise.all([replay(source, statements), replay(desired, statements)]);
  process.stdout.write(`${((performance.now() - started) / 1000).toFixed(3)}\n`);
} finally {
  await Promise.all([source.close(), desired.close()]);
}
