import type { Statement } from '../db/split-statements.js';
import { qualify, quoteIdent } from '../sql/quote.js';
import { firstLineOf, type Node } from './row-probe.js';

/** A constraint the plan adds NOT VALID, for a later VALIDATE CONSTRAINT to be probed with. */
export interface PendingConstraint {
  statement: Statement;
  constraint: Node;
}

const key = (table: string, name: string) => `${table}\u0000${name}`;

/**
 * What the statements of a plan before the one probed did that production's rows do not show: the
 * tables they made (empty, so nothing on them can fail), the columns they added or retyped (whose
 * values production does not hold yet), the constraints they added NOT VALID and the indexes they
 * built (which a later statement may name).
 */
export class PlanSoFar {
  private readonly tables = new Set<string>();
  private readonly columns = new Map<string, Statement>();
  private readonly constraints = new Map<string, PendingConstraint>();
  private readonly indexes = new Map<string, Node>();

  /** Whether the plan made the table itself, so that it holds no rows yet. */
  made(table: string): boolean {
    return this.tables.has(table);
  }

  /** Why a probe reading these columns of the table cannot be answered from production's rows, if it cannot. */
  unreadable(table: string, columns: string[]): string | undefined {
    for (const column of columns) {
      const by = this.columns.get(key(table, column));
      // Named by its text, not its line: notes written into the plan above it move its line.
      if (by) return `it reads ${table}.${quoteIdent(column)}, which "${firstLineOf(by)}" changes first`;
    }
    return undefined;
  }

  constraint(table: string, name: string): PendingConstraint | undefined {
    return this.constraints.get(key(table, name));
  }

  /** The CREATE INDEX of an index the plan built, by the schema of its table and its name. */
  index(schema: string | undefined, name: string): Node | undefined {
    return this.indexes.get(schema ? qualify(schema, name) : quoteIdent(name));
  }

  makeTable(table: string): void {
    this.tables.add(table);
  }

  changeColumn(table: string, column: string, by: Statement): void {
    this.columns.set(key(table, column), by);
  }

  addNotValid(table: string, name: string, pending: PendingConstraint): void {
    this.constraints.set(key(table, name), pending);
  }

  buildIndex(schema: string | undefined, index: Node): void {
    const name = String(index.idxname);
    this.indexes.set(schema ? qualify(schema, name) : quoteIdent(name), index);
  }
}
