import { splitStatements, type Statement } from '../db/split-statements.js';
import { quoteIdent } from '../sql/quote.js';
import type { Gate } from './gate.js';
import { PlanSoFar } from './plan-so-far.js';
import { checkProbe } from './probe-check.js';
import { foreignKeyProbe } from './probe-foreign-key.js';
import { addColumnProbe, nullsProbe } from './probe-not-null.js';
import { typeChangeProbe } from './probe-type-change.js';
import { keyProbes, uniqueIndexProbe } from './probe-unique.js';
import type { ProductionRelations } from './production-relations.js';
import { relationText, type Node, type ProbeSite, type RowProbe, type Unprobed } from './row-probe.js';

type Found = RowProbe | Unprobed;

/**
 * The probes a plan needs: statements whose success depends on rows the rehearsal, on an empty
 * copy of the schema, never sees. Only statements before the first one of a gate class are
 * probed; after a backfill (or anything else that changes rows), production's rows say nothing
 * about what the statement will meet.
 */
export async function probesOf(gate: Gate, production: ProductionRelations): Promise<Found[]> {
  const plan = new PlanSoFar();
  const found: Found[] = [];
  for (const { statement, findings } of gate.statements) {
    if (findings.length > 0) break;
    const node = statement.node;
    if (statement.type === 'CreateStmt') {
      plan.makeTable(relationText(node.relation));
    } else if (statement.type === 'IndexStmt') {
      const relation = node.relation as Node;
      const site = siteOf(statement, plan, production);
      if (node.unique && !plan.made(site.table)) found.push(...answer(statement, await uniqueIndexProbe(site, node)));
      plan.buildIndex(relation.schemaname as string | undefined, node);
    } else if (statement.type === 'AlterTableStmt' && node.objtype === 'OBJECT_TABLE') {
      const site = siteOf(statement, plan, production);
      for (const { AlterTableCmd: cmd } of (node.cmds ?? []) as { AlterTableCmd: Node }[]) {
        if (!plan.made(site.table)) found.push(...answer(statement, await commandProbes(site, cmd)));
        afterCommand(site, cmd);
      }
    }
  }
  return found;
}

function siteOf(statement: Statement, plan: PlanSoFar, production: ProductionRelations): ProbeSite {
  const relation = statement.node.relation as Node;
  return { statement, table: relationText(relation), inherit: relation.inh !== false, plan, production };
}

/** A builder's answer as what the walk found: probes, or why the statement goes unprobed. */
function answer(statement: Statement, result: RowProbe | RowProbe[] | string | undefined): Found[] {
  if (result === undefined) return [];
  if (typeof result === 'string') return [{ statement, reason: result }];
  return Array.isArray(result) ? result : [result];
}

async function commandProbes(site: ProbeSite, cmd: Node): Promise<RowProbe | RowProbe[] | string | undefined> {
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      return addColumnProbe(site, (cmd.def as { ColumnDef: Node }).ColumnDef);
    case 'AT_SetNotNull':
      return site.plan.unreadable(site.table, [String(cmd.name)]) ?? nullsProbe(site, [String(cmd.name)], `sets ${quoteIdent(String(cmd.name))} of ${site.table} NOT NULL`);
    case 'AT_AlterColumnType':
      return typeChangeProbe(site, String(cmd.name), (cmd.def as { ColumnDef: Node }).ColumnDef);
    case 'AT_AddConstraint': {
      const constraint = (cmd.def as { Constraint: Node }).Constraint;
      return constraint.skip_validation ? undefined : constraintProbes(site, site.statement, constraint);
    }
    case 'AT_ValidateConstraint':
      return validateProbes(site, String(cmd.name));
    default:
      return undefined;
  }
}

/** What the command leaves that later statements' probes must know of. */
function afterCommand(site: ProbeSite, cmd: Node): void {
  const { plan, table, statement } = site;
  if (cmd.subtype === 'AT_AddColumn') plan.changeColumn(table, String((cmd.def as { ColumnDef: Node }).ColumnDef.colname), statement);
  if (cmd.subtype === 'AT_AlterColumnType') plan.changeColumn(table, String(cmd.name), statement);
  const constraint = cmd.subtype === 'AT_AddConstraint' ? (cmd.def as { Constraint: Node }).Constraint : undefined;
  if (constraint?.skip_validation && constraint.conname) plan.addNotValid(table, String(constraint.conname), { statement, constraint });
}

/** The probes of a constraint being added (or validated: `source` then writes its definition). */
async function constraintProbes(site: ProbeSite, source: Statement, constraint: Node): Promise<RowProbe | RowProbe[] | string | undefined> {
  const name = String(constraint.conname ?? '');
  switch (constraint.contype) {
    case 'CONSTR_CHECK':
      return checkProbe(site, source, constraint, name);
    case 'CONSTR_FOREIGN':
      return foreignKeyProbe(site, constraint, name);
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE':
      return constraint.indexname === undefined ? keyProbes(site, constraint, name) : usingIndexProbe(site, constraint, name);
    default:
      return undefined;
  }
}

/**
 * ADD … USING INDEX: the index was probed (or built) unique already; a primary key still makes its
 * columns NOT NULL.
 */
async function usingIndexProbe(site: ProbeSite, constraint: Node, name: string): Promise<RowProbe | string | undefined> {
  if (constraint.contype !== 'CONSTR_PRIMARY') return undefined;
  const index = String(constraint.indexname);
  const schema = (site.statement.node.relation as Node).schemaname as string | undefined;
  const built = site.plan.index(schema, index);
  const columns = built
    ? (built.indexParams as { IndexElem: Node }[]).map((p) => p.IndexElem.name).filter((c) => c !== undefined).map(String)
    : await site.production.indexColumns(schema ? `${quoteIdent(schema)}.${quoteIdent(index)}` : quoteIdent(index));
  if (!columns) return `the columns of index ${quoteIdent(index)} could not be read`;
  return site.plan.unreadable(site.table, columns) ?? nullsProbe(site, columns, `adds primary key ${quoteIdent(name)} to ${site.table}`);
}

/**
 * VALIDATE CONSTRAINT checks the rows against a constraint added NOT VALID: earlier in the plan, or
 * before it, when production's catalog holds its definition.
 */
async function validateProbes(site: ProbeSite, name: string): Promise<RowProbe | RowProbe[] | string | undefined> {
  const pending = site.plan.constraint(site.table, name);
  if (pending) return constraintProbes(site, pending.statement, pending.constraint);
  const definition = await site.production.constraintDefinition(site.table, name);
  if (definition === undefined) return `production has no constraint ${quoteIdent(name)} on ${site.table}`;
  const [added] = await splitStatements('production', `ALTER TABLE ${site.table} ADD CONSTRAINT ${quoteIdent(name)} ${definition}`);
  const cmd = ((added!.node.cmds as { AlterTableCmd: Node }[])[0]!).AlterTableCmd;
  return constraintProbes(site, added!, (cmd.def as { Constraint: Node }).Constraint);
}
