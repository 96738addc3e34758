import { splitStatements } from '../../src/db/split-statements.js';

/** Statements that make roles: the cluster's business, never a schema file's. */
const MAKES_ROLES = (type: string, sql: string) =>
  type === 'CreateRoleStmt' || type === 'GrantRoleStmt' || (type === 'DoStmt' && /\bCREATE\s+ROLE\b/i.test(sql));

/**
 * A peer's case script split into what makes roles (peers write `DO $$ BEGIN CREATE ROLE …
 * EXCEPTION … END $$` beside their tables) and the schema proper. Roles live in the cluster and
 * schema-bot never creates them, so the harness runs the first on the server, as a DBA would, and
 * gives schema-bot the second, with the role statements blanked out so lines and columns stay.
 */
export async function splitClusterSetup(file: string, sql: string): Promise<{ roles: string; schema: string }> {
  const roles: string[] = [];
  let schema = sql;
  for (const s of await splitStatements(file, sql)) {
    if (!MAKES_ROLES(s.type, s.sql)) continue;
    roles.push(`${s.sql};`);
    schema = schema.slice(0, s.offset) + s.sql.replace(/[^\n]/g, ' ') + schema.slice(s.offset + s.sql.length);
  }
  return { roles: roles.join('\n'), schema };
}
