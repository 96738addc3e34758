import type { Catalog, Fact } from '../catalog/fact.js';
import type { Action } from './action.js';
import type { Change } from './delta.js';

export interface RuleContext {
  source: Catalog;
  target: Catalog;
  /** Facts whose parent is `id` in the given catalog, in catalog order. */
  children(catalog: Catalog, id: string): Fact[];
  ruleFor(kind: string): Rule;
  /** Something the migration leaves out on purpose and a person should know (stderr, not SQL). */
  warn(message: string): void;
  /** `plan --online`: where PostgreSQL offers a form that keeps a table writable, the rule writes it. */
  online: boolean;
  /**
   * Whether production has `id` and the migration keeps it, neither dropping nor making it anew.
   * Final once drops and creates are asked for; while alters are, an object may still be found
   * to be recreated, and the alters of what is recreated are then left out.
   */
  kept(id: string): boolean;
}

/**
 * `replace` asks the planner to drop the object and create it again; everything that depends on
 * it is then dropped before and recreated after. An in-place change that Postgres refuses while
 * some dependents exist (a column type under a view) names them with `rebuild`: they are dropped
 * before the change and created again after it. `through` names facts the actions change along
 * with the object (the columns an enum made anew moves over): their dependents are offered to
 * `rebuild` too, and they let go of and take back what they need by themselves.
 */
export type AlterResult =
  | Action[]
  | 'replace'
  | { actions: Action[]; rebuild: (dependent: Fact) => boolean; through?: string[] };

/** Everything the engine knows about writing SQL for one object kind. */
export interface Rule {
  kind: string;
  /** How COMMENT ON and GRANT name the object, e.g. `TABLE public.users`. */
  objectRef(fact: Fact): string;
  /** Statements that create the fact; an action may also create some of its children. */
  create(fact: Fact, ctx: RuleContext): Action[];
  /** Statements that drop the fact; its children go with it. */
  drop(fact: Fact, ctx: RuleContext): Action[];
  alter(change: Change, ctx: RuleContext): AlterResult;
  /** The statement that gives the fact a new last name part; kinds that cannot be renamed leave it out. */
  rename?(fact: Fact, to: string): string;
  /** The names of the fact's members that can be renamed in place, such as an enum's values. */
  members?(fact: Fact): string[];
  renameMember?(fact: Fact, from: string, to: string): string;
  /**
   * Statements that let `dependent` stay while `dependency` is dropped and created again: it lets
   * go of it first and takes it back after (a column's default). Undefined when it cannot, and
   * the dependent is dropped and created again around it.
   */
  keepAround?(dependent: Fact, wanted: Fact, dependency: string, ctx: RuleContext): Action[] | undefined;
}
