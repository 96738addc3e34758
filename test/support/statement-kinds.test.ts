import { expect, it } from 'vitest';
import { statementKinds } from './statement-kinds.js';

it('names each kind of statement once, with the action of an ALTER TABLE and without the transaction or hazards', async () => {
  const migration = `BEGIN;
-- hazard authz-change: changes which rows policy own ON app.docs lets through
DROP POLICY own ON app.docs;
CREATE POLICY own ON app.docs USING ((level > 2));
ALTER TABLE "App Schema"."ADD" ADD COLUMN "DROP" integer;
ALTER TABLE app.docs ALTER COLUMN level TYPE bigint;
ALTER TABLE app.docs ALTER COLUMN owner SET DEFAULT 'x';
GRANT INSERT, SELECT ON TABLE app.docs TO reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO reader;
CREATE OR REPLACE FUNCTION app.f() RETURNS integer LANGUAGE sql AS $$ select 1; ALTER TABLE x DROP COLUMN y $$;
COMMIT;
`;
  expect(await statementKinds(migration)).toEqual([
    'ALTER DEFAULT PRIVILEGES', 'ALTER TABLE ADD COLUMN', 'ALTER TABLE ALTER COLUMN', 'CREATE OR REPLACE FUNCTION', 'CREATE POLICY',
    'DROP POLICY', 'GRANT',
  ]);
});

it('finds no statement in an empty migration', async () => {
  expect(await statementKinds('')).toEqual([]);
});
