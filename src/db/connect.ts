import pg from 'pg';
import type { Queryable } from '../catalog/queryable.js';
import { redactUrl } from '../secrets/redact.js';

export interface Connection extends Queryable {
  /** Runs a script of several statements in one round trip (simple query protocol). */
  exec(sql: string): Promise<void>;
  serverVersion(): Promise<number>;
  close(): Promise<void>;
}

export class DatabaseError extends Error {}

export interface ConnectOptions {
  /**
   * Send queued queries without waiting for each answer, so the server runs them back to back while
   * the client is still reading earlier rows. For readers that queue many queries at once; a failed
   * query does not stop those behind it (inside a transaction they fail too).
   */
  pipeline?: boolean;
}

/** Opens one connection; a failure names the server without its password. */
export async function connect(url: string, options: ConnectOptions = {}): Promise<Connection> {
  const c = new pg.Client({ connectionString: url, application_name: 'schema-bot', pipeline: options.pipeline ?? false });
  c.on('error', () => undefined);
  try {
    await c.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseError(`cannot connect to ${redactUrl(url)}: ${reason}`);
  }
  // Without pipelining, a query is sent once the one before it has been answered: node-postgres
  // deprecates queueing several itself, and readers queue many at once.
  let previous: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(submit: () => Promise<T>): Promise<T> => {
    if (options.pipeline) return submit();
    const sent = previous.then(submit);
    previous = sent.catch(() => undefined);
    return sent;
  };
  const send = <Row>(sql: string, params?: unknown[]) => inTurn(() => c.query<Row & pg.QueryResultRow>(sql, params as unknown[]));
  return {
    query: async <Row>(sql: string, params?: unknown[]) => {
      const result = await send<Row>(sql, params);
      return { rows: result.rows as Row[] };
    },
    forEachRow: <Row>(sql: string, params: unknown[] | undefined, onRow: (row: Row) => void) =>
      inTurn(() => streamRows(c, sql, params, onRow)),
    exec: async (sql: string) => {
      await send(sql);
    },
    serverVersion: async () => {
      const { rows } = await send<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
      return Number(rows[0]!.v);
    },
    close: () => c.end(),
  };
}

/**
 * A query whose rows go to `onRow` one by one: with a row listener and no callback, node-postgres
 * accumulates none. Rows arrive inside the socket's data handler, so a throw from `onRow` is held
 * there, and the query fails with it once the server has finished answering.
 */
function streamRows<Row>(c: pg.Client, sql: string, params: unknown[] | undefined, onRow: (row: Row) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query(sql, params);
    let failure: unknown;
    query.on('row', (row: Row) => {
      if (failure !== undefined) return;
      try {
        onRow(row);
      } catch (error) {
        failure = error;
      }
    });
    query.on('error', reject);
    query.on('end', () => (failure === undefined ? resolve() : reject(failure)));
    c.query(query);
  });
}
