import type { Scope } from '../catalog/scope.js';
import { parseDuration } from '../config/duration.js';
import { DEFAULTS, type Config } from '../config/options.js';
import type { ApplyOptions } from '../apply/apply-plan.js';
import { READ_LOCK_WAITS, type LockWaits } from '../engine/lock-retries.js';
import { CONNECTION_VARIABLES } from '../secrets/process-secrets.js';
import { connectionSetting } from './connection-setting.js';
import { UsageError } from './usage-error.js';

/**
 * How a front end names what a person sets, so that every refusal points at what they can
 * change: a flag of the command line, an input of the GitHub Action.
 */
export interface Spelling {
  /** A setting as the person gave it: `--database-url`, `input database-url`. */
  name(setting: string): string;
  /** How to give a setting (a value): `pass --allow-hazards data-loss`, `set the allow-hazards input to data-loss`. */
  howToGive(setting: string, value?: string): string;
}

export const FLAG_SPELLING: Spelling = {
  name: (setting) => `--${setting}`,
  howToGive: (setting, value) => `pass --${setting}${value ? ` ${value}` : ''}`,
};

/** What a person gave a front end: its flags' or inputs' values by setting name, and the environment. */
export interface Given {
  values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  env: NodeJS.ProcessEnv;
  spelling: Spelling;
}

const text = (given: Given, setting: string) => {
  const value = given.values[setting];
  return typeof value === 'string' ? value : undefined;
};

/** A connection string, from what was given, else its environment variable if it has one; refused when pg would misread it. */
function connection(given: Given, setting: 'database-url' | 'shadow-url' | 'desired-url'): string | undefined {
  const sources: [string, string | undefined][] = [[given.spelling.name(setting), text(given, setting)]];
  const variable = CONNECTION_VARIABLES[setting];
  if (variable) sources.push([variable, given.env[variable]]);
  return connectionSetting(sources);
}

/** The database given (database-url, else $DATABASE_URL), if one was. */
export const givenDatabaseUrl = (given: Given) => connection(given, 'database-url');

/** The database to work on: database-url, else $DATABASE_URL. */
export function databaseUrlOf(given: Given): string {
  const url = givenDatabaseUrl(given);
  if (!url) throw new UsageError(`no database: ${given.spelling.howToGive('database-url')} or set DATABASE_URL`);
  return url;
}

/** The server for shadow databases: shadow-url, else $SHADOW_DATABASE_URL, else none (PGlite). */
export const shadowUrlOf = (given: Given) => connection(given, 'shadow-url');

/** A database to read the desired schema from instead of schema files; only ever given, no variable stands for it. */
export const desiredUrlOf = (given: Given) => connection(given, 'desired-url');

export interface DatabaseSettings {
  databaseUrl: string;
  schemaPath: string | string[];
  shadowUrl?: string;
}

/** The databases and schema files of a command that compares the two. */
export function databaseSettings(given: Given): DatabaseSettings & { schemaPath: string } {
  return { databaseUrl: databaseUrlOf(given), schemaPath: text(given, 'schema') ?? 'schema', shadowUrl: shadowUrlOf(given) };
}

/** How many targets a fleet command reads or applies at once (jobs); 4 unless given. */
export function jobsOf(given: Given): number {
  const value = text(given, 'jobs') ?? '4';
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${given.spelling.name('jobs')} must be a whole number of 1 or more, not "${value}"`);
  return Number(value);
}

/** How a command waits out busy locks: its lock_timeout, and apply's retries and pauses unless told otherwise. */
export function lockWaits(lockTimeout: string, lockRetries = READ_LOCK_WAITS.lockRetries): LockWaits {
  return { lockTimeout, lockRetries, backoffMs: READ_LOCK_WAITS.backoffMs };
}

export type Timing = Pick<ApplyOptions, 'lockTimeout' | 'statementTimeout' | 'indexWaitTimeout' | 'lockRetries' | 'backoffMs'>;

/** How apply waits for locks and statements, with durations the settings have already checked. */
export function timingFromConfig(config: Pick<Config, 'lockTimeout' | 'statementTimeout' | 'indexWaitTimeout'>, lockRetries?: number): Timing {
  return { ...lockWaits(config.lockTimeout, lockRetries), statementTimeout: config.statementTimeout, indexWaitTimeout: config.indexWaitTimeout };
}

/** The timing settings given one by one (lock-timeout, lock-retries, …), each checked, the defaults for the rest. */
export function timingOf(given: Given): Timing {
  const duration = (setting: string, fallback: string) => {
    const value = text(given, setting) ?? fallback;
    const parsed = parseDuration(value);
    if ('problem' in parsed) throw new UsageError(`${given.spelling.name(setting)} ${parsed.problem}, not "${value}"`);
    return value;
  };
  const retries = text(given, 'lock-retries') ?? String(READ_LOCK_WAITS.lockRetries);
  if (!/^\d+$/.test(retries)) throw new UsageError(`${given.spelling.name('lock-retries')} must be a whole number, not "${retries}"`);
  const durations = {
    lockTimeout: duration('lock-timeout', DEFAULTS.lockTimeout),
    statementTimeout: duration('statement-timeout', DEFAULTS.statementTimeout),
    indexWaitTimeout: duration('index-wait-timeout', DEFAULTS.indexWaitTimeout),
  };
  return timingFromConfig(durations, Number(retries));
}

/** The classes of gated statements a person allowed (allow-hazards: comma-separated). */
export function allowedHazards(given: Given): Set<string> {
  return new Set((text(given, 'allow-hazards') ?? '').split(',').map((k) => k.trim()).filter(Boolean));
}

/** The fact kinds of grants (the privileges kinds' own names); no-privileges leaves them out on both sides. */
const PRIVILEGE_KINDS = ['privileges', 'default_privileges'];

/** Which schemas and kinds a diff looks at: include-schema, exclude-schema, no-comments, no-privileges. */
export function scopeOf(given: Given): Scope {
  const list = (setting: string) => {
    const value = given.values[setting];
    return Array.isArray(value) ? value : [];
  };
  return {
    includeSchemas: list('include-schema'),
    excludeSchemas: list('exclude-schema'),
    excludeKinds: [...(given.values['no-comments'] ? ['comment'] : []), ...(given.values['no-privileges'] ? PRIVILEGE_KINDS : [])],
  };
}
