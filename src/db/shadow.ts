import type { Queryable } from '../catalog/queryable.js';
import type { StatementRunner } from './load-schema.js';

/** A scratch database that holds the desired schema while it is introspected. */
export interface Shadow {
  /** Runs untrusted SQL: on a server, as a role that owns the shadow database and nothing else. */
  db: Queryable & StatementRunner;
  /**
   * Runs the few declarative statements that need more than owning the database (an extension that
   * is not trusted, an owner change, an event trigger), once checked; the same as `db` in PGlite.
   */
  admin: Queryable & StatementRunner;
  /** server_version_num, e.g. 150004. */
  serverVersion: number;
  /** Human name for messages, without secrets. */
  description: string;
  dispose(): Promise<void>;
}
