import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { withConnection } from '../support/postgres.js';
import { testRoles } from '../support/roles.js';

const [reader, owner] = testRoles('reader', 'owner');

const defaults = (grants: string) => `create schema app; ${grants}`;
const forOwner = `alter default privileges for role ${owner} in schema app`;

// Whether a default grants with the option shows in pg_default_acl as a `*` after the letter;
// role names lose their random suffix.
async function defaultAcl(url: string): Promise<string[]> {
  const { rows } = await withConnection(url, (c) => c.query<{ acl: string }>(
    'select unnest(defaclacl)::text as acl from pg_default_acl order by 1'));
  return rows.map((r) => r.acl.replace(/_[0-9a-f]{8}/g, ''));
}

describe.each(SHADOW_KINDS)('default privileges WITH GRANT OPTION through a %s shadow', (shadow) => {
  it('adds the grant option to one privilege and takes it from another', async () => {
    const result = await converge(
      defaults(`${forOwner} grant select on tables to ${reader}; ${forOwner} grant insert on tables to ${reader} with grant option;
        alter default privileges grant usage on sequences to ${reader};`),
      defaults(`${forOwner} grant select on tables to ${reader} with grant option; ${forOwner} grant insert on tables to ${reader};
        alter default privileges grant usage on sequences to ${reader} with grant option;`),
      shadow,
      { inspect: async (url) => expect(await defaultAcl(url)).toEqual(expect.arrayContaining([expect.stringMatching(/^reader=U\*\//), 'reader=ar*/owner'])) },
    );
    expect(result.migration).toMatch(/GRANT SELECT ON TABLES TO \S+ WITH GRANT OPTION;/);
    expect(result.migration).toMatch(/REVOKE GRANT OPTION FOR INSERT ON TABLES FROM /);
    expect(result.remaining).toBe('');
  });
});
