import { renderScript } from '../diff/script.js';
import { migrate, readDesired } from './compute-migration.js';
/**
 * How a drift is shown: the SQL production needs now to reach schema/*.sql. A schema that cannot
 * be read only loses the explanation, never the refusal it explains.
 */
export function driftExplainer(settings, log) {
    return async (production) => {
        try {
            const desired = await readDesired({ ...settings, log });
            return renderScript(migrate(production, desired.catalog, log));
        }
        catch (error) {
            return `-- cannot show the drift against ${[settings.schemaPath].flat().join(', ')}: ${error.message}\n`;
        }
    };
}
//# sourceMappingURL=explain-drift.js.map