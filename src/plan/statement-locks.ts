import type { Statement } from '../db/split-statements.js';

/**
 * The table locks a plan's statements take, weakest first: the order PostgreSQL ranks them in
 * (explicit-locking.html), where each conflicts with more of the others than the one before.
 */
const LOCK_MODES = ['SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'ACCESS EXCLUSIVE'] as const;
export type LockMode = (typeof LOCK_MODES)[number];

/** SHARE and above wait for, and hold off, every INSERT, UPDATE and DELETE; SHARE UPDATE EXCLUSIVE only other DDL and VACUUM. */
export const blocksWrites = (lock: LockMode) => LOCK_MODES.indexOf(lock) >= LOCK_MODES.indexOf('SHARE');

/** What a form of statement does to the table it is about, whatever that table holds. */
export interface StatementLock {
  lock: LockMode;
  /**
   * It reads every row while it holds the lock: an index build, a constraint's validation. A
   * rewrite (a volatile default, a type that does not convert in place) or the scan SET NOT NULL
   * skips when a check proves it, the form alone cannot tell: the action's hazards say.
   */
  scans: boolean;
  /** `plan --online` writes it another way that keeps the table writable on a table that holds rows. */
  hasOnlineForm: boolean;
}

type Node = Record<string, unknown>;

const lock = (mode: LockMode, scans = false, hasOnlineForm = false): StatementLock => ({ lock: mode, scans, hasOnlineForm });

/** Storage parameters whose change waits only for other DDL (ALTER TABLE SET): every table parameter but this one. */
const EXCLUSIVE_PARAMETERS = new Set(['user_catalog_table']);

/**
 * ADD CONSTRAINT, by kind (ALTER TABLE): a foreign key takes SHARE ROW EXCLUSIVE on both tables,
 * every other kind ACCESS EXCLUSIVE; what is added NOT VALID or takes over an index reads no row.
 */
function addConstraint(constraint: Node): StatementLock {
  const type = String(constraint.contype);
  const mode = type === 'CONSTR_FOREIGN' ? 'SHARE ROW EXCLUSIVE' : 'ACCESS EXCLUSIVE';
  if (constraint.skip_validation || constraint.indexname) return lock(mode);
  const key = type === 'CONSTR_PRIMARY' || type === 'CONSTR_UNIQUE';
  return lock(mode, true, key || type === 'CONSTR_FOREIGN' || type === 'CONSTR_CHECK');
}

/**
 * One subcommand of ALTER TABLE, as PostgreSQL's AlterTableGetLockLevel ranks it: ACCESS
 * EXCLUSIVE unless the documentation of ALTER TABLE says otherwise for the form.
 */
function alterTableCommand(command: Node): StatementLock {
  const def = (command.def ?? {}) as Node;
  switch (command.subtype) {
    case 'AT_AddConstraint':
      return addConstraint((def.Constraint ?? {}) as Node);
    case 'AT_ValidateConstraint':
      return lock('SHARE UPDATE EXCLUSIVE', true);
    case 'AT_SetNotNull':
      return lock('ACCESS EXCLUSIVE', false, true);
    case 'AT_SetStatistics':
    case 'AT_SetOptions':
    case 'AT_ResetOptions':
    case 'AT_ClusterOn':
    case 'AT_DropCluster':
      return lock('SHARE UPDATE EXCLUSIVE');
    case 'AT_SetRelOptions':
    case 'AT_ResetRelOptions': {
      const names = (((def.List as Node | undefined)?.items ?? []) as { DefElem?: { defname?: string } }[]).map((d) => d.DefElem?.defname ?? '');
      return lock(names.some((n) => EXCLUSIVE_PARAMETERS.has(n)) ? 'ACCESS EXCLUSIVE' : 'SHARE UPDATE EXCLUSIVE');
    }
    case 'AT_EnableTrig':
    case 'AT_EnableAlwaysTrig':
    case 'AT_EnableReplicaTrig':
    case 'AT_EnableTrigAll':
    case 'AT_EnableTrigUser':
    case 'AT_DisableTrig':
    case 'AT_DisableTrigAll':
    case 'AT_DisableTrigUser':
      return lock('SHARE ROW EXCLUSIVE');
    case 'AT_AttachPartition':
      // The parent takes SHARE UPDATE EXCLUSIVE, but the table attached (what the plan's facts
      // name) ACCESS EXCLUSIVE, and is scanned unless a constraint proves it fits the bound: the
      // action's hazard says which.
      return lock('ACCESS EXCLUSIVE');
    case 'AT_DetachPartition':
      return lock((def.PartitionCmd as Node | undefined)?.concurrent ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE');
    default:
      return lock('ACCESS EXCLUSIVE');
  }
}

/** The strongest lock of several subcommands or statements, with what any of them does. */
export function strongest(locks: StatementLock[]): StatementLock | undefined {
  if (locks.length === 0) return undefined;
  return {
    lock: locks.map((l) => l.lock).reduce((a, b) => (LOCK_MODES.indexOf(a) >= LOCK_MODES.indexOf(b) ? a : b)),
    scans: locks.some((l) => l.scans),
    hasOnlineForm: locks.some((l) => l.hasOnlineForm),
  };
}

/**
 * Objects whose DROP, RENAME and COMMENT lock the table they belong to, not an object of their
 * own: a sequence or an index a table's column or key owns is locked alone.
 */
const PART_OF_TABLE = new Set(['OBJECT_TABLE', 'OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT', 'OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);

/** Statements of the same lock whatever they say, by parse tree node type. */
const FIXED: Record<string, StatementLock> = {
  CreateTrigStmt: lock('SHARE ROW EXCLUSIVE'),
  CreatePolicyStmt: lock('ACCESS EXCLUSIVE'),
  AlterPolicyStmt: lock('ACCESS EXCLUSIVE'),
  RuleStmt: lock('ACCESS EXCLUSIVE'),
  CreateStatsStmt: lock('SHARE UPDATE EXCLUSIVE'),
};

/**
 * The lock a statement takes on the table it is about, and whether it reads the table's rows, by
 * its parse tree: PostgreSQL's documentation of ALTER TABLE, CREATE INDEX, DROP INDEX, CREATE
 * TRIGGER and the others, form by form. Undefined for a statement that takes no lock on a table's
 * rows worth naming (a function, a type, a grant) or a form this table does not know: saying
 * nothing is better than naming a lock it does not take.
 */
export function statementLock(statement: Statement): StatementLock | undefined {
  const node = statement.node;
  switch (statement.type) {
    case 'AlterTableStmt':
      // ALTER SEQUENCE, VIEW or INDEX parse as ALTER TABLE too, and lock what they name alone.
      if (node.objtype !== 'OBJECT_TABLE') return undefined;
      return strongest(((node.cmds ?? []) as { AlterTableCmd: Node }[]).map((c) => alterTableCommand(c.AlterTableCmd)));
    case 'IndexStmt':
      return node.concurrent ? lock('SHARE UPDATE EXCLUSIVE', true) : lock('SHARE', true, true);
    case 'DropStmt':
      if (node.removeType === 'OBJECT_INDEX') return node.concurrent ? lock('SHARE UPDATE EXCLUSIVE') : lock('ACCESS EXCLUSIVE', false, true);
      if (node.removeType === 'OBJECT_STATISTIC_EXT') return lock('SHARE UPDATE EXCLUSIVE');
      return PART_OF_TABLE.has(String(node.removeType)) ? lock('ACCESS EXCLUSIVE') : undefined;
    case 'RenameStmt':
      return PART_OF_TABLE.has(String(node.renameType)) ? lock('ACCESS EXCLUSIVE') : undefined;
    case 'CommentStmt':
      return PART_OF_TABLE.has(String(node.objtype)) ? lock('SHARE UPDATE EXCLUSIVE') : undefined;
    default:
      return FIXED[statement.type];
  }
}
