import { newOwner, ownerChange, vetAggregate, adminPhase } from '../db/privileged-statements.js';
import { runFunctionStatement } from '../db/privileged-functions.js';
import type { Shadow } from '../db/shadow.js';
import type { Statement } from '../db/split-statements.js';
import type { PlanStep } from '../plan/plan-file.js';
import { runStep } from './run-step.js';

/** Drops of what only the admin session made in a server shadow: the sandbox role owns neither. */
const ADMIN_OWNED = new Set(['OBJECT_EXTENSION', 'OBJECT_EVENT_TRIGGER']);

function needsAdmin(s: Statement): boolean {
  return adminPhase(s) !== undefined || (s.type === 'DropStmt' && ADMIN_OWNED.has(String(s.node.removeType)));
}

/**
 * Runs one step of a plan in a server shadow: as the sandbox role, but for the declarative
 * statements that need more than owning the database (an event trigger, an owner change, a drop
 * of an extension), which run on the admin session where they stand, vetted as in a schema load,
 * and the extensions the admin made before anything else ran (`made`), which are skipped. Such a
 * statement cannot share the sandbox's transaction: the step then runs a statement at a time. The
 * shadow is thrown away, so that costs the rehearsal only the atomicity of a step that fails anyway.
 */
export async function runPrivilegedStep(shadow: Shadow, step: PlanStep, statements: Statement[], made: Set<Statement>, log: (message: string) => void): Promise<void> {
  if (shadow.admin === shadow.db || !statements.some((s) => made.has(s) || needsAdmin(s))) return runStep(shadow.db, step);
  for (const s of statements.filter((x) => !made.has(x))) {
    const alone = { ...step, statements: [s.sql] };
    if (!needsAdmin(s)) {
      await runStep(shadow.db, alone);
    } else if (s.type === 'DefineStmt') {
      await runStep({ exec: (sql) => vetAggregate(shadow.admin, sql) }, { ...alone, transactional: false });
    } else if (s.type === 'CreateFunctionStmt') {
      await runStep({ exec: () => runFunctionStatement(shadow, s) }, { ...alone, transactional: false });
    } else {
      const owner = newOwner(s);
      const verdict = owner === undefined ? 'run' : await ownerChange(shadow.admin, owner);
      if (verdict === 'run') await runStep(shadow.admin, alone);
      if (verdict === 'refused') log(`warning: not handing an object to ${owner} in the shadow, a role with power beyond its own objects`);
    }
  }
}
