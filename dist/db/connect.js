import pg from 'pg';
import { redactUrl } from './redact.js';
export class DatabaseError extends Error {
}
/** Opens one connection; a failure names the server without its password. */
export async function connect(url) {
    const c = new pg.Client({ connectionString: url, application_name: 'schema-bot' });
    c.on('error', () => undefined);
    try {
        await c.connect();
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new DatabaseError(`cannot connect to ${redactUrl(url)}: ${reason}`);
    }
    return {
        query: async (sql, params) => {
            const result = await c.query(sql, params);
            return { rows: result.rows };
        },
        exec: async (sql) => {
            await c.query(sql);
        },
        serverVersion: async () => {
            const { rows } = await c.query(`SELECT current_setting('server_version_num') AS v`);
            return Number(rows[0].v);
        },
        close: () => c.end(),
    };
}
//# sourceMappingURL=connect.js.map