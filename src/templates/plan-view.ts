/**
 * What the templates show of a plan: plain data, so the plan module (or a test) can fill it in
 * without the templates knowing how plans are made.
 */
export interface HazardView {
  /** A hazard kind such as `data-loss` or `table-rewrite`. */
  kind: string;
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
}
