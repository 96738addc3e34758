import type { Action } from '../diff/action.js';
import { riskFigures, type StatementRisk } from '../plan/plan-risk.js';
import type { FailureView, PlanView, RiskView, StatementView } from '../templates/plan-view.js';

/** What a statement does to its object, from what it creates and destroys rather than its SQL. */
function changeOf(a: Action): StatementView['change'] {
  if (a.creates.length > 0 && a.destroys.length === 0) return 'create';
  if (a.destroys.length > 0 && a.creates.length === 0) return 'drop';
  if (a.alters.length > 0 || a.creates.length > 0) return 'alter';
  return 'other';
}

/** A statement's risk with its figures written out, as the merge request shows them. */
export const riskView = (r: StatementRisk): RiskView => ({
  statement: r.statement,
  sql: r.sql,
  table: r.table,
  ...riskFigures(r.size),
  lock: r.lock,
  work: r.work,
  dataLoss: r.dataLoss,
  online: r.online,
  severity: r.severity,
});

/**
 * The templates' view of a freshly made plan; `failures` are those its probes of production's
 * rows found, `risk` what its statements cost on production's tables.
 */
export function planView(
  plan: { id: string; base: string; target: string; source: string; text: string },
  actions: Action[],
  file: string,
  failures: FailureView[] = [],
  risk: StatementRisk[] = [],
): PlanView {
  return {
    id: plan.id,
    base: plan.base,
    target: plan.target,
    source: plan.source,
    file,
    text: plan.text,
    statements: actions.map((a) => ({ sql: a.sql, kind: a.kind, change: changeOf(a), hazards: a.hazards, transactional: a.transactional })),
    failures,
    risk: risk.map(riskView),
  };
}
