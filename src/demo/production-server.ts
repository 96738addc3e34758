import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pristinePgliteDataDir } from '../db/pglite-shadow.js';

export interface ProductionServer {
  /** A connection string for `pg`, as a real server would have. */
  url: string;
  stop(): Promise<void>;
}

/**
 * An embedded PostgreSQL (PGlite) that answers on a loopback port over the wire protocol, so the
 * bot reaches it through `pg` exactly as it reaches a real production server. PGlite is one
 * session: the socket server queues the bot's connections onto it.
 */
export async function startProductionServer(initialSchema: string, dataDir?: string): Promise<ProductionServer> {
  // From the same fresh data directory as the shadows after it: one initdb for the whole demo.
  // In memory unless `dataDir` names a directory to keep it in.
  const db = await PGlite.create({ dataDir, loadDataDir: await pristinePgliteDataDir() });
  await db.exec(initialSchema);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  // Stopped from the demo's end and from Ctrl-C alike, whichever comes first; once is enough.
  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    stop() {
      stopped ??= server.stop().finally(() => db.close());
      return stopped;
    },
  };
}
