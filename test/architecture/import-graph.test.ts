import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The flow of src/, from what knows least to the front ends: a folder imports only from folders
 * of earlier levels, never from a later one nor from another folder of its own level. A folder
 * missing here fails the test: where a new folder stands is decided here, with its reason.
 */
const FLOW: { folders: string[]; why: string }[] = [
  { folders: ['sql'], why: 'quoting of identifiers and literals; knows nothing else' },
  { folders: ['secrets'], why: 'masking what must never be printed: below everything that prints' },
  { folders: ['catalog'], why: 'pg_catalog read into facts, one query per kind' },
  { folders: ['db'], why: 'connections, shadow databases and schema files loaded into them; reads catalogs' },
  { folders: ['diff'], why: 'facts compared and turned into ordered actions; knows no kind, asks each kind’s rule' },
  { folders: ['kinds'], why: 'each object kind whole: its catalog query, payload type, and how it is created, dropped and changed' },
  { folders: ['engine'], why: 'the engine’s front: a catalog read with every kind, and the migration between two' },
  { folders: ['lint'], why: 'rules of good practice over the declared catalog, read as the engine reads it, and their reports' },
  { folders: ['plan'], why: 'the plan file: made from the engine’s migration, its format, its gate, the probes of production’s rows' },
  { folders: ['apply'], why: 'proof and apply: the rehearsal, check, the ledger, and the steps run on production' },
  { folders: ['config'], why: 'the settings, checked against the gate classes plan/ defines and the lock waits engine/ defines' },
  { folders: ['fleet'], why: 'many databases: targets from the settings, read in parallel and grouped by base, the manifest, waves from the ledgers' },
  { folders: ['git'], why: 'the checkout and its remote' },
  { folders: ['forge'], why: 'the hosts: their APIs and what each takes (body length, summary, actor)' },
  { folders: ['templates'], why: 'what merge requests, comments and summaries say, sized to the host' },
  { folders: ['workflow'], why: 'the bot’s run: plan, forge and git wired into one state machine' },
  { folders: ['app'], why: 'the one place that wires everything: settings, the bot’s context, exit codes, the actor' },
  { folders: ['demo'], why: 'the whole flow on one machine, run through app/' },
  { folders: ['cli', 'action'], why: 'the front ends: parse what they are given, call app/, show the result; neither knows the other' },
];

/** Files at the top of src/, by the folder they stand for. */
const ROOT_FILES: Record<string, string> = { 'cli.ts': 'cli' };

/** Imports allowed against the flow, each with its reason. */
const EXCEPTIONS: { from: string; to: string; why: string }[] = [];

interface Edge {
  from: string;
  to: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The folder of src/ a file belongs to. */
function folderOf(file: string): string {
  const [top, ...rest] = path.relative('src', file).split(path.sep);
  if (rest.length > 0) return top!;
  const folder = ROOT_FILES[top!];
  if (!folder) throw new Error(`src/${top} stands at the top of src/: move it into a folder, or name its folder in ROOT_FILES`);
  return folder;
}

/**
 * Every import between files of src/, as esbuild parses them: static, dynamic and re-exports.
 * A type import is a dependency as much as any other, so `import type` is read as `import`, and
 * no import is elided for being used only as a type.
 */
async function importGraph(): Promise<Edge[]> {
  const entries = (await readdir(path.join(ROOT, 'src'), { recursive: true })).filter((f) => f.endsWith('.ts')).map((f) => path.join('src', f));
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    bundle: true,
    write: false,
    metafile: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    outdir: 'import-graph',
    logLevel: 'silent',
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
    plugins: [{
      name: 'type-imports-as-imports',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, async (args) => ({
          contents: (await readFile(args.path, 'utf8')).replace(/^import type\b/gm, 'import').replace(/^export type (?=[{*])/gm, 'export '),
          loader: 'ts',
        }));
      },
    }],
  });
  return Object.entries(result.metafile.inputs).flatMap(([from, input]) =>
    input.imports.filter((i) => !i.external && i.path.startsWith('src/')).map((i) => ({ from, to: i.path })),
  );
}

/** Imports from a folder of a later level, or from another folder of the same level, not excepted. */
function againstTheFlow(edges: Edge[], flow = FLOW, exceptions = EXCEPTIONS): string[] {
  const level = new Map(flow.flatMap(({ folders }, i) => folders.map((f) => [f, i] as const)));
  return edges
    .map(({ from, to }) => ({ from, to, a: folderOf(from), b: folderOf(to) }))
    .filter(({ a, b }) => a !== b && level.get(b)! >= level.get(a)!)
    .filter(({ a, b }) => !exceptions.some((e) => e.from === a && e.to === b))
    .map(({ from, to, a, b }) => `${from} imports ${to}: ${a}/ ${level.get(b) === level.get(a) ? 'beside' : 'below'} ${b}/ in the flow`);
}

/** Groups of folders that import each other round in a circle (Tarjan's strongly connected components). */
function folderCycles(edges: Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const [a, b] = [folderOf(from), folderOf(to)];
    if (!next.has(a)) next.set(a, new Set());
    if (!next.has(b)) next.set(b, new Set());
    if (a !== b) next.get(a)!.add(b);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do component.push((w = stack.pop()!));
    while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

let edges: Edge[];
beforeAll(async () => {
  edges = await importGraph();
});

describe('the import graph of src/', () => {
  it('reads every kind of import: static, type-only and dynamic', () => {
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    expect(has('src/app/run-bot.ts', 'src/workflow/run.ts')).toBe(true);
    expect(has('src/workflow/context.ts', 'src/forge/forge.ts')).toBe(true);
    expect(has('src/cli.ts', 'src/cli/run-command.ts')).toBe(true);
  });

  it('places every folder of src/ in the flow, and lists no folder that is gone', async () => {
    const folders = new Set(edges.flatMap((e) => [folderOf(e.from), folderOf(e.to)]));
    const listed = FLOW.flatMap((l) => l.folders);
    const top = await readdir(path.join(ROOT, 'src'), { withFileTypes: true });
    for (const entry of top) if (entry.isDirectory()) folders.add(entry.name);
    expect([...folders].filter((f) => !listed.includes(f))).toEqual([]);
    expect(listed.filter((f) => !folders.has(f))).toEqual([]);
  });

  it('has no folder that imports from a folder after it or beside it in the flow', () => {
    expect(againstTheFlow(edges)).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it('would catch a backward import and the cycle it makes, unless excepted with a reason', () => {
    const forward = { from: 'src/app/settings.ts', to: 'src/engine/lock-retries.ts' };
    const backward = { from: 'src/engine/compute-migration.ts', to: 'src/app/settings.ts' };
    expect(againstTheFlow([forward])).toEqual([]);
    expect(againstTheFlow([forward, backward])).toEqual(['src/engine/compute-migration.ts imports src/app/settings.ts: engine/ below app/ in the flow']);
    expect(folderCycles([forward, backward])).toEqual([['app', 'engine']]);
    expect(againstTheFlow([{ from: 'src/action/main.ts', to: 'src/cli/command.ts' }])).toEqual(['src/action/main.ts imports src/cli/command.ts: action/ beside cli/ in the flow']);
    expect(againstTheFlow([backward], FLOW, [{ from: 'engine', to: 'app', why: 'for this test' }])).toEqual([]);
  });
});
