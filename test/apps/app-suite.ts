import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from '../../src/sql/quote.js';
import { EVERY_SHADOW, SHADOW_KINDS, type ShadowKind } from '../support/converge.js';
import { createDatabase, databaseUrl, serverUrl, withConnection } from '../support/postgres.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/apps');
/**
 * A cycle runs four CLI processes, each loading a whole application schema into a shadow: through
 * PGlite that alone takes 10 to 15 s on an idle 2-core machine, well past vitest's default.
 */
const CYCLE_TIMEOUT = 240_000;

/** One textual change to one schema file: a string must occur exactly once, a global RegExp at least once. */
export type Replacement = [file: string, find: string | RegExp, replace: string];

/** A change a team would make to its schema files, run as plan → check → apply → empty diff. */
export interface AppEdit {
  name: string;
  replacements: Replacement[];
  /** Rows production needs for the edit to mean something, inserted before planning. */
  seed?: string;
  /** Gated classes apply must be allowed (`--allow-hazards`). */
  allowHazards?: string;
  /**
   * The plan cannot run on production's rows: check must say so (exit 4) before anything runs, and
   * the reviewer's edit of pending.sql this returns (a backfill) must then check and apply.
   */
  backfill?: (plan: string) => string;
  /** A query on production after apply, and the rows it must return (the data survived). */
  after?: { sql: string; rows: unknown[] };
}

export interface App {
  /** The folder under test/fixtures/apps. */
  name: string;
  /** Its schema files, in the order production loads them. */
  files: string[];
  /** Cluster roles the schema grants to or is owned by: made on the server, never by schema-bot. */
  roles: string[];
  edits: AppEdit[];
  /**
   * Shadows on which the app does not converge yet, with the open bug that stops it: the suite
   * names them as skipped, with the reason, rather than pretending they pass.
   */
  openBugs?: Partial<Record<ShadowKind, string>>;
}

function applyReplacements(files: Record<string, string>, replacements: Replacement[]): Record<string, string> {
  const edited = { ...files };
  for (const [file, find, replace] of replacements) {
    const text = edited[file];
    if (text === undefined) throw new Error(`no schema file ${file}`);
    if (typeof find === 'string') {
      const count = text.split(find).length - 1;
      if (count !== 1) throw new Error(`${file}: expected ${JSON.stringify(find)} once, found it ${count} times`);
      edited[file] = text.replace(find, () => replace);
    } else {
      if (!find.global || !find.test(text)) throw new Error(`${file}: ${find} (global) matches nothing`);
      edited[file] = text.replace(find, replace);
    }
  }
  return edited;
}

/** What a failed CLI step said, so a failing expectation shows the command's own words. */
const said = (r: CliResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/**
 * The whole suite for one application schema: it is loaded once into a production database that
 * every case copies (CREATE DATABASE … TEMPLATE), dumped with `schema-bot dump`, and then, through
 * each shadow, diffed against the dump and the original files, and changed edit by edit.
 */
export function describeApp(app: App): void {
  const originals: Record<string, string> = {};
  let loaded: { name: string; url: string; drop(): Promise<void> };
  let dumped: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    await withConnection(serverUrl(), async (c) => {
      const { rows } = await c.query<{ rolname: string }>('select rolname from pg_roles where rolname = any($1)', [app.roles]);
      const existing = new Set(rows.map((r) => r.rolname));
      for (const role of app.roles) if (!existing.has(role)) await c.exec(`CREATE ROLE ${quoteIdent(role)}`);
    });
    for (const file of app.files) originals[file] = await readFile(path.join(fixtures, app.name, file), 'utf8');
    loaded = await createDatabase(`app_${app.name.replace(/\W/g, '_')}`);
    await withConnection(loaded.url, async (c) => {
      for (const file of app.files) await runScript(c, originals[file]!, file);
    });
    dumped = await tempDir();
    const dump = await runCli(['dump', '--out', 'schema'], { env: { DATABASE_URL: loaded.url }, cwd: dumped.path });
    if (dump.code !== 0) throw new Error(`schema-bot dump failed: ${said(dump)}`);
  });

  afterAll(async () => {
    await dumped?.remove();
    await loaded?.drop();
    // The roles stay: the server shares them with every database, and another run may hold them.
  });

  /** A copy of the loaded production for one case, so cases never see each other's changes. */
  async function copyOfProduction(): Promise<{ url: string; drop(): Promise<void> }> {
    const name = `${loaded.name}_${Math.random().toString(16).slice(2, 8)}`;
    await withConnection(serverUrl(), (c) => c.exec(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(loaded.name)}`));
    return {
      url: databaseUrl(name),
      drop: () => withConnection(serverUrl(), (c) => c.exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)),
    };
  }

  const shadowEnv = (shadow: ShadowKind) => ({ SHADOW_DATABASE_URL: shadow === 'server' ? serverUrl() : '' });

  // A shadow with an open bug keeps its real tests, skipped under a title that names the bug, so
  // they run again, unchanged, the moment the entry is removed.
  const title = (shadow: ShadowKind) => `${app.name} through a ${shadow} shadow${app.openBugs?.[shadow] ? ` (skipped: open bug, ${app.openBugs[shadow]})` : ''}`;
  // The round trips run through both shadows on every run: a whole application's schema is where
  // PGlite's reading would part from a server's. The edit cycles run through TEST_SHADOWS.
  for (const shadow of EVERY_SHADOW) describe.skipIf(Boolean(app.openBugs?.[shadow]))(title(shadow), () => {
    it.each([['the dumped files', 'dump'], ['the original files', 'original']] as const)(
      'diffs production against %s as empty',
      async (_, which) => {
        // The fixture folder holds the app's *.sql files beside its LICENSE and README.
        const schema = which === 'dump' ? path.join(dumped.path, 'schema') : path.join(fixtures, app.name);
        const diff = await runCli(['diff', '--detailed-exitcode', '--schema', schema], {
          env: { DATABASE_URL: loaded.url, ...shadowEnv(shadow) },
        });
        expect(diff.stdout, said(diff)).toBe('');
        expect(diff.code, said(diff)).toBe(0);
      },
      CYCLE_TIMEOUT / 4,
    );

    it.runIf(SHADOW_KINDS.includes(shadow)).each(app.edits.map((e) => [e.name, e] as const))('%s: plan, check, apply, then diff is empty', async (_, edit) => {
      const production = await copyOfProduction();
      const files = applyReplacements(originals, edit.replacements);
      const dir = await tempDir(Object.fromEntries(Object.entries(files).map(([f, text]) => [`schema/${f}`, text])));
      try {
        if (edit.seed) await withConnection(production.url, (c) => runScript(c, edit.seed!, 'seed.sql'));
        const env = { DATABASE_URL: production.url, ...shadowEnv(shadow) };
        const cli = (args: string[]) => runCli([...args, '--schema', 'schema'], { env, cwd: dir.path });
        const plan = path.join(dir.path, 'pending.sql');

        const planned = await cli(['plan', '--out', 'pending.sql', '--detailed-exitcode']);
        expect(planned.code, said(planned)).toBe(2);
        if (edit.backfill) {
          const refused = await cli(['check', '--plan', plan]);
          expect(refused.code, `check must refuse a plan production's rows make fail\n${said(refused)}`).toBe(4);
          await writeFile(plan, edit.backfill(await readFile(plan, 'utf8')));
        }
        const checked = await cli(['check', '--plan', plan]);
        expect(checked.code, said(checked)).toBe(0);
        const applied = await cli(['apply', '--plan', plan, ...(edit.allowHazards ? ['--allow-hazards', edit.allowHazards] : [])]);
        expect(applied.stderr, said(applied)).toMatch(/: applied\n/);
        expect(applied.code, said(applied)).toBe(0);
        const after = await cli(['diff', '--detailed-exitcode']);
        expect(after.stdout, said(after)).toBe('');
        expect(after.code, said(after)).toBe(0);
        if (edit.after) {
          expect(await withConnection(production.url, async (c) => (await c.query(edit.after!.sql)).rows)).toEqual(edit.after.rows);
        }
      } finally {
        await dir.remove();
        await production.drop();
      }
    }, CYCLE_TIMEOUT);
  });
}
