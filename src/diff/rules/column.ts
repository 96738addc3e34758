import type { Fact, Json } from '../../catalog/fact.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action, type Hazard } from '../action.js';
import type { AlterResult, Rule } from '../rule.js';
import { columnDefinition, identityClause, identityOptionsSql } from './column-definition.js';
import { restartOutsideBounds } from './sequence-restart.js';

const tableOf = (fact: Fact) => qualify(fact.name[0]!, fact.name[1]!);
const columnRef = (fact: Fact) => `${tableOf(fact)}.${quoteIdent(fact.name[2]!)}`;

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
function alterColumn(from: Fact, to: Fact, keys: string[]): AlterResult {
  const a = from.payload;
  const b = to.payload;
  if (b.generated && (a.generated !== b.generated || a.virtual !== b.virtual)) return 'replace';
  // A virtual column has no values of its own to keep: DROP EXPRESSION refuses it.
  if (a.virtual && !b.generated) return 'replace';

  const table = tableOf(to);
  const col = quoteIdent(to.name[2]!);
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
    // Postgres has no casts between user-defined types (enum to enum, …); their text forms convert.
    const userType = [...from.deps, ...to.deps].some((id) => id.startsWith('type:'));
    const using = b.generated ? '' : ` USING ${userType ? `${col}::text::${b.type}` : `${col}::${b.type}`}`;
    alter(`TYPE ${b.type}${collate}${using}`, typeChangeHazards(columnRef(to), a.type, b.type));
  }
  if (b.notNull && !a.notNull) {
    alter('SET NOT NULL', [
      { kind: 'full-scan-under-lock', message: `scans ${columnRef(to)} under an exclusive lock to prove no NULLs` },
      { kind: 'data-dependent', message: `fails if ${columnRef(to)} holds NULLs` },
    ]);
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

/** SET GENERATED and sequence options of a column that stays an identity column. */
function identityChanges(from: Fact, to: Fact, keys: string[]): { clause: string; hazards: Hazard[] } | undefined {
  const a = from.payload;
  const b = to.payload;
  const clauses: string[] = [];
  let hazards: Hazard[] = [];
  if (a.identity !== b.identity) clauses.push(`SET GENERATED ${b.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'}`);
  if (keys.includes('identityOptions')) {
    const before = identityOptionsSql(a.identityOptions as Record<string, Json> | null, 'SET ');
    const changed = identityOptionsSql(b.identityOptions as Record<string, Json> | null, 'SET ').filter((s) => !before.includes(s));
    clauses.push(...changed);
    if (changed.length) {
      const restart = restartOutsideBounds(from.info.identityCurrent, b.identityOptions as Record<string, Json>, columnRef(to));
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

function boundsFit(options: Json | undefined, type: Json | undefined): boolean {
  const range = INTEGER_RANGES[String(type)];
  const o = options as Record<string, Json> | null;
  if (!range || !o) return true;
  return BigInt(String(o.min)) >= range[0] && BigInt(String(o.max)) <= range[1];
}

function typeChangeHazards(column: string, from: Json | undefined, to: Json | undefined): Hazard[] {
  const hazards: Hazard[] = [
    { kind: 'table-rewrite', message: `may rewrite the table to change ${column} from ${from} to ${to}` },
    { kind: 'data-dependent', message: `fails if a value of ${column} does not cast to ${to}` },
  ];
  if (!widens(String(from), String(to))) {
    hazards.unshift({ kind: 'data-loss', message: `may truncate or round values of ${column} changing it from ${from} to ${to}` });
  }
  return hazards;
}

/** Types each of which holds every value of those before it. */
const WIDENING_LADDERS = [
  ['smallint', 'integer', 'bigint', 'numeric'],
  ['real', 'double precision'],
  ['timestamp without time zone', 'timestamp with time zone'],
];

/**
 * True for type changes known to keep every value: up a ladder, a longer varchar or a numeric with
 * no fewer digits on either side of the point, anything to text. Any other change may lose data.
 */
export function widens(from: string, to: string): boolean {
  if (to === 'text') return true;
  if (WIDENING_LADDERS.some((l) => l.includes(from) && l.indexOf(to) > l.indexOf(from))) return true;
  const varchar = /^character varying\((\d+)\)$/;
  const [vf, vt] = [varchar.exec(from), varchar.exec(to)];
  if (vf && (to === 'character varying' || (vt && Number(vt[1]) >= Number(vf[1])))) return true;
  const numeric = /^numeric\((\d+),(\d+)\)$/;
  const [nf, nt] = [numeric.exec(from), numeric.exec(to)];
  if (nf && to === 'numeric') return true;
  return Boolean(nf && nt && Number(nt[2]) >= Number(nf[2]) && Number(nt[1]) - Number(nt[2]) >= Number(nf[1]) - Number(nf[2]));
}

export const columnRule: Rule = {
  kind: 'column',
  objectRef: (fact) => `COLUMN ${columnRef(fact)}`,
  create: (fact) => [
    action('column', { sql: `ALTER TABLE ${tableOf(fact)} ADD COLUMN ${columnDefinition(fact)};`, creates: [fact.id] }),
  ],
  drop: (fact) => [
    action('column', {
      sql: `ALTER TABLE ${tableOf(fact)} DROP COLUMN ${quoteIdent(fact.name[2]!)};`,
      hazards: fact.payload.generated ? [] : [{ kind: 'data-loss', message: `drops column ${columnRef(fact)} and its data` }],
    }),
  ],
  alter: ({ from, to, keys }) => alterColumn(from, to, keys),
  rename: (fact, to) => `ALTER TABLE ${tableOf(fact)} RENAME COLUMN ${quoteIdent(fact.name[2]!)} TO ${quoteIdent(to)};`,
  // Whatever a column needs besides its type, collation and table comes from its default: the
  // default is dropped and set again around it (by the column's own change when the default
  // changes anyway), and the rows stay.
  keepAround: (column, wanted, dependency) => {
    if (column.payload.generated || /^(type|collation|table):/.test(dependency)) return undefined;
    if (column.payload.default !== wanted.payload.default) return [];
    const steps = alterColumn(column, wanted, ['default']);
    return Array.isArray(steps) ? steps : undefined;
  },
};
