import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';

const table = 'create table t (a text, ts timestamp);';

/**
 * AT TIME ZONE and IS NORMALIZED print their own parentheses, and up to PostgreSQL 15 a key element
 * gets one more pair around them; PGlite is PostgreSQL 18, whose text has one pair less. Through
 * either shadow a PostgreSQL 15 target must read the same key as the shadow.
 */
describe.each(SHADOW_KINDS)('key elements that are AT TIME ZONE or IS NORMALIZED through a %s shadow', (shadow) => {
  it('creates an index key, a partition key, a statistics expression and an exclusion element once', async () => {
    const result = await converge(table, table + `
      create index t_utc on t ((ts at time zone 'utc'));
      create index t_keys on t (a, (ts at time zone 'utc'), (a is nfc normalized)) where (ts at time zone 'utc') is not null;
      create table p (ts timestamp) partition by range ((ts at time zone 'utc'));
      create statistics t_s on (ts at time zone 'utc'), lower(a) from t;
      alter table t add constraint t_x exclude using btree ((ts at time zone 'utc') with =);`, shadow);
    expect(result.migration).toContain(`CREATE INDEX t_utc ON public.t USING btree ((ts AT TIME ZONE 'utc'::text));`);
    expect(result.remaining).toBe('');
  });
});
