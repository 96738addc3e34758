import type { Catalog } from '../catalog/fact.js';
import { splitStatements } from '../db/split-statements.js';
import type { Action } from '../diff/action.js';
import { GATE_CLASSES, type GateClass } from './classify-statement.js';
import { DEFAULT_GATED, planGate } from './gate.js';

/**
 * The actions with the hazards of the gate's classes taken from the gate itself, statement by
 * statement, so that pending.sql's comments and header, and the merge request, render exactly what
 * check and apply will find; the engine's own guesses at those classes are dropped.
 */
export async function withGateHazards(actions: Action[], production: Catalog): Promise<Action[]> {
  const parsed = await Promise.all(actions.map((a, i) => splitStatements(`statement ${i + 1}`, a.sql)));
  const gate = planGate(parsed.flat(), production, DEFAULT_GATED);
  let next = 0;
  return actions.map((a, i) => {
    const findings = parsed[i]!.flatMap(() => gate.statements[next++]!.findings);
    const others = a.hazards.filter((h) => !GATE_CLASSES.includes(h.kind as GateClass));
    return { ...a, hazards: [...findings, ...others] };
  });
}
