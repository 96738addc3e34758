import type { StatementRunner } from './load-schema.js';

/**
 * `runner` running each statement with check_function_bodies off: in a transaction of its own with
 * SET LOCAL, so whatever the session had (a load that stopped checking bodies) comes back at COMMIT.
 */
export function uncheckedBodies(runner: StatementRunner): StatementRunner {
  return {
    exec: async (sql) => {
      await runner.exec('BEGIN');
      try {
        await runner.exec('SET LOCAL check_function_bodies = off');
        await runner.exec(sql);
        await runner.exec('COMMIT');
      } catch (error) {
        await runner.exec('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  };
}
