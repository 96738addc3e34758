import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect } from '../../src/db/connect.js';
import { splitStatements } from '../../src/db/split-statements.js';
import { renderScript } from '../../src/diff/script.js';
import { classifySteps } from '../../src/diff/step-classes.js';
import { computeMigration } from '../../src/engine/compute-migration.js';
import { checkBudget } from './budget.js';
import { splitClusterSetup } from './cluster-setup.js';
import type { CaseJob, Direction, DirectionResult, Phase } from './job.js';
import { lostRows, rowCounts } from './seed-rows.js';

type Script = [file: string, sql: string];

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A failure with the statement that caused it, when one did. */
class StatementError extends Error {
  constructor(
    readonly statement: string,
    error: unknown,
  ) {
    super(messageOf(error));
  }
}

class StepError extends Error {
  readonly statement: string | undefined;

  constructor(
    readonly phase: Phase,
    error: unknown,
  ) {
    super(messageOf(error));
    this.statement = error instanceof StatementError ? error.statement : undefined;
  }
}

async function step<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new StepError(phase, error);
  }
}

/**
 * psql -f semantics in one session: statement by statement, so a script's own BEGIN/COMMIT and
 * SET search_path carry over to the statements after them, across the files.
 */
async function runScripts(url: string, scripts: Script[]): Promise<void> {
  const db = await connect(url);
  try {
    for (const [file, sql] of scripts) {
      for (const statement of await splitStatements(file, sql)) {
        try {
          await db.exec(statement.sql);
        } catch (error) {
          throw new StatementError(statement.sql.trim(), error);
        }
      }
    }
  } finally {
    await db.close();
  }
}

/**
 * The database against the schema directory the case describes. The files are numbered because
 * the schema loader reads them in name order and setup.sql must come first.
 */
async function diff(url: string, schema: Script[], shadowUrl: string | undefined, online = false): Promise<{ script: string; steps: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'schema-bot-corpus-'));
  try {
    for (const [i, [file, sql]] of schema.entries()) await writeFile(path.join(dir, `${i}-${file}`), sql);
    const { actions, source, target } = await computeMigration({ databaseUrl: url, schemaPath: dir, shadowUrl, online, log: () => {} });
    return { script: renderScript(actions), steps: classifySteps(actions, source, target) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runDirection(job: CaseJob, d: Direction): Promise<DirectionResult> {
  const read = async (file: string): Promise<Script> => [file, await readFile(path.join(job.dir, file), 'utf8')];
  const setup = job.hasSetup ? [await read('setup.sql')] : [];
  const result: DirectionResult = { label: d.label, converged: false };
  try {
    const start = [...setup, await read(d.start), ...(d.seed ? [await read(d.seed)] : [])];
    await step('load', () => runScripts(d.databaseUrl, start));
    const seeded = d.seed ? await step('load', () => rowCounts(d.databaseUrl)) : undefined;
    const schema: Script[] = [];
    for (const [file, sql] of [...setup, await read(d.target)]) {
      const split = await splitClusterSetup(file, sql);
      await step('load', () => runScripts(d.databaseUrl, [[file, split.roles]]));
      schema.push([file, split.schema]);
    }
    const plan = await step('plan', () => diff(d.databaseUrl, schema, job.shadowUrl, job.online));
    result.migration = plan.script;
    result.steps = plan.steps;
    if (d.budget) result.budget = checkBudget(d.budget, plan.steps);
    await step('apply', () => runScripts(d.databaseUrl, [['migration.sql', plan.script]]));
    if (seeded) result.lostRows = lostRows(seeded, await step('verify', () => rowCounts(d.databaseUrl)));
    result.remaining = (await step('verify', () => diff(d.databaseUrl, schema, job.shadowUrl))).script;
    result.converged = result.remaining === '';
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    result.phase = error.phase;
    result.error = error.message;
    result.statement = error.statement;
  }
  return result;
}

/** Every direction of the case, one after another, each in its own database. */
export async function runCase(job: CaseJob): Promise<DirectionResult[]> {
  const results: DirectionResult[] = [];
  for (const d of job.directions) results.push(await runDirection(job, d));
  return results;
}
