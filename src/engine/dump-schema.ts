import type { Catalog, Fact } from '../catalog/fact.js';
import { factId } from '../catalog/fact-id.js';
import type { Action } from '../diff/action.js';
import { planMigration } from '../diff/planner.js';
import { kindRank, RULES_BY_KIND } from '../kinds/index.js';

/** One file of a dump: a path relative to the output directory and its SQL. */
export interface DumpFile {
  path: string;
  sql: string;
}

/**
 * The catalog as files a person would keep: the migration from an empty database, grouped so that
 * each table's file holds the table with its columns, constraints, indexes, owned sequences and
 * comments, and every other object sits in one file per kind. Loading tolerates any file order, so
 * a foreign key may name a table from another file.
 */
export function dumpSchema(catalog: Catalog): DumpFile[] {
  const actions = creationActions(catalog);
  const files = new Map<string, Action[]>();
  for (const a of actions) {
    const path = fileFor(a, catalog);
    files.set(path, [...(files.get(path) ?? []), a]);
  }
  return [...files]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, fileActions]) => ({ path, sql: fileSql(fileActions) }));
}

/**
 * A file's statements, after the session settings they need: each file must also load on its own
 * with psql, where a function whose body reads a table from another file needs unchecked bodies.
 */
function fileSql(actions: Action[]): string {
  const settings = [...new Set(actions.flatMap((a) => a.settings))].map((s) => `SET ${s};`);
  return `${[...settings, ...actions.map((a) => a.sql)].join('\n\n')}\n`;
}

/** The statements that build the catalog's schema in a new, empty database. */
export function creationActions(catalog: Catalog): Action[] {
  return planMigration(freshDatabase(catalog), catalog, RULES_BY_KIND, kindRank).actions;
}

/**
 * What every new database already has, so the dump does not create it again: the public schema and
 * the comment initdb gives it on every major. A production public schema without that comment then
 * dumps as `COMMENT ON SCHEMA public IS NULL`, which a shadow made from the template needs to match.
 */
function freshDatabase(catalog: Catalog): Catalog {
  const publicSchema = catalog.get(factId('schema', 'public'));
  if (!publicSchema) return new Map();
  const comment: Fact = {
    id: `comment:${publicSchema.id}`,
    kind: 'comment',
    name: [publicSchema.id],
    parent: publicSchema.id,
    payload: { text: 'standard public schema' },
    info: {},
    deps: [publicSchema.id],
  };
  return new Map([[publicSchema.id, publicSchema], [comment.id, comment]]);
}

function fileFor(a: Action, catalog: Catalog): string {
  const fact = catalog.get(a.creates[0] ?? a.alters[0] ?? '');
  if (!fact) return `${a.kind}.sql`;
  const table = owningTable(fact, catalog);
  if (table) return `tables/${safeFileName(table.name.join('.'))}.sql`;
  return `${topmost(fact, catalog).kind}s.sql`;
}

/** The table a fact belongs to, following parents: a column's, a comment's on an index's, … */
function owningTable(fact: Fact, catalog: Catalog): Fact | undefined {
  for (let f: Fact | undefined = fact; f; f = f.parent ? catalog.get(f.parent) : undefined) {
    if (f.kind === 'table') return f;
  }
  return undefined;
}

function topmost(fact: Fact, catalog: Catalog): Fact {
  let f = fact;
  while (f.parent && catalog.has(f.parent)) f = catalog.get(f.parent)!;
  return f;
}

/** Keeps names readable while making them safe on every file system. */
function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
