import type { Catalog } from '../catalog/fact.js';
import { extractCatalog } from '../engine/read-catalog.js';
import { fingerprint } from '../catalog/fingerprint.js';
import { roleNames } from '../kinds/roles/query.js';
import { runFunctionStatement } from '../db/privileged-functions.js';
import { adminPhase } from '../db/privileged-statements.js';
import { extensionsCreated, extensionsMadeFirst } from '../db/load-schema.js';
import { splitStatements, type Statement } from '../db/split-statements.js';
import { withShadow } from '../engine/compute-migration.js';
import { creationActions } from '../engine/dump-schema.js';
import { NotConvergingError } from '../engine/errors.js';
import type { Plan } from '../plan/plan-file.js';
import { runPrivilegedStep } from './privileged-plan-step.js';

/**
 * Production's schema built from nothing in a shadow, then the plan run on it exactly as written
 * by the shadow's sandbox role, since a reviewer may have edited it; the catalog after. The
 * rebuild is the tool's own SQL from production's catalog: what the sandbox role may not do
 * (extensions, event triggers, publications of all tables) runs on the admin session, the rest as
 * the sandbox role, which then owns the tables the plan alters. check compares it with
 * schema/*.sql, apply with the plan's target, before production is touched.
 */
export async function rehearse(production: Catalog, plan: Plan, shadowUrl: string | undefined, log: (message: string) => void): Promise<Catalog> {
  const extensions = [...production.values()].filter((f) => f.kind === 'extension').map((f) => f.name[0]!);
  extensions.push(...extensionsCreated(plan.statements));
  // Production's grants and policies name its roles, which an embedded shadow has to make first.
  return withShadow(shadowUrl, { extensions, roles: roleNames(production) }, log, async (shadow) => {
    // The extensions the plan creates are made before any SQL of the plan or production's rebuild
    // runs, for the reason a schema load makes them first: their scripts run as the admin.
    const made = shadow.admin === shadow.db ? new Set<Statement>() : await extensionsMadeFirst(shadow, plan.statements);
    // Production's functions were valid when production made them; replayed in the order the
    // dump writes them, a SQL function's body may name a table made after it, as pg_dump knows.
    for (const session of new Set([shadow.db, shadow.admin])) await session.exec('SET check_function_bodies = off');
    for (const a of creationActions(production)) {
      const [statement] = await splitStatements('production', a.sql);
      const runner = !statement || !adminPhase(statement) ? shadow.db
        : statement.type === 'CreateFunctionStmt' && shadow.admin !== shadow.db ? { exec: () => runFunctionStatement(shadow, statement) }
        : shadow.admin;
      await runner.exec(a.sql).catch((error: Error) => {
        throw new Error(`rebuilding production's schema in the shadow failed at "${a.sql.trim().split('\n')[0]}": ${error.message}`, { cause: error });
      });
    }
    // The plan runs as it will on production, where bodies are checked unless the plan says otherwise.
    for (const session of new Set([shadow.db, shadow.admin])) await session.exec('RESET check_function_bodies');
    if (fingerprint(await extractCatalog(shadow.db)) !== fingerprint(production)) {
      log('warning: production\'s schema rebuilt in the shadow is not identical to production; the check may miss a difference');
    }
    let next = 0;
    for (const [i, step] of plan.steps.entries()) {
      const statements = plan.statements.slice(next, (next += step.statements.length));
      try {
        await runPrivilegedStep(shadow, step, statements, made, log);
      } catch (error) {
        // 42501 insufficient_privilege: say whose privileges, or the reader blames production.
        const sandboxed = (error as { code?: string }).code === '42501' && shadowUrl ? ' (the shadow runs plans as a role without superuser that owns only the shadow database)' : '';
        throw new NotConvergingError(`${plan.header.id} fails at step ${i + 1} on production's schema: ${(error as Error).message}${sandboxed}`, '');
      }
    }
    log(`ran ${plan.steps.length} step(s) of ${plan.header.id} on production's schema in the shadow (${shadow.description})`);
    return extractCatalog(shadow.db);
  });
}
