import { GATE_CLASSES, type GateClass } from '../plan/classify-statement.js';
import { READ_LOCK_WAITS } from '../engine/lock-retries.js';
import { DEFAULT_PROBE_MAX_ROWS } from '../plan/row-probes.js';
import { DEFAULT_SMALL_TABLE_ROWS } from '../plan/plan-risk.js';
import type { Severity } from '../lint/lint-rule.js';

/**
 * Every setting of `.schema-bot.yml`, once: its key in the file, its environment variable, its
 * command-line flag, its default and its meaning. Loading, validation and help text all read
 * this table, so they cannot disagree.
 */
export interface Config {
  /** Which host to talk to; `auto` picks GitHub in Actions, GitLab in GitLab CI, else local. */
  host: 'auto' | 'github' | 'gitlab' | 'local';
  /** Directories, files or globs of the declared schema. */
  schema: string[];
  pendingFile: string;
  branchPrefix: string;
  labels: { change: string; destructive: string };
  reviewers: string[];
  approvers: string[];
  requiredApprovals: number;
  /** The classes of statement that make a plan wait for the approvals. */
  gated: GateClass[];
  lockTimeout: string;
  statementTimeout: string;
  indexWaitTimeout: string;
  /** The most rows (pg_class.reltuples) a table may hold for check to scan it in a row probe; 0 for no limit. */
  probeMaxRows: number;
  /** How the merge request rates what the plan's statements cost on production's tables. */
  risk: { smallTableRows: number };
  online: boolean;
  /** Severities of lint rules by id; a rule not named keeps its own. */
  lint: Record<string, Severity>;
  /** Resolved against the directory of the configuration file. */
  templateDir?: string;
  commitAuthor: { name: string; email: string };
  /** The databases the schema is kept on; empty: the one database of DATABASE_URL. */
  targets: TargetSpec[];
  /** With targets, the directory of the plan: one file per group of targets and a manifest. */
  pendingDir: string;
}

/**
 * One database, or one set of databases that a query lists, the schema is kept on. The URL is
 * never in the file: `urlEnv` names the environment variable that holds it.
 */
export interface TargetSpec {
  name: string;
  urlEnv: string;
  /** A query on the database of `urlEnv` returning database names: one target per name, on the same server. */
  databases?: string;
  environment: string;
  /** Waves apply in ascending order; a wave starts only when every earlier one has applied. */
  wave: number;
  /** The environment whose ledger must record a plan file as applied before these targets run it. */
  promotedFrom?: string;
}

export type OptionType = 'string' | 'list' | 'classes' | 'integer' | 'boolean' | 'duration' | 'author' | 'host' | 'labels' | 'risk' | 'path' | 'lint' | 'targets';

export interface OptionSpec {
  key: keyof Config;
  /** The key in `.schema-bot.yml`. */
  file: string;
  env?: string;
  flag?: string;
  type: OptionType;
  help: string;
}

export const OPTIONS: OptionSpec[] = [
  { key: 'host', file: 'host', env: 'SCHEMA_BOT_HOST', flag: 'host', type: 'host', help: 'github, gitlab, local or auto (GitHub in Actions, GitLab in GitLab CI, else local)' },
  { key: 'schema', file: 'schema', env: 'SCHEMA_BOT_SCHEMA', flag: 'schema', type: 'list', help: 'directories, files or globs of the declared schema' },
  { key: 'pendingFile', file: 'pending_file', env: 'SCHEMA_BOT_PENDING_FILE', flag: 'pending-file', type: 'path', help: 'the plan file a merge request carries' },
  { key: 'branchPrefix', file: 'branch_prefix', env: 'SCHEMA_BOT_BRANCH_PREFIX', flag: 'branch-prefix', type: 'string', help: 'prefix of the bot’s branches, followed by a UTC timestamp' },
  { key: 'labels', file: 'labels', type: 'labels', help: 'labels for every schema change (change) and for plans that need approval (destructive)' },
  { key: 'reviewers', file: 'reviewers', env: 'SCHEMA_BOT_REVIEWERS', flag: 'reviewers', type: 'list', help: 'usernames asked to review plans that need approval (see gated)' },
  { key: 'approvers', file: 'approvers', env: 'SCHEMA_BOT_APPROVERS', flag: 'approvers', type: 'list', help: 'usernames whose approval counts for plans that need approval (empty: anyone with write access but the bot and the plan’s editors)' },
  { key: 'requiredApprovals', file: 'required_approvals', env: 'SCHEMA_BOT_REQUIRED_APPROVALS', flag: 'required-approvals', type: 'integer', help: 'approvals a plan of a gated class needs before apply' },
  { key: 'gated', file: 'gated', env: 'SCHEMA_BOT_GATED', flag: 'gated', type: 'classes', help: `statement classes that need the approvals: ${GATE_CLASSES.join(', ')} (computed from the statements; 'none' for none)` },
  { key: 'lockTimeout', file: 'lock_timeout', env: 'SCHEMA_BOT_LOCK_TIMEOUT', flag: 'lock-timeout', type: 'duration', help: 'PostgreSQL lock_timeout while applying and while reading production’s catalog (e.g. 5s, 500ms, 2min)' },
  { key: 'statementTimeout', file: 'statement_timeout', env: 'SCHEMA_BOT_STATEMENT_TIMEOUT', flag: 'statement-timeout', type: 'duration', help: 'PostgreSQL statement_timeout while applying (0 for none)' },
  { key: 'indexWaitTimeout', file: 'index_wait_timeout', env: 'SCHEMA_BOT_INDEX_WAIT_TIMEOUT', flag: 'index-wait-timeout', type: 'duration', help: 'lock_timeout of CREATE INDEX CONCURRENTLY, which waits for every older transaction and starts over when cancelled' },
  { key: 'probeMaxRows', file: 'probe_max_rows', env: 'SCHEMA_BOT_PROBE_MAX_ROWS', flag: 'probe-max-rows', type: 'integer', help: 'the largest table (estimated rows) plan and check scan to tell whether a statement fails on production’s rows; larger ones are left unprobed with a warning (0: no limit)' },
  { key: 'risk', file: 'risk', type: 'risk', help: 'small_table_rows: tables under that many rows (estimated) have their locks and rewrites rated low in the plan’s risk; data loss never is' },
  { key: 'online', file: 'online', env: 'SCHEMA_BOT_ONLINE', flag: 'online', type: 'boolean', help: 'prefer statements that keep tables writable (CONCURRENTLY, NOT VALID then VALIDATE)' },
  { key: 'lint', file: 'lint', type: 'lint', help: 'severity of each lint rule by id: error, warning or off (schema-bot lint --help lists the rules)' },
  { key: 'templateDir', file: 'template_dir', env: 'SCHEMA_BOT_TEMPLATE_DIR', flag: 'template-dir', type: 'path', help: 'directory of <name>.hbs files replacing the default merge request templates' },
  { key: 'targets', file: 'targets', type: 'targets', help: 'the databases to keep on the schema, each {name, url_env, environment, wave} with optional databases (a query listing database names on that server) and promoted_from (an environment that must have applied the same plan file first); none: DATABASE_URL alone' },
  { key: 'pendingDir', file: 'pending_dir', env: 'SCHEMA_BOT_PENDING_DIR', flag: 'pending-dir', type: 'path', help: 'with targets, the directory a merge request carries: manifest.json and one plan file per group of targets' },
  { key: 'commitAuthor', file: 'commit_author', env: 'SCHEMA_BOT_COMMIT_AUTHOR', flag: 'commit-author', type: 'author', help: 'author of the bot’s commits, as "Name <email>"' },
];

export const DEFAULTS: Config = {
  host: 'auto',
  schema: ['schema/'],
  pendingFile: 'pending.sql',
  branchPrefix: 'change-schema-',
  labels: { change: 'schema-change', destructive: 'destructive' },
  reviewers: [],
  approvers: [],
  requiredApprovals: 1,
  gated: [...GATE_CLASSES],
  lockTimeout: READ_LOCK_WAITS.lockTimeout,
  statementTimeout: '0',
  indexWaitTimeout: '30min',
  probeMaxRows: DEFAULT_PROBE_MAX_ROWS,
  risk: { smallTableRows: DEFAULT_SMALL_TABLE_ROWS },
  online: false,
  lint: {},
  commitAuthor: { name: 'schema-bot', email: 'schema-bot@users.noreply.github.com' },
  targets: [],
  pendingDir: 'pending',
};

/** Options for node:util parseArgs, so a command accepts every flag of the table. */
export function configFlags(): Record<string, { type: 'string' | 'boolean' }> {
  return Object.fromEntries([
    ['config', { type: 'string' as const }],
    ...OPTIONS.filter((o) => o.flag).map((o) => [o.flag!, { type: o.type === 'boolean' ? ('boolean' as const) : ('string' as const) }]),
  ]);
}

/** An option's default as help shows it: lists joined by commas, the author as "Name <email>". */
export function shownDefault(option: OptionSpec): string {
  const value: unknown = DEFAULTS[option.key];
  if (option.key === 'commitAuthor') return `${DEFAULTS.commitAuthor.name} <${DEFAULTS.commitAuthor.email}>`;
  if (Array.isArray(value)) return value.join(',') || '(none)';
  if (option.key === 'lint') return "each rule's own";
  if (option.key === 'targets') return 'DATABASE_URL alone';
  if (option.key === 'risk') return `small_table_rows=${DEFAULTS.risk.smallTableRows}`;
  if (typeof value === 'object' && value) return Object.entries(value).map(([k, v]) => `${k}=${v}`).join(' ');
  return String(value ?? '(none)');
}

/** The settings as help text: flag, environment variable, default, meaning. */
export function configHelp(): string {
  return OPTIONS.map((o) => {
    const names = [o.flag && `--${o.flag}`, o.env, `${o.file}:`].filter(Boolean).join(', ');
    return `  ${names}\n      ${o.help} (default: ${shownDefault(o)})`;
  }).join('\n');
}
