import type { Config, TargetSpec } from '../config/options.js';
import type { FleetTarget } from '../fleet/fleet-target.js';
import type { Forge } from '../forge/forge.js';
import type { Repository } from '../git/repository.js';
import type { Templates } from '../templates/render.js';

/** Everything a phase of `schema-bot run` works with; built once by the caller. */
export interface RunContext {
  config: Config;
  /**
   * The settings with `.schema-bot.yml` as it stood at a commit (flags and environment still
   * win): what gates a plan comes from the default branch before the merge, never from the merge.
   */
  configAt(rev: string): Promise<Config>;
  forge: Forge;
  repo: Repository;
  templates: Templates;
  /** The one database (DATABASE_URL); absent when the settings list targets and none was given. */
  databaseUrl?: string;
  /** The settings' targets as databases, their URLs read from the environment (sets listed by their query). */
  resolveTargets(specs: TargetSpec[]): Promise<FleetTarget[]>;
  /** How many targets are read or applied at once. */
  jobs: number;
  /** A server for shadow databases; PGlite when absent. */
  shadowUrl?: string;
  /** The remote's default branch, where merged plans land. */
  defaultBranch: string;
  /** Who applies, for the ledger. */
  appliedBy: string;
  now: Date;
  log: (message: string) => void;
  /** How apply waits out busy locks: retries after lock_timeout, first pause in ms (doubling). */
  lockRetries: number;
  backoffMs: number;
}

/** What a run did, for the job summary, the exit code and tests. */
export interface RunOutcome {
  phase: 'plan' | 'apply';
  result:
    | 'opened'
    | 'updated'
    | 'unchanged'
    | 'kept-commits'
    | 'closed'
    | 'nothing to do'
    | 'applied'
    | 'apply-refused'
    | 'superseded';
  planId?: string;
  mergeRequestUrl?: string;
  /** The merged plan that production drifted from, removed unapplied before this plan was made. */
  superseded?: string;
  /** Whether the plan can lose data and so needs approvals. */
  destructive: boolean;
  /** The job summary in markdown, from the summary template. */
  summary: string;
}
