import type { Catalog, Fact } from '../catalog/fact.js';
import { action, type Action, type HazardKind } from '../diff/action.js';
import { qualify, quoteIdent } from '../sql/quote.js';

/**
 * `plan --online`: rewrites statements that hold strong locks on tables that already hold rows
 * into the patterns PostgreSQL offers for busy tables. Tables the plan creates or recreates are
 * empty and keep the plain statements, which stay inside the transaction.
 */
export function onlineActions(actions: Action[], source: Catalog, target: Catalog): Action[] {
  const recreated = new Set(actions.flatMap((a) => a.destroys));
  const busyTable = (id: string | undefined): boolean => {
    const table = id ? source.get(id) : undefined;
    return Boolean(table && table.kind === 'table' && !table.payload.partitioned && !recreated.has(table.id));
  };
  // Only the statements that build or drop: a rename that makes an index or a key out of what a
  // detached partition kept, or a DETACH that keeps one, builds nothing.
  return actions.flatMap((a) => {
    const created = a.creates.length === 1 ? target.get(a.creates[0]!) : undefined;
    if (created && busyTable(created.parent)) {
      if (created.kind === 'index' && CREATE_INDEX.test(a.sql)) return [concurrentIndex(a)];
      if (created.kind === 'constraint' && ADD_CONSTRAINT.test(a.sql)) return onlineConstraint(a, created) ?? [a];
    }
    const dropped = a.destroys.length === 1 ? source.get(a.destroys[0]!) : undefined;
    if (dropped?.kind === 'index' && DROP_INDEX.test(a.sql) && busyTable(dropped.parent) && target.has(dropped.parent!)) {
      return [rewrite(a, a.sql.replace(DROP_INDEX, 'DROP INDEX CONCURRENTLY '), 'blocking-index')];
    }
    const column = a.alters.length === 1 ? target.get(a.alters[0]!) : undefined;
    if (column?.kind === 'column' && busyTable(column.parent) && / ALTER COLUMN \S+ SET NOT NULL;$/.test(a.sql)) {
      return notNullThroughCheck(a, column);
    }
    return [a];
  });
}

const CREATE_INDEX = /^CREATE (UNIQUE )?INDEX /;
const DROP_INDEX = /^DROP INDEX /;
const ADD_CONSTRAINT = /^ALTER TABLE .* ADD CONSTRAINT /s;

/** The same statement outside any transaction, without the hazard it no longer has. */
function rewrite(a: Action, sql: string, gone: HazardKind): Action {
  return action(a.kind, { ...a, sql, transactional: false, hazards: a.hazards.filter((h) => h.kind !== gone) });
}

function concurrentIndex(a: Action): Action {
  return rewrite(a, a.sql.replace(CREATE_INDEX, 'CREATE $1INDEX CONCURRENTLY '), 'blocking-index');
}

/**
 * Foreign keys and checks are added NOT VALID (a short lock, no scan) and validated on their own,
 * which lets writes go on. Unique and primary keys take over an index built concurrently.
 */
function onlineConstraint(a: Action, c: Fact): Action[] | undefined {
  const table = qualify(c.name[0]!, c.name[1]!);
  const name = quoteIdent(c.name[2]!);
  const type = String(c.info.type);
  const later = a.hazards.filter((h) => h.kind === 'data-dependent');
  if ((type === 'f' || type === 'c') && c.payload.validated) {
    return [
      action(a.kind, { ...a, sql: a.sql.replace(/;$/, ' NOT VALID;'), hazards: [] }),
      action(a.kind, { sql: `ALTER TABLE ${table} VALIDATE CONSTRAINT ${name};`, alters: a.creates, transactional: false, hazards: later }),
    ];
  }
  const key = /^(UNIQUE|PRIMARY KEY) (NULLS NOT DISTINCT )?(\(.*\))( INCLUDE \(.*\))?$/.exec(String(c.payload.definition));
  if ((type !== 'u' && type !== 'p') || !key || c.payload.storage) return undefined;
  const [, kind, nulls, columns, include] = key;
  let using = `ALTER TABLE ${table} ADD CONSTRAINT ${name} ${kind} USING INDEX ${name}`;
  if (c.payload.deferrable) using += ' DEFERRABLE';
  if (c.payload.deferred) using += ' INITIALLY DEFERRED';
  return [
    action(a.kind, {
      sql: `CREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${table} USING btree ${columns}${include ?? ''}${nulls ? ' NULLS NOT DISTINCT' : ''};`,
      transactional: false,
      hazards: later,
    }),
    action(a.kind, { ...a, sql: `${using};`, hazards: [] }),
  ];
}

/**
 * SET NOT NULL scans the table under an exclusive lock unless a validated CHECK already proves
 * the column has no NULLs: add that check NOT VALID, validate it without blocking writes, set NOT
 * NULL (no scan), then drop the check, which the schema does not declare.
 */
function notNullThroughCheck(a: Action, column: Fact): Action[] {
  const table = qualify(column.name[0]!, column.name[1]!);
  const check = quoteIdent(`${column.name[2]!.slice(0, 40)}_not_null_schema_bot`);
  const col = quoteIdent(column.name[2]!);
  const later = a.hazards.filter((h) => h.kind === 'data-dependent');
  return [
    action(a.kind, { sql: `ALTER TABLE ${table} ADD CONSTRAINT ${check} CHECK (${col} IS NOT NULL) NOT VALID;`, alters: a.alters }),
    action(a.kind, { sql: `ALTER TABLE ${table} VALIDATE CONSTRAINT ${check};`, alters: a.alters, transactional: false, hazards: later }),
    action(a.kind, { ...a, hazards: [] }),
    action(a.kind, { sql: `ALTER TABLE ${table} DROP CONSTRAINT ${check};`, alters: a.alters }),
  ];
}
