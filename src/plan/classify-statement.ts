import type { Statement } from '../db/split-statements.js';
import { qualify } from '../sql/quote.js';
import { typeNameText, type TypeNameNode } from './type-name-text.js';

/**
 * What a statement can do to production that a rehearsal on an empty copy of its schema cannot
 * show: lose data, change data, or do something nobody can tell before it runs.
 */
export type GateClass = 'data-loss' | 'data-change' | 'unverifiable';

export const GATE_CLASSES: readonly GateClass[] = ['data-loss', 'data-change', 'unverifiable'];

export interface Finding {
  kind: GateClass;
  message: string;
}

/** What the classifier knows of production: enough to tell a widening type change from a lossy one. */
export interface ClassifyContext {
  /** The column's type as format_type writes it, or undefined when production has no such column. */
  columnType(schema: string, table: string, column: string): string | undefined;
  /** Whether a call of this (possibly qualified) name may reach a function someone wrote. */
  callsUserFunction(name: string[]): boolean;
  /** True when changing a column from one type to the other keeps every value (`explicit`: by USING col::to). */
  widens(from: string, to: string, explicit?: boolean): boolean;
}

type Node = Record<string, unknown>;

/** DROP of these objects deletes rows or values; DROP of anything with CASCADE may reach such objects. */
const HOLDS_DATA: Record<string, string> = {
  OBJECT_TABLE: 'table',
  OBJECT_FOREIGN_TABLE: 'foreign table',
  OBJECT_SCHEMA: 'schema',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'domain',
  OBJECT_EXTENSION: 'extension',
};

/**
 * Statements whose expressions are only stored (a view's query, a policy, a function body, the
 * defaults of a table that has no rows yet): the functions they name do not run while the plan
 * runs. Every other statement that calls a function someone wrote runs that function on
 * production's rows, which no rehearsal on an empty schema shows.
 */
const STORES_EXPRESSIONS = new Set([
  'ViewStmt', 'CreateFunctionStmt', 'AlterFunctionStmt', 'CreateTrigStmt', 'CreatePolicyStmt', 'AlterPolicyStmt',
  'RuleStmt', 'CreateStmt', 'CreateDomainStmt', 'DefineStmt', 'CreateStatsStmt', 'CommentStmt', 'GrantStmt',
  'CreatePublicationStmt', 'AlterPublicationStmt',
]);

/** What schema changes are made of: known, and harmless unless they call a function someone wrote. */
const DECLARATIVE = new Set([
  ...STORES_EXPRESSIONS,
  'CreateSchemaStmt', 'CreateExtensionStmt', 'AlterExtensionStmt', 'AlterExtensionContentsStmt', 'CreateSeqStmt',
  'AlterSeqStmt', 'CreateEnumStmt', 'AlterEnumStmt', 'CompositeTypeStmt', 'CreateRangeStmt', 'AlterDomainStmt',
  'CreateTableAsStmt', 'IndexStmt', 'AlterTableStmt', 'RenameStmt', 'AlterObjectSchemaStmt', 'AlterOwnerStmt',
  'AlterDefaultPrivilegesStmt', 'CreateCastStmt', 'CreateOpClassStmt', 'CreateOpFamilyStmt', 'AlterOpFamilyStmt',
  'AlterOperatorStmt', 'AlterTypeStmt', 'CreateConversionStmt', 'CreateFdwStmt', 'AlterFdwStmt',
  'CreateForeignServerStmt', 'AlterForeignServerStmt', 'CreateForeignTableStmt', 'AlterCollationStmt',
  'CreatePLangStmt', 'DropStmt', 'SecLabelStmt', 'AlterTSDictionaryStmt', 'AlterTSConfigurationStmt',
  'CreateTransformStmt', 'CreateAmStmt', 'AlterEventTrigStmt', 'AlterStatsStmt', 'ReindexStmt', 'VacuumStmt',
  'ClusterStmt', 'LockStmt', 'VariableSetStmt', 'CheckPointStmt', 'AlterTableMoveAllStmt', 'RefreshMatViewStmt',
  'DropdbStmt', 'DropOwnedStmt', 'TruncateStmt',
]);

/** Statements that change rows, wherever they stand (a data-modifying WITH included). */
const CHANGES_ROWS: Record<string, [GateClass, string]> = {
  DeleteStmt: ['data-loss', 'deletes rows from'],
  UpdateStmt: ['data-change', 'updates rows of'],
  InsertStmt: ['data-change', 'inserts rows into'],
  MergeStmt: ['data-change', 'merges rows into'],
};

/** Settings after which the rest of the plan runs as someone else. */
const IDENTITY_SETTINGS = new Set(['role', 'session_authorization']);

/**
 * The gate classes of one statement of a plan, from its parse tree alone (and production's column
 * types): never from the comments around it. Unknown statements are unverifiable, so a statement
 * type this list forgets asks for an approval rather than slipping through.
 */
export function classifyStatement(statement: Statement, context: ClassifyContext): Finding[] {
  const found = new Map<GateClass, string[]>();
  const add = (kind: GateClass, message: string) => found.set(kind, [...(found.get(kind) ?? []), message]);
  const node = statement.node;
  switch (statement.type) {
    case 'DropStmt':
      dropFindings(node, add);
      break;
    case 'TruncateStmt':
      add('data-loss', `empties ${relationList(node.relations)}`);
      break;
    case 'DropdbStmt':
      add('data-loss', `drops database ${qualify(String(node.dbname))}`);
      break;
    case 'DropOwnedStmt':
      add('data-loss', 'drops every object the named roles own');
      break;
    case 'AlterTableStmt':
      alterTableFindings(node, context, add);
      break;
    case 'AlterEnumStmt':
      // Nothing is lost, but every row that holds the value reads another one from then on.
      if (node.oldVal !== undefined) add('data-change', `renames value '${String(node.oldVal)}' of type ${nameOf(node.typeName)}: rows holding it read '${String(node.newVal)}' from then on`);
      break;
    case 'CopyStmt':
      copyFindings(node, add);
      break;
    case 'VariableSetStmt':
      if (IDENTITY_SETTINGS.has(String(node.name ?? ''))) add('unverifiable', 'changes the role the statements after it run as');
      break;
    case 'DoStmt':
      add('unverifiable', 'runs a DO block: what it does is known only when it runs');
      break;
    case 'CallStmt':
      add('unverifiable', 'calls a procedure: what it does is known only when it runs');
      break;
    case 'SelectStmt':
      add('unverifiable', 'runs a query whose function calls the rehearsal cannot verify');
      break;
    default:
      if (!DECLARATIVE.has(statement.type) && !(statement.type in CHANGES_ROWS)) {
        add('unverifiable', `is a ${statement.type.replace(/Stmt$/, '')} statement, which schema-bot cannot verify`);
      }
  }
  const own = CHANGES_ROWS[statement.type];
  if (own) add(own[0], `${own[1]} ${relationName(node.relation)}`);
  walk(node, (key, child) => {
    const change = CHANGES_ROWS[key];
    if (change) add(change[0], `${change[1]} ${relationName(child.relation)}`);
  });
  if (!STORES_EXPRESSIONS.has(statement.type)) {
    const called = userFunctionsCalled(statement.type === 'AlterTableStmt' ? evaluatedCommands(node) : node, context);
    if (called.length) add('unverifiable', `runs ${called.join(', ')} on production's rows, which no rehearsal shows`);
  }
  return [...found].map(([kind, messages]) => ({ kind, message: [...new Set(messages)].join('; ') }));
}

function dropFindings(node: Node, add: (kind: GateClass, message: string) => void): void {
  const kind = HOLDS_DATA[String(node.removeType)];
  const names = ((node.objects ?? []) as Node[]).map(nameOf).join(', ');
  if (kind) add('data-loss', `drops ${kind} ${names} and the data it holds`);
  else if (node.behavior === 'DROP_CASCADE') add('data-loss', `drops ${names} with CASCADE, and with it whatever depends on it, tables and columns included`);
}

function alterTableFindings(node: Node, context: ClassifyContext, add: (kind: GateClass, message: string) => void): void {
  const relation = node.relation as Node;
  const what = node.objtype === 'OBJECT_TYPE' ? 'attribute' : 'column';
  for (const { AlterTableCmd: cmd } of (node.cmds ?? []) as { AlterTableCmd: Node }[]) {
    const column = String(cmd.name ?? '');
    if (cmd.subtype === 'AT_DropColumn') {
      add('data-loss', `drops ${what} ${relationName(relation)}.${qualify(column)} and its data`);
    } else if (cmd.subtype === 'AT_AlterColumnType') {
      const loss = typeChangeLoss(relation, column, (cmd.def as { ColumnDef: Node }).ColumnDef, context);
      if (loss) add('data-loss', loss);
    } else if (cmd.subtype === 'AT_SetExpression') {
      add('data-change', `recomputes every stored value of ${relationName(relation)}.${qualify(column)}`);
    }
  }
}

/**
 * Why a type change may lose values, or undefined when it provably keeps them: production's type
 * widens into the new one by the conversion written, the plain explicit cast or PostgreSQL's own
 * assignment cast (a value that does not fit then fails the statement, nothing is lost). An unqualified table
 * is never looked up: a SET search_path before it could make it another table.
 */
function typeChangeLoss(relation: Node, column: string, def: Node, context: ClassifyContext): string | undefined {
  const to = typeNameText(def.typeName as TypeNameNode);
  const target = `${relationName(relation)}.${qualify(column)}`;
  const from = relation.schemaname ? context.columnType(String(relation.schemaname), String(relation.relname), column) : undefined;
  const plain = def.raw_default === undefined || isPlainCast(def.raw_default as Node, column, to);
  if (from !== undefined && to !== undefined && plain && context.widens(from, to, def.raw_default !== undefined)) return undefined;
  return `changes the type of ${target}${from ? ` from ${from}` : ''} to ${to ?? 'another type'}, which can truncate, round or fail on values`;
}

/** `USING col::type` with the column's own name and the new type: the explicit cast, which widens() knows. */
function isPlainCast(expression: Node, column: string, to: string | undefined): boolean {
  const cast = expression.TypeCast as Node | undefined;
  const fields = ((cast?.arg as Node | undefined)?.ColumnRef as Node | undefined)?.fields as { String?: { sval: string } }[] | undefined;
  return Boolean(cast && fields?.length === 1 && fields[0]!.String?.sval === column && typeNameText(cast.typeName as TypeNameNode) === to);
}

function copyFindings(node: Node, add: (kind: GateClass, message: string) => void): void {
  const target = node.relation ? relationName(node.relation) : 'a query';
  if (node.is_program) add('unverifiable', `runs a program on the database server (COPY … PROGRAM)`);
  else if (!node.is_from) add('unverifiable', `copies ${target} out of the database`);
  if (node.is_from) add('data-change', `loads rows into ${target}`);
}

/** An ALTER TABLE's commands but those that only store an expression (SET DEFAULT). */
function evaluatedCommands(node: Node): unknown {
  return ((node.cmds ?? []) as { AlterTableCmd: Node }[]).filter((c) => c.AlterTableCmd.subtype !== 'AT_ColumnDefault');
}

function userFunctionsCalled(tree: unknown, context: ClassifyContext): string[] {
  const called = new Set<string>();
  walk(tree, (key, child) => {
    if (key !== 'FuncCall') return;
    const name = ((child.funcname ?? []) as { String?: { sval: string } }[]).map((n) => n.String?.sval ?? '');
    if (context.callsUserFunction(name)) called.add(`${qualify(...name)}()`);
  });
  return [...called].sort();
}

/** Calls `visit` with every object-valued property of the tree, by its key. */
function walk(tree: unknown, visit: (key: string, child: Node) => void): void {
  if (Array.isArray(tree)) {
    for (const item of tree) walk(item, visit);
  } else if (tree && typeof tree === 'object') {
    for (const [key, child] of Object.entries(tree)) {
      if (child && typeof child === 'object' && !Array.isArray(child)) visit(key, child as Node);
      walk(child, visit);
    }
  }
}

function relationName(relation: unknown): string {
  const r = (relation ?? {}) as Node;
  return r.schemaname ? qualify(String(r.schemaname), String(r.relname)) : qualify(String(r.relname ?? '?'));
}

function relationList(relations: unknown): string {
  return ((relations ?? []) as { RangeVar: Node }[]).map((r) => relationName(r.RangeVar)).join(', ');
}

/** The name a DROP or ALTER names its object by: a dotted list, a type name, a function signature. */
function nameOf(object: unknown): string {
  const n = object as Node;
  const strings = (items: unknown) => ((items ?? []) as { String?: { sval: string } }[]).map((i) => i.String?.sval ?? '?');
  if (Array.isArray(object)) return qualify(...strings(object));
  if (n.List) return qualify(...strings((n.List as Node).items));
  if (n.String) return qualify((n.String as { sval: string }).sval);
  if (n.TypeName) return qualify(...strings((n.TypeName as Node).names));
  if (n.ObjectWithArgs) return `${qualify(...strings((n.ObjectWithArgs as Node).objname))}()`;
  return 'an object';
}
