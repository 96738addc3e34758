import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerHolds } from '../../src/apply/ledger.js';
import { makePlan } from '../../src/plan/make-plan.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the ledger matches a plan by id and content', () => {
  it('reads no ledger where there is none, and refuses another file under an applied id', async () => {
    const db = await createDatabase('ledger_ids');
    cleanups.push(db.drop);
    const dir = await tempDir({ 'schema/app.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text);' });
    cleanups.push(dir.remove);
    await withConnection(db.url, (c) => runScript(c, 'CREATE TABLE users (id int PRIMARY KEY);'));
    const made = await makePlan({ databaseUrl: db.url, schemaPath: path.join(dir.path, 'schema'), shadowUrl: serverUrl(), source: 'none', now: new Date(), log: () => {} });
    const plan = path.join(dir.path, 'pending.sql');
    await writeFile(plan, made.text);
    const apply = () => runCli(['apply', '--plan', plan, '--database-url', db.url, '--shadow-url', serverUrl()]);

    // Planning reads the ledger without creating it.
    expect(await ledgerHolds(db.url, made.id)).toBe(false);
    expect(await withConnection(db.url, async (c) => (await c.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'schema_bot'`)).rows)).toHaveLength(0);

    expect((await apply()).code).toBe(0);
    expect(await ledgerHolds(db.url, made.id)).toBe(true);
    expect((await apply()).stderr).toContain('already applied');

    await writeFile(plan, `${await readFile(plan, 'utf8')}-- the same id, another file\n`);
    const reused = await apply();
    expect(reused.code).not.toBe(0);
    expect(reused.stderr).toContain(`${made.id} was applied from a file with other content; a plan id is never reused`);
  });
});
