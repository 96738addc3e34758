import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Action, HazardKind } from '../diff/action.js';
import { renderScript } from '../diff/script.js';
import { splitStatements, type Statement } from '../db/split-statements.js';
import { commitsItself } from './commits-itself.js';
import { hazardComment } from './hazard-advice.js';

/** What the bot reads back from pending.sql before it trusts the body. */
export interface PlanHeader {
  /** `change-schema-<UTC timestamp>`, also the name of the branch that carries the plan. */
  id: string;
  /** The database the plan was computed against, so it is not applied to another one. */
  database: string;
  /** Production's fingerprint when the plan was made. */
  base: string;
  /** The fingerprint of schema/*.sql: production's after the plan has run. */
  target: string;
  /** Commit of the schema repository the plan was made from, or `none`. */
  source: string;
  hazards: Map<HazardKind, number>;
}

/** One unit of apply: a transaction block, or a single statement PostgreSQL refuses inside one. */
export interface PlanStep {
  transactional: boolean;
  /**
   * The step may commit part of its work itself (commitsItself): an interrupted run is never
   * repeated, a person checks what it did. Every other bare step is resumed by running it again.
   */
  commitsItself: boolean;
  statements: string[];
}

export interface Plan {
  header: PlanHeader;
  steps: PlanStep[];
  /** Every statement of the body as parsed, a reviewer's edits included: what the gate classifies. */
  statements: Statement[];
  /** sha256 of the file as written, recorded by apply. */
  sha256: string;
  text: string;
}

export class PlanFormatError extends Error {}

const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;
const PLAN_ID = /^change-schema-\d{8}T\d{6}Z$/;
const FIRST_LINE = '-- schema-bot plan';

/** `change-schema-20261122T101112Z` for the given moment, in UTC. */
export function planId(at: Date): string {
  return `change-schema-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

/** The whole file: the header the bot parses, then the script psql runs as it is. */
export function renderPlan(header: Omit<PlanHeader, 'hazards'>, actions: Action[]): string {
  const counts = countHazards(actions);
  const summary = counts.size ? [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ') : 'none';
  return [
    FIRST_LINE,
    `-- id: ${header.id}`,
    `-- database: ${header.database}`,
    `-- base: ${header.base}`,
    `-- target: ${header.target}`,
    `-- source: ${header.source}`,
    `-- hazards: ${summary}`,
    '',
    renderScript(actions, hazardComment),
  ].join('\n');
}

function countHazards(actions: Action[]): Map<HazardKind, number> {
  const counts = new Map<HazardKind, number>();
  for (const a of actions) for (const kind of new Set(a.hazards.map((h) => h.kind))) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

/** Reads pending.sql; `name` only words the errors. */
export async function parsePlan(text: string, name: string): Promise<Plan> {
  const header = parseHeader(text, name);
  const statements = await splitStatements(name, text).catch((error: Error) => {
    throw new PlanFormatError(error.message);
  });
  const steps: PlanStep[] = [];
  const body: Statement[] = [];
  let block: PlanStep | undefined;
  for (const s of statements) {
    if (s.type !== 'TransactionStmt') body.push(s);
    const kind = s.type === 'TransactionStmt' ? String(s.node.kind) : '';
    if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
      if (block) throw new PlanFormatError(`${name}: BEGIN inside a transaction block`);
      block = { transactional: true, commitsItself: false, statements: [] };
    } else if (kind === 'TRANS_STMT_COMMIT') {
      if (!block) throw new PlanFormatError(`${name}: COMMIT without BEGIN`);
      if (block.statements.length) steps.push(block);
      block = undefined;
    } else if (kind) {
      throw new PlanFormatError(`${name}: ${s.sql} is not allowed in a plan; only BEGIN and COMMIT are`);
    } else if (block) {
      block.statements.push(s.sql);
    } else {
      steps.push({ transactional: !refusesTransaction(s), commitsItself: commitsItself(s), statements: [s.sql] });
    }
  }
  if (block) throw new PlanFormatError(`${name}: BEGIN without COMMIT`);
  return { header, steps, statements: body, sha256: createHash('sha256').update(text).digest('hex'), text };
}

/** Statement types PostgreSQL refuses inside a transaction block, whatever their options. */
const NEVER_IN_TRANSACTION = new Set([
  'CreatedbStmt', 'DropdbStmt', 'AlterSystemStmt', 'CreateTableSpaceStmt', 'DropTableSpaceStmt',
]);

/**
 * A statement outside BEGIN/COMMIT still gets a transaction of its own, shared with its ledger
 * update, so a crash never leaves it done but unrecorded (a reviewer's backfill must not run
 * twice). Only what PostgreSQL refuses inside a transaction runs bare.
 */
function refusesTransaction(s: Statement): boolean {
  const n = s.node;
  if (NEVER_IN_TRANSACTION.has(s.type) || commitsItself(s)) return true;
  if ((s.type === 'IndexStmt' || s.type === 'DropStmt') && n.concurrent) return true;
  if (s.type === 'VacuumStmt' && n.is_vacuumcmd) return true;
  const params = (n.params ?? []) as { DefElem?: { defname?: string } }[];
  return s.type === 'ReindexStmt' && params.some((p) => p.DefElem?.defname === 'concurrently');
}

function parseHeader(text: string, name: string): PlanHeader {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== FIRST_LINE) throw new PlanFormatError(`${name}:1: not a schema-bot plan (expected "${FIRST_LINE}")`);
  const fields = new Map<string, { value: string; line: number }>();
  for (let i = 1; i < lines.length; i++) {
    const m = /^--\s*([a-z]+):\s*(.*?)\s*$/.exec(lines[i]!);
    if (!m) break;
    fields.set(m[1]!, { value: m[2]!, line: i + 1 });
  }
  const field = (key: string, pattern: RegExp, expected: string): string => {
    const f = fields.get(key);
    if (!f) throw new PlanFormatError(`${name}: the header has no "-- ${key}:" line`);
    if (!pattern.test(f.value)) throw new PlanFormatError(`${name}:${f.line}: ${key} must be ${expected}, not "${f.value}"`);
    return f.value;
  };
  const sha = 'sha256: followed by 64 hex digits';
  return {
    id: field('id', PLAN_ID, 'change-schema-<yyyymmddThhmmssZ>'),
    database: field('database', /^\S+$/, 'a database name'),
    base: field('base', FINGERPRINT, sha),
    target: field('target', FINGERPRINT, sha),
    source: field('source', /^(none|[0-9a-f]{7,64})$/, 'a commit sha or none'),
    hazards: parseHazardSummary(field('hazards', /^(none|[a-z-]+ \d+(, [a-z-]+ \d+)*)$/, '"none" or "<kind> <count>, …"')),
  };
}

function parseHazardSummary(summary: string): Map<HazardKind, number> {
  if (summary === 'none') return new Map();
  return new Map(summary.split(', ').map((part) => {
    const [kind, n] = part.split(' ');
    return [kind as HazardKind, Number(n)];
  }));
}

/** Reads and parses a plan file; a missing or unreadable file is a one-line error. */
export async function loadPlan(file: string): Promise<Plan> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new PlanFormatError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  return parsePlan(text, file);
}
