import { splitStatements } from '../../src/db/split-statements.js';

const KEYWORD = /^[A-Z]+$/;

/** The keywords a statement's words start with, up to its first name or value. */
function leadingKeywords(words: string[]): string[] {
  const end = words.findIndex((w) => !KEYWORD.test(w));
  return end === -1 ? words : words.slice(0, end);
}

/** Kinds named by their first words alone: what follows names privileges and roles, not the kind. */
const NAMED_BY_START = ['GRANT', 'REVOKE', 'ALTER DEFAULT PRIVILEGES'];

/**
 * What one statement does, in its own keywords: `DROP POLICY`, `CREATE OR REPLACE VIEW`. ALTER
 * TABLE adds the action after the table's name (`ALTER TABLE ADD COLUMN`), since a change in
 * place and a drop and add are both ALTER TABLE; grants name no privileges.
 */
function statementKind(sql: string): string {
  // A quoted name is one word, and never a keyword however it is spelt.
  const words = sql.replace(/"(?:[^"]|"")*"/g, 'name').split(/\s+/).filter(Boolean);
  const head = leadingKeywords(words);
  const start = NAMED_BY_START.find((kind) => head.join(' ').startsWith(kind));
  if (start) return start;
  const isAlterTable = head[0] === 'ALTER' && head.includes('TABLE');
  return [...head, ...(isAlterTable ? leadingKeywords(words.slice(head.length + 1)) : [])].join(' ');
}

/**
 * The kinds of statement a migration is made of, each once, sorted: what a table-driven engine
 * case expects besides converging, so a change meant in place cannot pass as a drop and a create.
 * The transaction around them and the hazard comments before them are left out.
 */
export async function statementKinds(migration: string): Promise<string[]> {
  const statements = await splitStatements('migration.sql', migration);
  const kinds = statements
    .filter((s) => s.type !== 'TransactionStmt')
    .map((s) => statementKind(s.sql.replace(/^\s*--.*$/gm, '')));
  return [...new Set(kinds)].sort();
}
