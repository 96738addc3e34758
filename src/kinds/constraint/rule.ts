import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action, type Hazard } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { RuleContext } from '../../diff/rule.js';
import { busyTable } from '../table/busy-table.js';
import type { ConstraintFact, ConstraintInfo, ConstraintPayload } from './query.js';

export const tableOf = (fact: ConstraintFact) => qualify(fact.name[0], fact.name[1]);
export const nameOf = (fact: ConstraintFact) => quoteIdent(fact.name[2]);
const label = (fact: ConstraintFact) => `${nameOf(fact)} on ${tableOf(fact)}`;
const isKey = (fact: ConstraintFact) => ['p', 'u', 'x'].includes(fact.info.type);

/** What ADD CONSTRAINT says after the definition: only what differs from PostgreSQL's defaults. */
function addedDeferrability(fact: ConstraintFact): string {
  return `${fact.payload.deferrable ? ' DEFERRABLE' : ''}${fact.payload.deferred ? ' INITIALLY DEFERRED' : ''}`;
}

function addStatement(fact: ConstraintFact, notValid: boolean): string {
  return `ALTER TABLE ${tableOf(fact)} ADD CONSTRAINT ${nameOf(fact)} ${fact.payload.definition}${addedDeferrability(fact)}${notValid ? ' NOT VALID' : ''};`;
}

function deferrability(fact: ConstraintFact): string {
  const p = fact.payload;
  return `${p.deferrable ? 'DEFERRABLE' : 'NOT DEFERRABLE'} INITIALLY ${p.deferred ? 'DEFERRED' : 'IMMEDIATE'}`;
}

/**
 * What adding the constraint costs on a table that already holds rows; a table created by the
 * same migration is empty, so its constraints cost nothing worth a review.
 */
function addHazards(fact: ConstraintFact, ctx: RuleContext): Hazard[] {
  if (!fact.parent || !ctx.source.has(fact.parent)) return [];
  const what = label(fact);
  const hazards: Hazard[] = [];
  if (isKey(fact)) {
    hazards.push({ kind: 'constraint-index-lock', message: `builds the index of ${what} while writes to the table wait` });
  }
  if (fact.info.type === 'f') {
    hazards.push({ kind: 'fk-lock', message: `locks ${tableOf(fact)} and the referenced table against writes to add ${what}` });
  }
  if (!isKey(fact) && fact.payload.validated) {
    hazards.push({
      kind: 'full-scan-under-lock',
      message: `scans ${tableOf(fact)} under lock to check ${what}; adding it NOT VALID and validating later avoids that`,
    });
  }
  if (isKey(fact) || fact.payload.validated) {
    hazards.push({ kind: 'data-dependent', message: `fails if existing rows violate ${what}` });
  }
  return hazards;
}

export function createConstraint(fact: ConstraintFact, ctx: RuleContext): Action[] {
  if (busyTable(fact.parent, ctx)) {
    const online = addOnline(fact);
    if (online) return online;
  }
  const p = fact.payload;
  const out = [action('constraint', { sql: addStatement(fact, !p.validated), creates: [fact.id], hazards: addHazards(fact, ctx) })];
  // The deparsed definition leaves storage parameters out and has no one place to put them back
  // (an exclusion's WHERE follows them), so they go on the new index, which has the constraint's name.
  if (p.storage) {
    const index = qualify(fact.name[0], fact.name[2]);
    out.push(action('constraint', { sql: `ALTER INDEX ${index} SET (${p.storage});`, alters: [fact.id] }));
  }
  return out;
}

/**
 * `--online` on a table that holds rows: a foreign key or check is added NOT VALID (a short lock,
 * no scan) and validated on its own, which lets writes go on; a unique or primary key takes over
 * an index built CONCURRENTLY. Undefined where PostgreSQL has no such form (an exclusion
 * constraint, a key with storage parameters, one that is not checked now).
 */
function addOnline(fact: ConstraintFact): Action[] | undefined {
  const p = fact.payload;
  const type = fact.info.type;
  const validation: Hazard[] = [{ kind: 'data-dependent', message: `fails if existing rows violate ${label(fact)}` }];
  if ((type === 'f' || type === 'c') && p.validated) {
    return [
      action('constraint', { sql: addStatement(fact, true), creates: [fact.id] }),
      action('constraint', { sql: `ALTER TABLE ${tableOf(fact)} VALIDATE CONSTRAINT ${nameOf(fact)};`, alters: [fact.id], transactional: false, hazards: validation }),
    ];
  }
  const key = /^(UNIQUE|PRIMARY KEY) (NULLS NOT DISTINCT )?(\(.*\))( INCLUDE \(.*\))?$/.exec(p.definition);
  if ((type !== 'u' && type !== 'p') || !key || p.storage) return undefined;
  const [, kind, nulls, columns, include] = key;
  const index = `CREATE UNIQUE INDEX CONCURRENTLY ${nameOf(fact)} ON ${tableOf(fact)} USING btree ${columns}${include ?? ''}${nulls ? ' NULLS NOT DISTINCT' : ''};`;
  const using = `ALTER TABLE ${tableOf(fact)} ADD CONSTRAINT ${nameOf(fact)} ${kind} USING INDEX ${nameOf(fact)}${addedDeferrability(fact)};`;
  // The build brings the constraint's name into being: it waits for what the key reads and for
  // the drop of a constraint of the same name, and what needs the key waits for the take-over.
  return [
    action('constraint', { sql: index, creates: [fact.id], transactional: false, hazards: validation }),
    action('constraint', { sql: using, alters: [fact.id] }),
  ];
}

/**
 * Validation and a foreign key's deferrability change in place; anything else is a new constraint.
 * A constraint the target leaves NOT VALID may stay validated: validating it did no harm.
 */
export function alterFlags({ from, to, keys }: Change<ConstraintPayload, ConstraintFact['name'], ConstraintInfo>): Action[] | 'replace' {
  const deferrabilityChanges = keys.includes('deferrable') || keys.includes('deferred');
  if (deferrabilityChanges && to.info.type !== 'f') return 'replace';
  const out: Action[] = [];
  const alter = (clause: string, hazards: Hazard[] = []) =>
    out.push(action('constraint', { sql: `ALTER TABLE ${tableOf(to)} ${clause};`, alters: [to.id], hazards }));
  if (deferrabilityChanges) alter(`ALTER CONSTRAINT ${nameOf(to)} ${deferrability(to)}`);
  if (to.payload.validated && !from.payload.validated) {
    alter(`VALIDATE CONSTRAINT ${nameOf(to)}`, [
      { kind: 'data-dependent', message: `fails if existing rows violate ${label(to)}` },
    ]);
  }
  return out;
}

/** Dropping a key lets duplicates in and breaks ON CONFLICT on it. */
export function dropConstraint(fact: ConstraintFact): Action[] {
  return [
    action('constraint', {
      sql: `ALTER TABLE ${tableOf(fact)} DROP CONSTRAINT ${nameOf(fact)};`,
      hazards: ['p', 'u'].includes(fact.info.type)
        ? [{ kind: 'breaking-change', message: `drops ${label(fact)}: duplicates are accepted from now on and ON CONFLICT on it fails` }]
        : [],
    }),
  ];
}
