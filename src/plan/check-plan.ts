import type { Catalog } from '../catalog/fact.js';
import { extractCatalog } from '../catalog/extract.js';
import { fingerprint } from '../catalog/fingerprint.js';
import { renderScript } from '../diff/script.js';
import { bothSettled, migrate, readDatabase, readDesired, warnOnVersionMismatch, withShadow } from './compute-migration.js';
import { creationActions } from './dump-schema.js';
import { DriftError, NotConvergingError } from './errors.js';
import type { Plan } from './plan-file.js';
import { runStep } from './run-step.js';

export interface CheckOptions {
  databaseUrl: string;
  plan: Plan;
  schemaPath: string;
  shadowUrl?: string;
  log(message: string): void;
}

/**
 * Proves a plan without touching production: production must still be at the plan's base; its
 * schema, rebuilt in a shadow, plus the plan exactly as written (a reviewer's backfill included)
 * must give the catalog of schema/*.sql.
 */
export async function checkPlan(o: CheckOptions): Promise<void> {
  const { header } = o.plan;
  const [production, desired] = await bothSettled(readDatabase(o.databaseUrl), readDesired(o));
  warnOnVersionMismatch(production.version, desired.version, o.log);
  if (production.database !== header.database) {
    throw new Error(`${header.id} was planned for database "${header.database}", not "${production.database}"`);
  }
  const now = fingerprint(production.catalog);
  if (now !== header.base) {
    throw new DriftError(
      `production has changed since ${header.id} was planned (base ${header.base}, production ${now})`,
      renderScript(migrate(production.catalog, desired.catalog, o.log)),
    );
  }
  const result = await rebuildAndRun(production.catalog, o);
  const remaining = migrate(result, desired.catalog, o.log);
  if (remaining.length) {
    throw new NotConvergingError(`${header.id} does not turn production into schema/*.sql; still needed:`, renderScript(remaining));
  }
  if (fingerprint(desired.catalog) !== header.target) {
    throw new NotConvergingError(`${header.id} converges, but its target is not the fingerprint of schema/*.sql (${fingerprint(desired.catalog)}): plan again`, '');
  }
}

/** Production's schema built from nothing in a shadow, then the plan run on it; the catalog after. */
async function rebuildAndRun(production: Catalog, o: CheckOptions): Promise<Catalog> {
  const extensions = [...production.values()].filter((f) => f.kind === 'extension').map((f) => f.name[0]!);
  return withShadow(o.shadowUrl, extensions, o.log, async (shadow) => {
    for (const a of creationActions(production)) await shadow.db.exec(a.sql);
    if (fingerprint(await extractCatalog(shadow.db)) !== fingerprint(production)) {
      o.log('warning: production\'s schema rebuilt in the shadow is not identical to production; the check may miss a difference');
    }
    for (const [i, step] of o.plan.steps.entries()) {
      try {
        await runStep(shadow.db, step);
      } catch (error) {
        throw new NotConvergingError(`${o.plan.header.id} fails at step ${i + 1} on production's schema: ${(error as Error).message}`, '');
      }
    }
    o.log(`ran ${o.plan.steps.length} step(s) of ${o.plan.header.id} on production's schema in the shadow (${shadow.description})`);
    return extractCatalog(shadow.db);
  });
}
