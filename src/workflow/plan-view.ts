import type { Action } from '../diff/action.js';
import type { FailureView, PlanView, StatementView } from '../templates/plan-view.js';

/** What a statement does to its object, from what it creates and destroys rather than its SQL. */
function changeOf(a: Action): StatementView['change'] {
  if (a.creates.length > 0 && a.destroys.length === 0) return 'create';
  if (a.destroys.length > 0 && a.creates.length === 0) return 'drop';
  if (a.alters.length > 0 || a.creates.length > 0) return 'alter';
  return 'other';
}

/** The templates' view of a freshly made plan; `failures` are those its probes of production's rows found. */
export function planView(
  plan: { id: string; base: string; target: string; source: string; text: string },
  actions: Action[],
  file: string,
  failures: FailureView[] = [],
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
  };
}
