import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { renderScript } from '../diff/script.js';
import { splitStatements } from '../db/split-statements.js';
import { hazardComment } from './hazard-advice.js';
export class PlanFormatError extends Error {
}
const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;
const PLAN_ID = /^change-schema-\d{8}T\d{6}Z$/;
const FIRST_LINE = '-- schema-bot plan';
/** `change-schema-20261122T101112Z` for the given moment, in UTC. */
export function planId(at) {
    return `change-schema-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}
/** The whole file: the header the bot parses, then the script psql runs as it is. */
export function renderPlan(header, actions) {
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
function countHazards(actions) {
    const counts = new Map();
    for (const a of actions)
        for (const kind of new Set(a.hazards.map((h) => h.kind)))
            counts.set(kind, (counts.get(kind) ?? 0) + 1);
    return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}
/** Reads pending.sql; `name` only words the errors. */
export async function parsePlan(text, name) {
    const header = parseHeader(text, name);
    const statements = await splitStatements(name, text).catch((error) => {
        throw new PlanFormatError(error.message);
    });
    const steps = [];
    let block;
    for (const s of statements) {
        const kind = s.type === 'TransactionStmt' ? String(s.node.kind) : '';
        if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
            if (block)
                throw new PlanFormatError(`${name}: BEGIN inside a transaction block`);
            block = { transactional: true, statements: [] };
        }
        else if (kind === 'TRANS_STMT_COMMIT') {
            if (!block)
                throw new PlanFormatError(`${name}: COMMIT without BEGIN`);
            if (block.statements.length)
                steps.push(block);
            block = undefined;
        }
        else if (kind) {
            throw new PlanFormatError(`${name}: ${s.sql} is not allowed in a plan; only BEGIN and COMMIT are`);
        }
        else if (block) {
            block.statements.push(s.sql);
        }
        else {
            steps.push({ transactional: !refusesTransaction(s), statements: [s.sql] });
        }
    }
    if (block)
        throw new PlanFormatError(`${name}: BEGIN without COMMIT`);
    const hazardKinds = new Set(header.hazards.keys());
    for (const m of text.matchAll(/^--\s*hazard ([a-z-]+):/gm))
        hazardKinds.add(m[1]);
    return { header, steps, hazardKinds, sha256: createHash('sha256').update(text).digest('hex'), text };
}
/** Statement types PostgreSQL refuses inside a transaction block, whatever their options. */
const NEVER_IN_TRANSACTION = new Set([
    'CreatedbStmt', 'DropdbStmt', 'AlterSystemStmt', 'CreateTableSpaceStmt', 'DropTableSpaceStmt',
    // A procedure may commit; nothing tells from outside.
    'CallStmt',
]);
/**
 * A statement outside BEGIN/COMMIT still gets a transaction of its own, shared with its ledger
 * update, so a crash never leaves it done but unrecorded (a reviewer's backfill must not run
 * twice). Only what PostgreSQL refuses inside a transaction runs bare.
 */
function refusesTransaction(s) {
    const n = s.node;
    if (NEVER_IN_TRANSACTION.has(s.type))
        return true;
    if ((s.type === 'IndexStmt' || s.type === 'DropStmt') && n.concurrent)
        return true;
    if (s.type === 'VacuumStmt' && n.is_vacuumcmd)
        return true;
    const params = (n.params ?? []);
    return s.type === 'ReindexStmt' && params.some((p) => p.DefElem?.defname === 'concurrently');
}
function parseHeader(text, name) {
    const lines = text.split('\n');
    if (lines[0]?.trim() !== FIRST_LINE)
        throw new PlanFormatError(`${name}:1: not a schema-bot plan (expected "${FIRST_LINE}")`);
    const fields = new Map();
    for (let i = 1; i < lines.length; i++) {
        const m = /^--\s*([a-z]+):\s*(.*?)\s*$/.exec(lines[i]);
        if (!m)
            break;
        fields.set(m[1], { value: m[2], line: i + 1 });
    }
    const field = (key, pattern, expected) => {
        const f = fields.get(key);
        if (!f)
            throw new PlanFormatError(`${name}: the header has no "-- ${key}:" line`);
        if (!pattern.test(f.value))
            throw new PlanFormatError(`${name}:${f.line}: ${key} must be ${expected}, not "${f.value}"`);
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
function parseHazardSummary(summary) {
    if (summary === 'none')
        return new Map();
    return new Map(summary.split(', ').map((part) => {
        const [kind, n] = part.split(' ');
        return [kind, Number(n)];
    }));
}
/** Reads and parses a plan file; a missing or unreadable file is a one-line error. */
export async function loadPlan(file) {
    const text = await readFile(file, 'utf8').catch((error) => {
        throw new PlanFormatError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    });
    return parsePlan(text, file);
}
//# sourceMappingURL=plan-file.js.map