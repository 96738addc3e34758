import type { PlanStep } from '../plan/plan-file.js';

/**
 * What apply says about a step that commits on its own (PlanStep.commitsItself) and did not
 * finish: whatever part of it ran stays, so it is never run again; a person checks it and names
 * it with --resume-after-step, which records it as done. The number is the step's place in the
 * plan as `schema-bot apply` counts it in its log, and its first line of SQL shows which it is.
 */
export function stepLabel(index: number, step: PlanStep): string {
  const sql = step.statements[0]!.split('\n').map((line) => line.trim()).find((line) => line && !line.startsWith('--')) ?? '';
  return `step ${index + 1} (${sql})`;
}

function resumeAdvice(index: number): string {
  return `check by hand what it did (finish or undo its work if need be), then record it as done and go on with: schema-bot apply --resume-after-step ${index + 1}`;
}

/** A crash or kill stopped apply while the step ran. */
export function interruptedStep(planId: string, index: number, step: PlanStep): Error {
  return new Error(
    `${planId} stopped during ${stepLabel(index, step)}, which commits on its own: it may have done all, part or none ` +
      `of its work, so it is not run again; ${resumeAdvice(index)}`,
  );
}

/** The step itself failed, possibly after committing part of its work. */
export function failedStep(index: number, step: PlanStep, error: Error): Error {
  return new Error(`${error.message}; ${stepLabel(index, step)} commits on its own, so it may have done part of its work and is not run again; ${resumeAdvice(index)}`, { cause: error });
}

/** --resume-after-step must name the very step an earlier apply left started. */
export function expectResumable(planId: string, resumeAfterStep: number | undefined, started: number | null | undefined, steps: PlanStep[]): void {
  if (resumeAfterStep === undefined) return;
  const waiting = started !== null && started !== undefined && steps[started]?.commitsItself ? started : undefined;
  if (waiting !== undefined && waiting + 1 === resumeAfterStep) return;
  const instead = waiting === undefined ? 'no step of it waits to be checked by hand' : `${stepLabel(waiting, steps[waiting]!)} does`;
  throw new Error(`--resume-after-step ${resumeAfterStep} does not fit ${planId}: ${instead}; nothing applied`);
}
