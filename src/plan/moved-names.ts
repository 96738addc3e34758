import type { Statement } from '../db/split-statements.js';

type Node = Record<string, unknown>;

const key = (...parts: string[]) => parts.join('\u0000');

/** Drops that free a name a later CREATE TABLE could take. */
const DROPPED_TABLES = new Set(['OBJECT_TABLE', 'OBJECT_FOREIGN_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW']);

/**
 * Which of production's names an earlier statement of the plan has given another meaning: renamed,
 * moved, dropped, made anew or retyped. Up to such a statement production's catalog says what
 * `public.t.c` is; after it, the gate must not take the catalog's word, or a plan that renames a
 * real column to the name of a generated one could drop it as if it held nothing.
 */
export class MovedNames {
  private everything = false;
  private readonly tables = new Set<string>();
  private readonly columns = new Set<string>();

  /** Whether production's catalog still tells what this column is at this point of the plan. */
  holds(schema: string, table: string, column: string): boolean {
    return !this.everything && !this.tables.has(key(schema, table)) && !this.columns.has(key(schema, table, column));
  }

  /** Takes note of the names a statement changes the meaning of, once it has been classified. */
  after(s: Statement): void {
    const n = s.node;
    switch (s.type) {
      case 'RenameStmt':
        if (n.renameType === 'OBJECT_COLUMN') {
          this.column(n.relation, String(n.subname));
          this.column(n.relation, String(n.newname));
        } else if (n.relation) {
          this.table(n.relation);
          this.table({ ...(n.relation as Node), relname: n.newname });
        } else {
          this.everything = n.renameType === 'OBJECT_SCHEMA' || this.everything;
        }
        break;
      case 'AlterObjectSchemaStmt':
        this.everything = true;
        break;
      case 'DropStmt':
        if (n.removeType === 'OBJECT_SCHEMA') this.everything = true;
        if (!DROPPED_TABLES.has(String(n.removeType))) break;
        for (const o of (n.objects ?? []) as { List?: { items: { String?: { sval: string } }[] } }[]) {
          const names = (o.List?.items ?? []).map((i) => i.String?.sval ?? '');
          if (names.length === 2) this.tables.add(key(names[0]!, names[1]!));
          else this.everything = true;
        }
        break;
      case 'CreateStmt':
        this.table(n.relation);
        break;
      case 'CreateTableAsStmt':
        this.table((n.into as Node | undefined)?.rel);
        break;
      case 'AlterTableStmt':
        for (const { AlterTableCmd: cmd } of (n.cmds ?? []) as { AlterTableCmd: Node }[]) {
          if (cmd.subtype === 'AT_AddColumn') this.column(n.relation, String(((cmd.def as { ColumnDef: Node }).ColumnDef).colname));
          if (cmd.subtype === 'AT_DropColumn' || cmd.subtype === 'AT_AlterColumnType') this.column(n.relation, String(cmd.name));
        }
        break;
    }
  }

  /** An unqualified name may mean a table of any schema on the search_path: then nothing holds. */
  private table(relation: unknown): void {
    const r = (relation ?? {}) as Node;
    if (r.schemaname) this.tables.add(key(String(r.schemaname), String(r.relname)));
    else this.everything = true;
  }

  private column(relation: unknown, column: string): void {
    const r = (relation ?? {}) as Node;
    if (r.schemaname) this.columns.add(key(String(r.schemaname), String(r.relname), column));
    else this.everything = true;
  }
}
