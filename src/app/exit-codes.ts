import { DriftError, HazardRefusedError, LockBusyError, NotConvergingError } from '../engine/errors.js';

/** Exit codes a pipeline can branch on; every command's --help lists the ones it uses. */
export const EXIT = {
  ok: 0,
  /** Bad usage or input, an unreachable database, any other failure. */
  error: 1,
  /** There are changes (`diff`/`plan` with --detailed-exitcode). */
  changes: 2,
  /** Production is no longer at the plan's base fingerprint. */
  drift: 3,
  /** The plan does not turn production into schema/*.sql, or apply did not reach the target. */
  notConverging: 4,
  /** The plan has statements of gated classes that were not approved or allowed. */
  refused: 5,
  /** A lock could not be taken within lock_timeout after every retry, by a step or a catalog read. */
  busy: 6,
  /** `lint` found what a rule of severity error objects to. */
  lintErrors: 7,
} as const;

/** The lines of --help that explain the codes a command uses. */
export function exitCodeHelp(codes: (keyof typeof EXIT)[]): string {
  const text: Record<keyof typeof EXIT, string> = {
    ok: 'success',
    error: 'error: bad usage or input, unreachable database',
    changes: 'there are changes (with --detailed-exitcode)',
    drift: 'production is no longer at the plan\'s base fingerprint (the drift is printed as SQL)',
    notConverging: 'the plan does not produce schema/*.sql (what differs is printed as SQL)',
    refused: 'refused: the plan has statements of gated classes (data-loss, data-change, unverifiable) that were not approved or allowed',
    lintErrors: 'the schema has findings of lint rules whose severity is error',
    busy: 'a lock was still held by others after every retry (a catalog read names the table and the holding pid); a waiting step was rolled back (or, outside a transaction, is resumed by the next apply)',
  };
  return `Exit codes:\n${codes.map((c) => `  ${EXIT[c]}  ${text[c]}`).join('\n')}`;
}

/** The exit code for an error a command threw. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof DriftError) return EXIT.drift;
  if (error instanceof NotConvergingError) return EXIT.notConverging;
  if (error instanceof HazardRefusedError) return EXIT.refused;
  if (error instanceof LockBusyError) return EXIT.busy;
  return EXIT.error;
}
