import { describe, expect, it } from 'vitest';
import { resolveTargets } from '../../src/fleet/resolve-targets.js';

const spec = (urlEnv: string) => ({ name: 'prod', urlEnv, environment: 'production', wave: 0 });

describe('targets as databases', () => {
  it('names a variable that is unset or holds no URL, and never shows what it holds', async () => {
    await expect(resolveTargets([spec('PROD_URL')], {})).rejects.toThrow('target prod: the environment variable PROD_URL is not set');
    const token = 'ghp_notAUrl0123456789';
    const refused = resolveTargets([spec('GITHUB_TOKEN')], { GITHUB_TOKEN: token });
    await expect(refused).rejects.toThrow('target prod: the environment variable GITHUB_TOKEN does not hold a postgres:// URL (its value is not shown, as it may be a secret)');
    await expect(refused).rejects.not.toThrow(token);
  });

  it('takes a plain target as its URL, with its environment and wave', async () => {
    expect(await resolveTargets([spec('PROD_URL')], { PROD_URL: 'postgres://app@db/app' })).toEqual([
      { name: 'prod', url: 'postgres://app@db/app', environment: 'production', wave: 0 },
    ]);
  });
});
