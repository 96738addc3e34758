import type { Catalog } from '../catalog/fact.js';
import { renderScript } from '../diff/script.js';
import { migrate, readDesired } from '../engine/compute-migration.js';

/**
 * How a drift is shown: the SQL production needs now to reach schema/*.sql. A schema that cannot
 * be read only loses the explanation, never the refusal it explains.
 */
export function driftExplainer(
  settings: { schemaPath: string | string[]; shadowUrl?: string },
  log: (message: string) => void,
): (production: Catalog) => Promise<string> {
  return async (production) => {
    try {
      const desired = await readDesired({ ...settings, log });
      return renderScript(migrate(production, desired.catalog, log));
    } catch (error) {
      return `-- cannot show the drift against ${[settings.schemaPath].flat().join(', ')}: ${(error as Error).message}\n`;
    }
  };
}
