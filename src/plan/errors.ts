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
