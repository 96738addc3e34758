import type { MadeFiles, PlannedFiles } from './planned-files.js';

/**
 * What differs between keeping one database and keeping a fleet on the schema, as the plan phase
 * asks it; the merge request's life (open, update, keep a person's commits, close) is the same.
 */
export interface PlanKind {
  /** The plan the bot branch carries, or undefined when it has none the bot can read. */
  onBranch(branch: string): Promise<PlannedFiles | undefined>;
  /** Whether a database's ledger holds the plan id: applied somewhere, so never planned again. */
  applied(id: string): Promise<boolean>;
  /** The plan production needs now under `id`, or undefined when it already has the schema. */
  make(id: string): Promise<MadeFiles | undefined>;
  /** What "production" is in messages: `production`, `every database`. */
  readonly where: string;
}
