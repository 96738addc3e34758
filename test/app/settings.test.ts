import { describe, expect, it } from 'vitest';
import { INPUT_SPELLING } from '../../src/action/inputs.js';
import { allowedHazards, databaseSettings, databaseUrlOf, FLAG_SPELLING, scopeOf, shadowUrlOf, timingOf, type Given } from '../../src/app/settings.js';
import { UsageError } from '../../src/app/usage-error.js';
import { DEFAULTS } from '../../src/config/options.js';
import { READ_LOCK_WAITS } from '../../src/engine/lock-retries.js';

const flags = (values: Given['values'], env: NodeJS.ProcessEnv = {}): Given => ({ values, env, spelling: FLAG_SPELLING });
const inputs = (values: Given['values'], env: NodeJS.ProcessEnv = {}): Given => ({ values, env, spelling: INPUT_SPELLING });

describe('the settings every front end resolves alike', () => {
  it('takes a database given over its variable, and names what is missing as the front end spells it', () => {
    const env = { DATABASE_URL: 'postgres://env@db/app', SHADOW_DATABASE_URL: 'postgres://env@shadow/postgres' };
    expect(databaseUrlOf(flags({ 'database-url': 'postgres://flag@db/app' }, env))).toBe('postgres://flag@db/app');
    expect(databaseSettings(flags({}, env))).toEqual({ databaseUrl: env.DATABASE_URL, schemaPath: 'schema', shadowUrl: env.SHADOW_DATABASE_URL });
    expect(shadowUrlOf(inputs({}))).toBeUndefined();
    expect(() => databaseUrlOf(flags({}))).toThrow(new UsageError('no database: pass --database-url or set DATABASE_URL'));
    expect(() => databaseUrlOf(inputs({}))).toThrow(new UsageError('no database: set the database-url input or set DATABASE_URL'));
  });

  it('refuses a connection string pg would misread by the name it was given under, never showing it', () => {
    const refusal = (resolve: () => unknown) => {
      try {
        resolve();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    const keywordForm = refusal(() => databaseUrlOf(inputs({ 'database-url': 'host=db password=hunter2' })));
    expect(keywordForm).toMatch(/^input database-url must be a postgres:\/\/ URL/);
    expect(keywordForm).not.toContain('hunter2');
    expect(refusal(() => shadowUrlOf(flags({}, { SHADOW_DATABASE_URL: 'postgres://a:hunter2#c@db/x' })))).toMatch(/^SHADOW_DATABASE_URL holds a "#"(?!.*hunter2)/);
  });

  it('gives apply the configured defaults, and reads each duration with the one parser', () => {
    expect(timingOf(flags({}))).toEqual({
      lockTimeout: DEFAULTS.lockTimeout,
      statementTimeout: DEFAULTS.statementTimeout,
      indexWaitTimeout: DEFAULTS.indexWaitTimeout,
      lockRetries: READ_LOCK_WAITS.lockRetries,
      backoffMs: READ_LOCK_WAITS.backoffMs,
    });
    expect(timingOf(flags({ 'lock-timeout': '1.5s', 'lock-retries': '0' }))).toMatchObject({ lockTimeout: '1.5s', lockRetries: 0 });
    expect(() => timingOf(flags({ 'lock-timeout': '500us' }))).toThrow(/^--lock-timeout rounds to 0ms, which PostgreSQL reads as no timeout at all; .*, not "500us"$/);
    expect(() => timingOf(flags({ 'statement-timeout': 'soon' }))).toThrow('--statement-timeout must be a duration such as 500ms, 5s, 2min or 0, not "soon"');
    expect(() => timingOf(flags({ 'lock-retries': 'three' }))).toThrow('--lock-retries must be a whole number, not "three"');
  });

  it('reads the allowed classes and the scope of a diff', () => {
    expect([...allowedHazards(inputs({ 'allow-hazards': ' data-loss, data-change ,' }))]).toEqual(['data-loss', 'data-change']);
    expect(allowedHazards(flags({})).size).toBe(0);
    expect(scopeOf(flags({ 'include-schema': ['app'], 'no-privileges': true }))).toEqual({
      includeSchemas: ['app'],
      excludeSchemas: [],
      excludeKinds: ['privileges', 'default_privileges'],
    });
  });
});
