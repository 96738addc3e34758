/** Production is not where the plan starts from; `sql` shows the difference. */
export class DriftError extends Error {
  constructor(message: string, readonly sql: string) {
    super(message);
  }
}

/** The plan does not produce schema/*.sql, or apply did not reach the target; `sql` shows what differs. */
export class NotConvergingError extends Error {
  constructor(message: string, readonly sql: string) {
    super(message);
  }
}

/** The plan carries hazards nobody allowed. */
export class HazardRefusedError extends Error {}

/** Others held a lock longer than every retry waited. */
export class LockBusyError extends Error {}

/** Production is not at the plan's base; the same words for check and apply. */
export function driftFrom(planId: string, base: string, now: string, sql: string): DriftError {
  return new DriftError(`production has changed since ${planId} was planned (base ${base}, production ${now}); nothing applied`, sql);
}

/** The plan names another database than the one connected to. */
export function expectPlannedDatabase(planId: string, planned: string, actual: string): void {
  if (planned !== actual) throw new Error(`${planId} was planned for database "${planned}", not "${actual}"; nothing applied`);
}
