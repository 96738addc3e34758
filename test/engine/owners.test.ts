import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { testRoles } from '../support/roles.js';

const [owner] = testRoles('owner');

const objects = 'create schema app; create table app.t (id serial); create sequence app.s;';
const handedOver = `${objects} alter schema app owner to ${owner}; alter table app.t owner to ${owner};
  alter sequence app.s owner to ${owner};`;

describe.each(SHADOW_KINDS)('owners through a %s shadow', (shadow) => {
  it('hands objects over with --owners, the serial sequence going with its table', async () => {
    const result = await converge(objects, handedOver, shadow, { owners: true });
    expect(result.migration.split('\n').filter((l) => l.includes('OWNER TO')).sort()).toEqual([
      `ALTER SCHEMA app OWNER TO ${owner};`,
      `ALTER SEQUENCE app.s OWNER TO ${owner};`,
      `ALTER TABLE app.t OWNER TO ${owner};`,
    ]);
    expect(result.remaining).toBe('');
  });

  it('gives objects back to whoever runs the migration', async () => {
    const result = await converge(handedOver, objects, shadow, { owners: true });
    expect(result.migration).toContain('ALTER TABLE app.t OWNER TO CURRENT_USER;');
    expect(result.remaining).toBe('');
  });

  it('hands over an object the migration creates', async () => {
    const result = await converge('', `create table t (a int); alter table t owner to ${owner};`, shadow, { owners: true });
    expect(result.migration).toContain(`ALTER TABLE public.t OWNER TO ${owner};`);
    expect(result.remaining).toBe('');
  });

  it('leaves owners alone without --owners', async () => {
    expect((await converge(handedOver, objects, shadow)).migration).toBe('');
  });
});
