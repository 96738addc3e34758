import { lineAndColumn, SchemaLoadError, type Statement } from './split-statements.js';

/**
 * What a schema file may say: statements that declare objects of one database, as a person writes
 * them or `pg_dump --schema-only` does. Anything that acts (DML, COPY, DO, CALL, VACUUM, LISTEN, a
 * SELECT of functions) or reaches past the database (roles, other databases, tablespaces, server
 * settings, subscriptions that connect out) is refused before a statement of the files runs, so
 * neither shadow ever executes it: COPY … FROM STDIN would otherwise wait forever in PGlite.
 *
 * DROP of objects is declarative enough to keep: files written for psql often say
 * `DROP TABLE IF EXISTS t;` before `CREATE TABLE t`, and in a fresh shadow a DROP can only remove
 * what the files made. DROP DATABASE/ROLE/OWNED/TABLESPACE/SUBSCRIPTION are other statement types.
 */
const DECLARATIVE = new Set([
  'AlterCollationStmt', 'AlterDefaultPrivilegesStmt', 'AlterDomainStmt', 'AlterEnumStmt', 'AlterEventTrigStmt',
  'AlterExtensionContentsStmt', 'AlterExtensionStmt', 'AlterFdwStmt', 'AlterForeignServerStmt', 'AlterFunctionStmt',
  'AlterObjectDependsStmt', 'AlterObjectSchemaStmt', 'AlterOpFamilyStmt', 'AlterOperatorStmt', 'AlterPolicyStmt',
  'AlterPublicationStmt', 'AlterSeqStmt', 'AlterStatsStmt', 'AlterTSConfigurationStmt', 'AlterTSDictionaryStmt',
  'AlterTableStmt', 'AlterTypeStmt', 'AlterUserMappingStmt', 'CommentStmt', 'CompositeTypeStmt', 'CreateAmStmt',
  'CreateCastStmt', 'CreateConversionStmt', 'CreateDomainStmt', 'CreateEnumStmt', 'CreateEventTrigStmt',
  'CreateExtensionStmt', 'CreateFdwStmt', 'CreateForeignServerStmt', 'CreateForeignTableStmt', 'CreateFunctionStmt',
  'CreateOpClassStmt', 'CreateOpFamilyStmt', 'CreatePLangStmt', 'CreatePolicyStmt', 'CreatePublicationStmt',
  'CreateRangeStmt', 'CreateSchemaStmt', 'CreateSeqStmt', 'CreateStatsStmt', 'CreateStmt', 'CreateTableAsStmt',
  'CreateTransformStmt', 'CreateTrigStmt', 'CreateUserMappingStmt', 'DefineStmt', 'DropStmt', 'DropUserMappingStmt',
  'GrantStmt', 'IndexStmt', 'RuleStmt', 'SecLabelStmt', 'ViewStmt',
  // Declared, never run: loading skips it and the plan reports how production's cluster differs.
  'GrantRoleStmt',
  // Declarative when their object lives in the database: see SHARED_OBJECTS.
  'RenameStmt', 'AlterOwnerStmt',
  // SET/RESET and BEGIN/COMMIT, which psql scripts and dumps carry; loading skips the latter.
  'VariableSetStmt', 'TransactionStmt',
]);

/** Objects outside the one database a schema describes: renaming or handing them over is not declaring it. */
const SHARED_OBJECTS = new Set(['OBJECT_DATABASE', 'OBJECT_ROLE', 'OBJECT_TABLESPACE', 'OBJECT_SUBSCRIPTION']);

/** Why a statement is not declarative, or undefined when it is. */
function refusal(s: Statement): string | undefined {
  if (s.type === 'SelectStmt') return isSetConfig(s.node) ? undefined : 'a SELECT runs functions; only SELECT pg_catalog.set_config(…), as pg_dump writes it, is declarative';
  if (!DECLARATIVE.has(s.type)) return `${statementName(s.type)} is not declarative`;
  const target = String(s.node.renameType ?? s.node.objectType ?? '');
  if ((s.type === 'RenameStmt' || s.type === 'AlterOwnerStmt') && SHARED_OBJECTS.has(target)) return `${statementName(s.type)} of a ${target.slice(7).toLowerCase()} reaches past the schema`;
  return undefined;
}

/** `SELECT pg_catalog.set_config('name', 'value', bool)`: constants only, no FROM. */
function isSetConfig(node: Record<string, unknown>): boolean {
  const targets = node.targetList as { ResTarget?: { val?: { FuncCall?: Record<string, unknown> } } }[] | undefined;
  const keys = Object.keys(node).filter((k) => !['targetList', 'limitOption', 'op'].includes(k));
  const call = targets?.length === 1 ? targets[0]!.ResTarget?.val?.FuncCall : undefined;
  if (keys.length > 0 || !call) return false;
  const name = (call.funcname as { String: { sval: string } }[]).map((n) => n.String.sval).join('.');
  const args = (call.args as Record<string, unknown>[] | undefined) ?? [];
  return (name === 'set_config' || name === 'pg_catalog.set_config') && args.length === 3 && args.every((a) => 'A_Const' in a);
}

/** `CopyStmt` → `COPY`, `CreatedbStmt` → `CREATE DATABASE`-like words for the message. */
function statementName(type: string): string {
  const names: Record<string, string> = {
    CopyStmt: 'COPY', DoStmt: 'DO', CallStmt: 'CALL', InsertStmt: 'INSERT', UpdateStmt: 'UPDATE', DeleteStmt: 'DELETE',
    MergeStmt: 'MERGE', TruncateStmt: 'TRUNCATE', AlterSystemStmt: 'ALTER SYSTEM', CreatedbStmt: 'CREATE DATABASE',
    DropdbStmt: 'DROP DATABASE', AlterDatabaseStmt: 'ALTER DATABASE', AlterDatabaseSetStmt: 'ALTER DATABASE',
    CreateRoleStmt: 'CREATE ROLE', AlterRoleStmt: 'ALTER ROLE', AlterRoleSetStmt: 'ALTER ROLE', DropRoleStmt: 'DROP ROLE',
    DropOwnedStmt: 'DROP OWNED', ReassignOwnedStmt: 'REASSIGN OWNED',
    VacuumStmt: 'VACUUM', CheckPointStmt: 'CHECKPOINT', ListenStmt: 'LISTEN', NotifyStmt: 'NOTIFY', LoadStmt: 'LOAD',
    RenameStmt: 'RENAME', AlterOwnerStmt: 'OWNER TO',
  };
  return names[type] ?? type.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

/** Throws at `file:line:col` of the first statement that is not declarative. */
export function refuseUndeclarative(statements: Statement[]): void {
  for (const s of statements) {
    const reason = refusal(s);
    if (!reason) continue;
    const at = lineAndColumn(s.source, s.offset + s.sql.length - s.sql.trimStart().length, s.quoted);
    throw new SchemaLoadError(s.file, at.line, at.column, `${reason}; schema files hold only declarations (CREATE, ALTER, COMMENT, GRANT, SET, …)`);
  }
}
