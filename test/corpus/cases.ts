import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Budget } from './budget.js';

/** The meta.json keys the harness acts on; /work/shared/corpus/README.md describes them all. */
interface Meta {
  tags?: string[];
  valid_on_pg15?: boolean;
  needs_isolated_cluster?: boolean;
  bidirectional?: boolean;
  needs_roles?: string[];
}

export interface CorpusCase {
  source: string;
  name: string;
  dir: string;
  tags: string[];
  bidirectional: boolean;
  needsRoles: string[];
  hasSetup: boolean;
  hasSeedFrom: boolean;
  hasSeedTo: boolean;
  /** budget.json: step classes each direction's plan must and must not contain. */
  budget?: Budget;
  /** Why the case does not count on a shared PostgreSQL 15 server; undefined when it does. */
  skip?: string;
}

function skipReason(meta: Meta): string | undefined {
  if (meta.needs_isolated_cluster) return 'needs an isolated cluster';
  // expect_error is the peer's own limit (mostly "not implemented"), not the case's: the schemas
  // load on PostgreSQL 15, so the case counts like any other valid one and must converge.
  if (meta.valid_on_pg15 !== true) return 'not valid on PostgreSQL 15';
  return undefined;
}

const exists = (file: string) => access(file).then(() => true, () => false);

/** Every `<source>/<case>/meta.json` under the corpus root, sorted by source and name. */
export async function loadCases(root: string): Promise<CorpusCase[]> {
  const cases: CorpusCase[] = [];
  for (const source of (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    for (const entry of await readdir(path.join(root, source.name), { withFileTypes: true })) {
      const dir = path.join(root, source.name, entry.name);
      if (!entry.isDirectory() || !(await exists(path.join(dir, 'meta.json')))) continue;
      const meta = JSON.parse(await readFile(path.join(dir, 'meta.json'), 'utf8')) as Meta;
      const budgetFile = path.join(dir, 'budget.json');
      const budget = (await exists(budgetFile)) ? (JSON.parse(await readFile(budgetFile, 'utf8')) as Budget) : undefined;
      cases.push({
        source: source.name,
        name: entry.name,
        dir,
        tags: meta.tags ?? [],
        bidirectional: meta.bidirectional === true,
        needsRoles: meta.needs_roles ?? [],
        hasSetup: await exists(path.join(dir, 'setup.sql')),
        hasSeedFrom: await exists(path.join(dir, 'seed_from.sql')),
        hasSeedTo: await exists(path.join(dir, 'seed_to.sql')),
        budget,
        skip: skipReason(meta),
      });
    }
  }
  const key = (c: CorpusCase) => `${c.source}/${c.name}`;
  return cases.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export interface Selection {
  sources: string[];
  tags: string[];
  name?: string;
  withinTags?: string[];
}

/**
 * The cases a run asks for. `withinTags` measures an issue's coverage: every kind the case changes
 * must be in the list; `noop` is not a kind, so cases that change nothing stay in.
 */
export function selectCases(cases: CorpusCase[], s: Selection): CorpusCase[] {
  return cases.filter(
    (c) =>
      (s.sources.length === 0 || s.sources.includes(c.source)) &&
      (s.tags.length === 0 || c.tags.some((t) => s.tags.includes(t))) &&
      (s.name === undefined || c.name.includes(s.name)) &&
      (s.withinTags === undefined || c.tags.every((t) => t === 'noop' || s.withinTags!.includes(t))),
  );
}
