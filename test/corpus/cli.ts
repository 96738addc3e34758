import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerCleanup } from '../../src/db/exit-cleanup.js';
import { redactUrl } from '../../src/secrets/redact.js';
import { createDatabase, serverUrl } from '../support/postgres.js';
import { budgetOf } from './budget.js';
import { loadCases, selectCases, type CorpusCase } from './cases.js';
import type { CaseJob, Direction } from './job.js';
import { Lane } from './lane.js';
import { parseOptions, USAGE, UsageError, type Options } from './options.js';
import { caseLine, failureDetails, failureReason, totals, type CaseResult } from './report.js';
import { dropDatabases, dropRoles, ensureRoles, tagged } from './server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function directionsOf(c: CorpusCase): Omit<Direction, 'databaseUrl'>[] {
  const forward = { label: 'from->to', start: 'from.sql', target: 'to.sql', seed: c.hasSeedFrom ? 'seed_from.sql' : undefined } as const;
  const reverse = { label: 'to->from', start: 'to.sql', target: 'from.sql', seed: c.hasSeedTo ? 'seed_to.sql' : undefined } as const;
  return c.bidirectional ? [forward, reverse] : [forward];
}

/** One case in databases of its own, named after the run so a leftover is easy to recognise. */
async function runCase(c: CorpusCase, tag: string, lane: Lane, options: Options): Promise<CaseResult> {
  const started = Date.now();
  const databases: string[] = [];
  const result = (fields: Partial<CaseResult>): CaseResult => ({ source: c.source, name: c.name, status: 'fail', ...fields, durationMs: Date.now() - started });
  try {
    const directions: Direction[] = [];
    for (const d of directionsOf(c)) {
      const db = await createDatabase(tag);
      databases.push(db.name);
      directions.push({ ...d, databaseUrl: tagged(db.url, tag), budget: budgetOf(c.budget, d.label) });
    }
    const job: CaseJob = {
      dir: c.dir,
      hasSetup: c.hasSetup,
      directions,
      shadowUrl: options.shadow === 'server' ? tagged(serverUrl(), tag) : undefined,
      online: options.online,
    };
    const outcome = await lane.run(job, tag, options.timeoutMs);
    const reason = failureReason(outcome);
    return result({ status: reason ? 'fail' : 'pass', reason, directions: outcome });
  } catch (error) {
    return result({ reason: error instanceof Error ? error.message : String(error) });
  } finally {
    await dropDatabases(databases).catch((error: Error) => process.stderr.write(`could not drop ${databases.join(', ')}: ${error.message}\n`));
  }
}

/** Prints results in corpus order as soon as every earlier case has finished. */
function orderedPrinter(count: number, verbose: boolean): (index: number, r: CaseResult) => void {
  const done: (CaseResult | undefined)[] = new Array(count);
  let next = 0;
  return (index, r) => {
    done[index] = r;
    for (let current = done[next]; current; current = done[++next]) {
      if (current.status === 'skip') continue;
      const lines = [caseLine(current), ...(verbose && current.status === 'fail' ? failureDetails(current) : [])];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), repoRoot);
  const selected = selectCases(await loadCases(options.corpus), options);
  const runnable = selected.filter((c) => !c.skip);
  const run = `corpus_${randomBytes(3).toString('hex')}`;
  process.stderr.write(
    `corpus: ${runnable.length} case(s) to run, ${selected.length - runnable.length} skipped, on ${redactUrl(serverUrl())} ` +
      `(shadow: ${options.shadow}, jobs: ${options.jobs}, databases ${run}_*)\n`,
  );

  const results: CaseResult[] = selected.map((c) => ({ source: c.source, name: c.name, status: 'skip', reason: c.skip }));
  const print = orderedPrinter(selected.length, options.verbose);
  selected.forEach((c, i) => c.skip && print(i, results[i]!));

  const lanes = Array.from({ length: Math.min(options.jobs, Math.max(runnable.length, 1)) }, () => new Lane());
  const createdRoles = await ensureRoles([...new Set(runnable.flatMap((c) => c.needsRoles))]);
  let interrupted = false;
  const inFlight = new Set<Promise<unknown>>();
  const unregister = registerCleanup(async () => {
    interrupted = true;
    for (const lane of lanes) lane.interrupt();
    await Promise.allSettled(inFlight);
    await Promise.allSettled(lanes.map((l) => l.close()));
    await dropRoles(createdRoles);
  });
  try {
    const queue = selected.map((c, i) => [c, i] as const).filter(([c]) => !c.skip);
    await Promise.all(
      lanes.map(async (lane) => {
        for (let item = queue.shift(); item && !interrupted; item = queue.shift()) {
          const [c, i] = item;
          const running = runCase(c, `${run}_${i}`, lane, options);
          inFlight.add(running);
          results[i] = await running;
          inFlight.delete(running);
          if (!interrupted) print(i, results[i]!);
        }
      }),
    );
  } finally {
    await Promise.allSettled(lanes.map((l) => l.close()));
    await dropRoles(createdRoles);
    unregister();
  }

  if (options.json) await writeFile(options.json, `${JSON.stringify({ corpus: options.corpus, shadow: options.shadow, results }, null, 2)}\n`);
  process.stdout.write(`${totals(results).join('\n')}\n`);
  return options.failOnFailure && results.some((r) => r.status === 'fail') ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof UsageError && error.message === '') {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    const text = error instanceof UsageError ? `${error.message}\n${USAGE}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${text}\n`);
    process.exitCode = 2;
  },
);
