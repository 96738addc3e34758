import { describe, expect, it } from 'vitest';
import { portableNames } from '../../src/catalog/portable-names.js';
import { readSchemaFiles } from '../../src/db/load-schema.js';
import { resolveSchemaFiles } from '../../src/db/schema-files.js';
import { SchemaLoadError, splitStatements } from '../../src/db/split-statements.js';
import { inNewestGrammar } from '../../src/db/target-grammar.js';
import { converge, diffAgainst, SHADOW_KINDS } from '../support/converge.js';
import { KEYWORD_NAMES_SCHEMA, OLDER_BODY } from '../support/keyword-names.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

const SCHEMA = KEYWORD_NAMES_SCHEMA + OLDER_BODY;
const mainMajor = Math.floor((await withConnection(serverUrl(), (c) => c.serverVersion())) / 10000);

// PostgreSQL 13 to 15 write these names bare (`json.json(json json)`), 17 and 18 quote them and no
// longer parse them bare: the schema is written as 15 reads it, production is the tests' server,
// and the embedded shadow is PostgreSQL 18.
describe.skipIf(mainMajor >= 16)('names that later majors made keywords, on a PostgreSQL 13–15 production', () => {
  describe.each(SHADOW_KINDS)('through a %s shadow', (shadow) => {
    it('reads the files in production\'s grammar and finds nothing to do', async () => {
      const production = await createDatabase('keyword_names');
      try {
        await withConnection(production.url, (c) => c.exec(SCHEMA));
        expect(await diffAgainst(production.url, SCHEMA, shadow)).toBe('');
      } finally {
        await production.drop();
      }
    });

    it('creates them from nothing with SQL that production runs, and a second diff is empty', async () => {
      const result = await converge('', SCHEMA, shadow);
      expect(result.migration).toContain('CREATE OR REPLACE FUNCTION "json"."json"("json" json,');
      expect(result.remaining).toBe('');
      expect(result.fingerprints.shadow).toBe(result.fingerprints.database);
    });
  });

  it('dumps them quoted, so that the files read back on every major as no change', async () => {
    const production = await createDatabase('keyword_dump');
    const out = await tempDir();
    try {
      await withConnection(production.url, (c) => c.exec(SCHEMA));
      expect((await runCli(['dump', '--database-url', production.url, '--out', out.path], { cwd: out.path })).code).toBe(0);
      // Read with the newest grammar, as a production of any major would have them read.
      const statements = await readSchemaFiles(await resolveSchemaFiles(out.path));
      const dumped = statements.map((s) => s.sql).join(';\n');
      expect(dumped).toContain('"json"."merge_action"');
      for (const shadow of SHADOW_KINDS) expect(await diffAgainst(production.url, dumped, shadow), shadow).toBe('');
    } finally {
      await out.remove();
      await production.drop();
    }
  });
});

describe('catalog text of an older major, quoted as every major reads it', () => {
  const pg15 = 150004;

  it('quotes routine, parameter and schema names, and leaves the type json and the body alone', () => {
    const definition = 'CREATE OR REPLACE FUNCTION json.json(json json, b json.json_query DEFAULT \'{}\'::json)\n RETURNS SETOF json\n'
      + ' LANGUAGE sql\nAS $function$ select json from json.t $function$';
    expect(portableNames(definition, pg15, 'statement')).toBe(
      'CREATE OR REPLACE FUNCTION "json"."json"("json" json, b "json"."json_query" DEFAULT \'{}\'::json)\n RETURNS SETOF json\n'
        + ' LANGUAGE sql\nAS $function$ select json from json.t $function$');
    expect(portableNames('json json, OUT system_user text', pg15, 'arguments')).toBe('"json" json, OUT "system_user" text');
    expect(portableNames('TABLE(json json, x json.json_object)', pg15, 'result')).toBe('TABLE("json" json, x "json"."json_object")');
  });

  it('tells a column and an alias named json from the type', () => {
    expect(portableNames('SELECT json, (json)::json AS json_table FROM json.t json', pg15, 'statement'))
      .toBe('SELECT "json", ("json")::json AS "json_table" FROM "json".t "json"');
    expect(portableNames('public.t USING btree (json, system_user)', pg15, 'index')).toBe('public.t USING btree ("json", "system_user")');
    expect(portableNames('json[]', pg15, 'name')).toBe('json[]');
    expect(portableNames('json.json_query', pg15, 'name')).toBe('"json"."json_query"');
  });

  it('leaves the keywords of 16 and the text of 17 and later as they are', () => {
    expect(portableNames('(json IS JSON)', 160002, 'expression')).toBe('("json" IS JSON)');
    expect(portableNames('SELECT json', 170000, 'statement')).toBe('SELECT json');
  });
});

describe('schema files read in the grammar of an older major', () => {
  it('quotes the names that major reads as names, and nothing in strings, bodies or comments', () => {
    const { text } = inNewestGrammar("create function f(json json) returns json as $$ select json $$; -- json\nselect 'json', JSON", 15);
    expect(text).toBe('create function f("json" "json") returns "json" as $$ select json $$; -- json\nselect \'json\', "json"');
  });

  it('keeps what 16 reads as its keyword json', () => {
    expect(inNewestGrammar('select a is json, b is not json, c json from t json', 16).text)
      .toBe('select a is json, b is not json, c "json" from t "json"');
  });

  it('points an error at the file as written', async () => {
    const file = 'create table t (json json, system_user text, x nosuchtype(1 2));';
    const error = await splitStatements('t.sql', file, 15).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaLoadError);
    expect((error as SchemaLoadError).column).toBe(file.indexOf('2)') + 1);
  });
});
