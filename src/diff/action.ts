/** Why a statement deserves a reviewer's attention. */
export type HazardKind =
  | 'data-loss'
  | 'data-change'
  | 'unverifiable'
  | 'table-rewrite'
  | 'full-scan-under-lock'
  | 'blocking-index'
  | 'fk-lock'
  | 'constraint-index-lock'
  | 'non-transactional'
  | 'data-dependent'
  | 'breaking-change'
  | 'cascade-recreate'
  | 'authz-change';

export interface Hazard {
  kind: HazardKind;
  message: string;
}

/**
 * One statement of a migration as a value: what it does to the fact graph decides where it goes,
 * its hazards decide who must approve it, `transactional` whether it may share a transaction.
 */
export interface Action {
  sql: string;
  /** Kind of the fact the action is about; breaks ordering ties and groups summaries. */
  kind: string;
  creates: string[];
  destroys: string[];
  alters: string[];
  /** Of the ids it alters, those it gives a new name (ALTER … RENAME): what a plan summary calls a rename. */
  renames?: string[];
  /** Fact ids that must exist before this statement runs. */
  needs: readonly string[];
  /**
   * Creates or drops its fact as a placeholder (a view of NULLs), which needs only `needs` and
   * holds nothing else: what needs the fact can come between the placeholder and its query.
   */
  placeholder?: boolean;
  /** Fact ids this statement stops depending on: their drops must wait for it. */
  releases: readonly string[];
  hazards: Hazard[];
  transactional: boolean;
  /** Session settings the statement needs (`check_function_bodies = off`), set once before the script. */
  settings: string[];
}

export type ActionSpec = Pick<Action, 'sql'> & Partial<Omit<Action, 'sql'>>;

/**
 * Fills in the defaults a rule does not need to say: no hazards, transactional, no extra edges.
 * A statement outside any transaction is a hazard of its own, whatever the rule: it cannot roll
 * back with the statements around it.
 */
export function action(kind: string, spec: ActionSpec): Action {
  const a: Action = {
    kind,
    creates: [],
    destroys: [],
    alters: [],
    needs: [],
    releases: [],
    hazards: [],
    transactional: true,
    settings: [],
    ...spec,
  };
  if (a.transactional || a.hazards.some((h) => h.kind === 'non-transactional')) return a;
  const hazard: Hazard = { kind: 'non-transactional', message: 'runs outside a transaction and does not roll back with the rest' };
  return { ...a, hazards: [...a.hazards, hazard] };
}
