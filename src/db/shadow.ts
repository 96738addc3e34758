import type { Queryable } from '../catalog/queryable.js';
import type { StatementRunner } from './load-schema.js';

/** A scratch database that holds the desired schema while it is introspected. */
export interface Shadow {
  db: Queryable & StatementRunner;
  /** server_version_num, e.g. 150004. */
  serverVersion: number;
  /** Human name for messages, without secrets. */
  description: string;
  dispose(): Promise<void>;
}
