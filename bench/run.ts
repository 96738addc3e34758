/**
 * `npm run bench`: schema-bot's diff against pg-delta's and migra's on the same two databases, next
 * to the raw cost of the catalog queries, and the whole plan (loading schema/*.sql into a shadow)
 * next to psql running the same files. Every figure is a median of several runs of a separate
 * process; the ratios are what to read, since the absolute times depend on the machine.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connect } from '../src/db/connect.js';
import { quoteIdent } from '../src/sql/quote.js';
import { generateSchema, psqlOrder, type Version } from './generate-schema.js';
import { measureCommand, summarise, type Sample } from './measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

const USAGE = `usage: npm run bench -- [--sizes 100,1000,5000] [--runs 3] [--out FILE] [--no-peers]
  --sizes    table counts to generate (views and functions N/10, enums N/20)
  --runs     runs of each measurement; the median is reported
  --out      where to write the JSON (default bench/results/bench-<time>.json)
  --no-peers skip pg-delta and migra
The server is TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).`;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000,5000' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string' },
    'no-peers': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const sizes = values.sizes!.split(',').map(Number);
const runs = Number(values.runs);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(1);
}
const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlOf(database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Statements run one by one: CREATE and DROP DATABASE refuse to share a round trip. */
async function admin(...statements: string[]): Promise<void> {
  const db = await connect(server);
  try {
    for (const sql of statements) await db.exec(sql);
  } finally {
    await db.close();
  }
}

/** A version's files on disk, in a directory like a team's schema/. */
async function writeVersion(dir: string, n: number, version: Version): Promise<string[]> {
  const files = generateSchema(n, version);
  for (const [name, sql] of files) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), sql);
  }
  return psqlOrder(files).map((f) => path.join(dir, f));
}

/** A fresh database loaded by psql from the files; the sample is psql's own cost. */
async function loadWithPsql(database: string, files: string[]): Promise<Sample> {
  await admin(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`, `CREATE DATABASE ${quoteIdent(database)} TEMPLATE template0`);
  return measureCommand('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', urlOf(database), ...files.flatMap((f) => ['-f', f])]);
}

interface Measurement {
  label: string;
  take(): Promise<Sample>;
}

/**
 * Every measurement's samples, taken in rounds of one sample each: the machine's speed drifts over
 * minutes (bench/NOTES.md), and runs of one tool after another's put that drift into the ratios.
 * Each summary is logged once all rounds are done.
 */
async function inRounds<M extends Record<string, Measurement | undefined>>(
  measurements: M,
): Promise<{ [K in keyof M]: M[K] extends Measurement ? Sample : Sample | undefined }> {
  const taken = Object.entries(measurements).flatMap(([key, m]) => (m ? [{ key, m, samples: [] as Sample[] }] : []));
  for (let round = 0; round < runs; round++) {
    for (const { m, samples } of taken) samples.push(await m.take());
  }
  const summaries: Record<string, Sample> = {};
  for (const { key, m, samples } of taken) {
    const s = (summaries[key] = summarise(samples));
    log(`  ${m.label}: ${s.seconds.toFixed(2)} s${s.cpuSeconds === undefined ? '' : ` (CPU ${s.cpuSeconds.toFixed(2)} s)`}, ${s.peakMb.toFixed(0)} MB`);
  }
  return summaries as { [K in keyof M]: M[K] extends Measurement ? Sample : Sample | undefined };
}

interface SizeResult {
  n: number;
  files: { source: number; desired: number };
  catalogQueries: Sample;
  schemaBotDiff: Sample;
  pgDelta?: Sample;
  migra?: Sample;
  plan: Sample;
  psqlLoad: Sample;
}

async function benchSize(n: number): Promise<SizeResult> {
  log(`N = ${n}`);
  const work = await mkdtemp(path.join(tmpdir(), `schema-bot-bench-${n}-`));
  const tag = `bench_${n}_${process.pid}`;
  const [source, desired, loaded] = [`${tag}_source`, `${tag}_desired`, `${tag}_psql`];
  try {
    const v1 = await writeVersion(path.join(work, 'v1'), n, 1);
    const v2 = await writeVersion(path.join(work, 'v2'), n, 2);
    await loadWithPsql(source, v1);
    await loadWithPsql(desired, v2);
    const [sourceUrl, desiredUrl] = [urlOf(source), urlOf(desired)];
    const cli = path.join(root, 'lib', 'cli.js');

    const diffs = await inRounds({
      catalogQueries: {
        label: 'catalog queries alone',
        take: async () => {
          const { stdout } = await measureCommand(bin('tsx'), [path.join(root, 'bench', 'catalog-queries.ts'), sourceUrl, desiredUrl]);
          return { seconds: Number(stdout.trim()), peakMb: 0 };
        },
      },
      schemaBotDiff: {
        label: 'schema-bot diff',
        take: () => measureCommand('node', [cli, 'diff', '--database-url', sourceUrl, '--desired-url', desiredUrl]),
      },
      ...(values['no-peers'] ? {} : {
        pgDelta: {
          label: 'pg-delta plan',
          take: () => measureCommand(bin('pgdelta'), ['plan', '--source', sourceUrl, '--desired', desiredUrl, '--out', path.join(work, 'pgdelta.json')]),
        },
        migra: { label: 'migra', take: () => measureCommand(bin('migra'), ['run', sourceUrl, desiredUrl, '--unsafe']) },
      }),
    });
    const { plan, psqlLoad } = await inRounds({
      plan: {
        label: 'schema-bot plan (shadow load included)',
        take: () => measureCommand('node', [cli, 'diff', '--database-url', sourceUrl, '--schema', path.join(work, 'v2'), '--shadow-url', server]),
      },
      psqlLoad: { label: 'psql -f of the same files', take: () => loadWithPsql(loaded, v2) },
    });
    return { n, files: { source: v1.length, desired: v2.length }, ...diffs, plan, psqlLoad };
  } finally {
    await admin(...[source, desired, loaded].map((d) => `DROP DATABASE IF EXISTS ${quoteIdent(d)} WITH (FORCE)`));
    await rm(work, { recursive: true, force: true });
  }
}

const ratio = (a: number | undefined, b: number) => (a === undefined ? '—' : `${(a / b).toFixed(2)}×`);

function table(results: SizeResult[]): string {
  const header = ['N', 'catalog', 'schema-bot', 'sb CPU', 'pg-delta', 'pg-delta CPU', 'migra', 'diff/catalog', 'pg-delta/sb', 'migra/sb', 'plan', 'psql', 'plan/psql'];
  const cpu = (s: Sample | undefined) => (s?.cpuSeconds === undefined ? '—' : `${s.cpuSeconds.toFixed(2)}s`);
  const rows = results.map((r) => [
    String(r.n),
    `${r.catalogQueries.seconds.toFixed(2)}s`,
    `${r.schemaBotDiff.seconds.toFixed(2)}s ${r.schemaBotDiff.peakMb.toFixed(0)}MB`,
    cpu(r.schemaBotDiff),
    r.pgDelta ? `${r.pgDelta.seconds.toFixed(2)}s ${r.pgDelta.peakMb.toFixed(0)}MB` : '—',
    cpu(r.pgDelta),
    r.migra ? `${r.migra.seconds.toFixed(2)}s ${r.migra.peakMb.toFixed(0)}MB` : '—',
    ratio(r.schemaBotDiff.seconds, r.catalogQueries.seconds),
    ratio(r.pgDelta?.seconds, r.schemaBotDiff.seconds),
    ratio(r.migra?.seconds, r.schemaBotDiff.seconds),
    `${r.plan.seconds.toFixed(2)}s`,
    `${r.psqlLoad.seconds.toFixed(2)}s`,
    ratio(r.plan.seconds, r.psqlLoad.seconds),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const results: SizeResult[] = [];
for (const n of sizes) results.push(await benchSize(n));
process.stdout.write(`${table(results)}\n`);
const out = values.out ?? path.join(root, 'bench', 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify({ runs, results }, null, 2)}\n`);
log(`wrote ${path.relative(process.cwd(), out)}`);
