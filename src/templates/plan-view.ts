import type { HazardKind } from '../diff/action.js';

/**
 * What the templates show of a plan: plain data, so the plan module (or a test) can fill it in
 * without the templates knowing how plans are made.
 */
export interface HazardView {
  kind: HazardKind;
  /** What this statement does that deserves attention. */
  message: string;
}

export interface StatementView {
  sql: string;
  /** The object kind the statement is about (`table`, `column`, …), for the summary. */
  kind: string;
  /** What it does to that object: from the action's creates and destroys, not from the SQL. */
  change: 'create' | 'alter' | 'drop' | 'other';
  hazards: HazardView[];
  /** False for statements PostgreSQL runs only outside a transaction. */
  transactional: boolean;
}

/** A statement that production's rows make fail, as the plan file notes it. */
export interface FailureView {
  /** Its line in the plan file. */
  line: number;
  /** Its first line. */
  statement: string;
  /** What fails. */
  failure: string;
  /** The fix the plan file suggests, as lines of SQL. */
  fix: string[];
}

/** A statement on a table production has: the lock it takes there, and how much that table holds. */
export interface RiskView {
  /** Its place among the plan's statements, from 1. */
  statement: number;
  /** Its first line. */
  sql: string;
  table: string;
  /** `~41 M rows`, or that production's statistics do not say. */
  rows: string;
  /** `12 GB`, or that production could not be asked. */
  size: string;
  /** The lock as PostgreSQL names it: `ACCESS EXCLUSIVE`, `SHARE`, … */
  lock: string;
  /** What it does to the table's rows while it holds the lock. */
  work: 'rewrite' | 'scan' | 'none';
  dataLoss: boolean;
  /** `plan --online` has a form of it that keeps the table writable. */
  online: boolean;
  severity: 'high' | 'medium' | 'low';
}

export interface PlanView {
  /** The plan id, also the branch name: `change-schema-20261124T050607Z`. */
  id: string;
  /** Production's fingerprint the plan was computed against. */
  base: string;
  /** The fingerprint of schema/*.sql the plan leads to. */
  target: string;
  /** The commit whose schema/*.sql is the target. */
  source: string;
  /** Path of the plan file in the repository, e.g. `pending.sql`. */
  file: string;
  /** The plan file's full text, shown in the merge request (truncated when too long). */
  text: string;
  statements: StatementView[];
  /** The statements that will fail on production's rows as the plan stands (none when absent). */
  failures?: FailureView[];
  /** The statements that lock a table production has, in the plan's order (none when absent). */
  risk?: RiskView[];
}

/** One plan file of a fleet's merge request and the databases it runs on. */
export interface FleetGroupView {
  file: string;
  base: string;
  statements: number;
  /** How many targets run it, and the first names (the rest are in the manifest). */
  count: number;
  names: string[];
  more: number;
}

/** What a fleet's merge request says beyond its largest group's plan: every group and who runs it. */
export interface FleetView {
  manifest: string;
  groups: FleetGroupView[];
  /** Targets already at the schema, which run nothing. */
  current: number;
  /** Targets that could not be read, with why; they are not in the plan. */
  unread: { name: string; reason: string }[];
}
