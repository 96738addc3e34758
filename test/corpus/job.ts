/** What the harness's main thread hands a worker, and what comes back: plain data, cloneable. */
import type { BudgetResult, DirectionBudget } from './budget.js';

export type DirectionLabel = 'from->to' | 'to->from';

export interface Direction {
  label: DirectionLabel;
  /** The file the database starts from, and the one that is the desired schema. */
  start: 'from.sql' | 'to.sql';
  target: 'from.sql' | 'to.sql';
  /** Rows inserted into the start state, when the case has them. */
  seed?: string;
  /** A fresh database made for this direction. */
  databaseUrl: string;
  /** What the plan must and must not do, when the case says. */
  budget?: DirectionBudget;
}

export interface CaseJob {
  dir: string;
  hasSetup: boolean;
  directions: Direction[];
  /** The server the shadow is made on; PGlite when absent. */
  shadowUrl?: string;
  /** Migrate with plan --online's rewrites. */
  online: boolean;
}

/** Where a direction stopped: loading the start state, planning, applying, or the second diff. */
export type Phase = 'load' | 'plan' | 'apply' | 'verify';

export interface DirectionResult {
  label: DirectionLabel;
  converged: boolean;
  phase?: Phase;
  error?: string;
  /** The statement that failed, when a statement did. */
  statement?: string;
  migration?: string;
  remaining?: string;
  /** The plan's statements as `<verb>:<objectKind>` (src/diff/step-classes.ts). */
  steps?: string[];
  /** The plan against the case's budget.json, when it has one. */
  budget?: BudgetResult;
  /** Tables that kept fewer of the seeded rows than they had, as `schema.table: before → after`. */
  lostRows?: string[];
}
