import type { Fact } from '../../catalog/fact.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action, type Hazard } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { AlterResult, RuleContext } from '../../diff/rule.js';
import { busyTable } from '../table/busy-table.js';
import { columnDefinition, identityClause, identityOptionsSql } from './column-definition.js';
import { restartOutsideBounds } from './sequence-restart.js';
import type { ColumnFact, ColumnInfo, ColumnPayload } from './query.js';
import type { SequenceOptions } from '../sequence/query.js';
import { conversionRisk, hasAssignmentCast, keepsRows } from './type-conversion.js';

const tableOf = (fact: ColumnFact) => qualify(fact.name[0], fact.name[1]);
export const columnRef = (fact: ColumnFact) => `${tableOf(fact)}.${quoteIdent(fact.name[2])}`;

/**
 * Kinds whose definition reads a column and that Postgres refuses to carry across a change of its
 * type (indexes and constraints it rebuilds itself): they are dropped before and created after.
 * So is the column's STORAGE, which the change resets to the new type's.
 */
const REBUILT_AROUND_TYPE_CHANGE = new Set(['view', 'matview', 'policy', 'trigger', 'column_storage']);

/**
 * A generated column reading the retyped one is refused too ("cannot alter type of a column used
 * by a generated column"); its values are computed, so dropping and adding it again loses nothing.
 */
const rebuiltAroundTypeChange = (dependent: Fact) =>
  REBUILT_AROUND_TYPE_CHANGE.has(dependent.kind) || (dependent.kind === 'column' && dependent.payload.generated !== null);

/**
 * Column changes in place, in the order Postgres accepts them: expressions and defaults that would
 * block a type change go first, identity needs NOT NULL before it, and a new default is set only
 * once the column has its new type.
 */
function alterColumn(from: ColumnFact, to: ColumnFact, keys: string[], ctx: RuleContext): AlterResult {
  const a = from.payload;
  const b = to.payload;
  if (b.generated && (a.generated !== b.generated || a.virtual !== b.virtual)) return 'replace';
  // A virtual column has no values of its own to keep: DROP EXPRESSION refuses it.
  if (a.virtual && !b.generated) return 'replace';

  const table = tableOf(to);
  const col = quoteIdent(to.name[2]);
  const out: Action[] = [];
  const alter = (clause: string, hazards: Hazard[] = []) =>
    out.push(action('column', { sql: `ALTER TABLE ${table} ALTER COLUMN ${col} ${clause};`, alters: [to.id], hazards }));
  // Steps that only let go of an expression, default or identity need nothing the target brings,
  // so they may run before it exists (an identity's sequence must be gone before a serial's
  // sequence of the same name is created).
  const letGo = (clause: string) =>
    out.push(action('column', { sql: `ALTER TABLE ${table} ALTER COLUMN ${col} ${clause};`, releases: from.deps }));
  const typeChanges = keys.includes('type') || keys.includes('collation');
  const defaultChanges = keys.includes('default');

  if (a.generated && !b.generated) letGo('DROP EXPRESSION');
  if (a.default !== null && (defaultChanges || typeChanges)) letGo('DROP DEFAULT');
  if (a.identity && !b.identity) letGo('DROP IDENTITY');
  const identity = a.identity && b.identity ? identityChanges(from, to, keys) : undefined;
  // Narrowing an identity column needs its sequence's bounds inside the new type first.
  const identityFirst = identity && typeChanges && !boundsFit(a.identityOptions, b.type);
  if (identityFirst) alter(identity.clause, identity.hazards);
  if (typeChanges) {
    const collate = b.collation ? ` COLLATE ${b.collation}` : '';
    alter(`TYPE ${b.type}${collate}${using(from, to, col)}`, typeChangeHazards(columnRef(to), a.type, b.type));
  }
  if (b.notNull && !a.notNull) {
    const holdsNulls: Hazard = { kind: 'data-dependent', message: `fails if ${columnRef(to)} holds NULLs` };
    if (busyTable(to.parent, ctx)) out.push(...notNullThroughCheck(to, holdsNulls));
    else alter('SET NOT NULL', [{ kind: 'full-scan-under-lock', message: `scans ${columnRef(to)} under an exclusive lock to prove no NULLs` }, holdsNulls]);
  }
  if (b.identity && !a.identity) {
    out.push(
      action('column', { sql: `ALTER TABLE ${table} ALTER COLUMN ${col} ADD ${identityClause(to)};`, alters: [to.id] }),
    );
  } else if (identity && !identityFirst) {
    alter(identity.clause, identity.hazards);
  }
  if (b.default !== null && (defaultChanges || (typeChanges && a.default !== null))) alter(`SET DEFAULT ${b.default}`);
  if (a.notNull && !b.notNull) alter('DROP NOT NULL');
  return typeChanges ? { actions: out, rebuild: rebuiltAroundTypeChange } : out;
}

/**
 * `--online` on a table that holds rows: SET NOT NULL scans the table under an exclusive lock
 * unless a validated CHECK already proves the column has no NULLs. So a check is added NOT VALID,
 * validated without blocking writes, NOT NULL set without a scan, and the check, which the schema
 * does not declare, dropped.
 */
function notNullThroughCheck(to: ColumnFact, holdsNulls: Hazard): Action[] {
  const table = tableOf(to);
  const check = quoteIdent(`${to.name[2].slice(0, 40)}_not_null_schema_bot`);
  const step = (sql: string, more: Partial<Action> = {}) => action('column', { sql: `ALTER TABLE ${table} ${sql};`, alters: [to.id], ...more });
  return [
    step(`ADD CONSTRAINT ${check} CHECK (${quoteIdent(to.name[2])} IS NOT NULL) NOT VALID`),
    step(`VALIDATE CONSTRAINT ${check}`, { transactional: false, hazards: [holdsNulls] }),
    step(`ALTER COLUMN ${quoteIdent(to.name[2])} SET NOT NULL`),
    step(`DROP CONSTRAINT ${check}`),
  ];
}

/** SET GENERATED and sequence options of a column that stays an identity column. */
function identityChanges(from: ColumnFact, to: ColumnFact, keys: string[]): { clause: string; hazards: Hazard[] } | undefined {
  const a = from.payload;
  const b = to.payload;
  const clauses: string[] = [];
  let hazards: Hazard[] = [];
  if (a.identity !== b.identity) clauses.push(`SET GENERATED ${b.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'}`);
  if (keys.includes('identityOptions')) {
    const before = identityOptionsSql(a.identityOptions, 'SET ');
    const changed = identityOptionsSql(b.identityOptions, 'SET ').filter((s) => !before.includes(s));
    clauses.push(...changed);
    if (changed.length && b.identityOptions) {
      const restart = restartOutsideBounds(from.info.identityCurrent, b.identityOptions, columnRef(to));
      clauses.push(...restart.clauses);
      hazards = restart.hazards;
    }
  }
  return clauses.length ? { clause: clauses.join(' '), hazards } : undefined;
}

const INTEGER_RANGES: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

function boundsFit(options: SequenceOptions | null, type: string): boolean {
  const range = INTEGER_RANGES[type];
  if (!range || !options) return true;
  return BigInt(options.min) >= range[0] && BigInt(options.max) <= range[1];
}

/**
 * No USING where PostgreSQL has a conversion of its own: it then converts by assignment, which
 * fails on a value that does not fit where an explicit cast would truncate it. Elsewhere the
 * explicit cast; between user-defined types (enum to enum, …), which have no casts, their text forms.
 */
function using(from: ColumnFact, to: ColumnFact, col: string): string {
  const [a, b] = [from.payload.type, to.payload.type];
  const userType = [...from.deps, ...to.deps].some((id) => id.startsWith('type:'));
  if (to.payload.generated || hasAssignmentCast(a, b)) return '';
  return ` USING ${userType ? `${col}::text::${b}` : `${col}::${b}`}`;
}

function typeChangeHazards(column: string, from: string, to: string): Hazard[] {
  const hazards: Hazard[] = [];
  const risk = conversionRisk(from, to);
  if (risk === 'may-lose') {
    hazards.push({ kind: 'data-loss', message: `may truncate or round values of ${column} changing it from ${from} to ${to}` });
  }
  if (!keepsRows(from, to)) hazards.push({ kind: 'table-rewrite', message: `rewrites the table to change ${column} from ${from} to ${to}` });
  if (risk !== 'none') hazards.push({ kind: 'data-dependent', message: `fails if a value of ${column} does not convert to ${to}` });
  return hazards;
}

/**
 * True when changing a column from one type to the other keeps every value, as the plan writes
 * the change (no USING: PostgreSQL's assignment cast) or, with `explicit`, as `USING col::to`
 * does: each value converts unchanged, or the statement fails and nothing changes. Types as
 * format_type writes them.
 */
export function widens(from: string, to: string, explicit = false): boolean {
  return conversionRisk(from, to, explicit) !== 'may-lose';
}

export function addColumn(fact: ColumnFact) {
  return [
    action('column', {
      sql: `ALTER TABLE ${tableOf(fact)} ADD COLUMN ${columnDefinition(fact)};`,
      creates: [fact.id],
      // A constant or stable default is stored once in the catalog; a volatile one is computed per row.
      hazards: fact.info.volatileDefault
        ? [{ kind: 'table-rewrite', message: `rewrites the table to compute the volatile default of ${columnRef(fact)} for every row` }]
        : [],
    }),
  ];
}

export function dropColumn(fact: ColumnFact) {
  return [
    action('column', {
      sql: `ALTER TABLE ${tableOf(fact)} DROP COLUMN ${quoteIdent(fact.name[2])};`,
      hazards: fact.payload.generated ? [] : [{ kind: 'data-loss', message: `drops column ${columnRef(fact)} and its data` }],
    }),
  ];
}

export const renameColumn = (fact: ColumnFact, to: string) =>
  `ALTER TABLE ${tableOf(fact)} RENAME COLUMN ${quoteIdent(fact.name[2])} TO ${quoteIdent(to)};`;

/** Every attribute of a column changes through one ALTER TABLE sequence, which orders its steps. */
export const changeColumn = ({ from, to, keys }: Change<ColumnPayload, ColumnFact['name'], ColumnInfo>, ctx: RuleContext) => alterColumn(from, to, keys, ctx);

/**
 * Whatever a column needs besides its type, collation and table comes from its default: the
 * default is dropped and set again around it (by the column's own change when the default
 * changes anyway), and the rows stay.
 */
export function keepColumnAround(column: ColumnFact, wanted: ColumnFact, dependency: string, ctx: RuleContext): Action[] | undefined {
  if (column.payload.generated || /^(type|collation|table):/.test(dependency)) return undefined;
  if (column.payload.default !== wanted.payload.default) return [];
  const steps = alterColumn(column, wanted, ['default'], ctx);
  return Array.isArray(steps) ? steps : undefined;
}
