/**
 * A case's budget.json (pg-delta): per direction, step classes (`alter:view`, see
 * src/diff/step-classes.ts) the plan must contain and ones it must not. `expectedFailure` records
 * an assertion the peer itself is known to break (its own bug, with its issue): it is reported,
 * not excused, because our plan is held to the budget all the same.
 */
export interface DirectionBudget {
  require?: string[];
  forbid?: string[];
  expectedFailure?: { assertion: string; issue?: string; reason?: string };
}

export interface Budget {
  'a-to-b'?: DirectionBudget;
  'b-to-a'?: DirectionBudget;
}

/** What the harness found against one direction's budget. */
export interface BudgetResult {
  /** `require:<class>` missing from the plan, `forbid:<class>` present in it. */
  violations: string[];
  /** The assertion the peer is known to break, and whether our plan meets it. */
  peerKnownFailure?: { assertion: string; issue?: string; met: boolean };
}

/** The peer's a.sql is our from.sql: a-to-b is from->to. */
export function budgetOf(budget: Budget | undefined, label: 'from->to' | 'to->from'): DirectionBudget | undefined {
  return budget?.[label === 'from->to' ? 'a-to-b' : 'b-to-a'];
}

export function checkBudget(budget: DirectionBudget, steps: string[]): BudgetResult {
  const have = new Set(steps);
  const violations = [
    ...(budget.require ?? []).filter((c) => !have.has(c)).map((c) => `require:${c}`),
    ...(budget.forbid ?? []).filter((c) => have.has(c)).map((c) => `forbid:${c}`),
  ];
  const known = budget.expectedFailure;
  if (!known) return { violations };
  return { violations, peerKnownFailure: { assertion: known.assertion, issue: known.issue, met: !violations.includes(known.assertion) } };
}
