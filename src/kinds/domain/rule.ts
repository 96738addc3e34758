import { action, type Action, type Hazard } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { RuleContext } from '../../diff/rule.js';
import { recreateAside } from '../common/recreate-aside.js';
import type { TypeName } from '../common/type-fact.js';
import { typeName as domainName } from '../common/type-rule.js';
import { isDomainConstraint } from '../domain-constraint/query.js';
import { domainConstraintClause } from '../domain-constraint/rule.js';
import type { DomainFact, DomainPayload } from './query.js';

type DomainChange = Change<DomainPayload, TypeName>;

/** CREATE DOMAIN with its valid CHECK constraints inline; NOT VALID ones can only be added later. */
export function createDomain(fact: DomainFact, ctx: RuleContext): Action[] {
  const p = fact.payload;
  const parts = [`CREATE DOMAIN ${domainName(fact)} AS ${p.base}`];
  if (p.collation) parts.push(`COLLATE ${p.collation}`);
  if (p.default !== null) parts.push(`DEFAULT ${p.default}`);
  if (p.notNull) parts.push('NOT NULL');
  const inline = ctx.children(ctx.target, fact.id).filter(isDomainConstraint).filter((c) => c.payload.validated);
  parts.push(...inline.map(domainConstraintClause));
  return [action('domain', { sql: `${parts.join(' ')};`, creates: [fact.id, ...inline.map((c) => c.id)] })];
}

export const dropDomain = (fact: DomainFact): Action[] => [
  action('domain', { sql: `DROP DOMAIN ${domainName(fact)};`, hazards: [{ kind: 'data-loss', message: `drops domain ${domainName(fact)}` }] }),
];

const remade = (keys: DomainChange['keys']) => keys.includes('base') || keys.includes('collation');

/** A new base type or collation needs the domain made anew, its columns moving over through text. */
export function remakeDomain({ from, to }: DomainChange, ctx: RuleContext): Action[] {
  const hazards: Hazard[] = [{ kind: 'data-dependent', message: `fails if a value of ${domainName(to)} does not fit ${to.payload.base}` }];
  return recreateAside(from, to, createDomain(to, ctx), ctx, hazards);
}

/** Default and NOT NULL change in place; a domain made anew (remakeDomain) has them already. */
export function alterDomain({ to, keys }: DomainChange): Action[] {
  if (remade(keys)) return [];
  const name = domainName(to);
  const out: Action[] = [];
  const alter = (clause: string, hazards: Hazard[] = []) =>
    out.push(action('domain', { sql: `ALTER DOMAIN ${name} ${clause};`, alters: [to.id], hazards }));
  if (keys.includes('default')) alter(to.payload.default === null ? 'DROP DEFAULT' : `SET DEFAULT ${to.payload.default}`);
  if (keys.includes('notNull')) {
    if (to.payload.notNull) {
      alter('SET NOT NULL', [
        { kind: 'full-scan-under-lock', message: `scans every column of domain ${name} to prove no NULLs` },
        { kind: 'data-dependent', message: `fails if a column of domain ${name} holds NULLs` },
      ]);
    } else alter('DROP NOT NULL');
  }
  return out;
}
