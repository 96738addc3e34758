import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Selection } from './cases.js';

export interface Options extends Selection {
  corpus: string;
  shadow: 'server' | 'pglite';
  jobs: number;
  timeoutMs: number;
  json?: string;
  verbose: boolean;
  /** Plans as `schema-bot plan --online` does. */
  online: boolean;
  failOnFailure: boolean;
}

/** A bad command line; an empty message means --help. */
export class UsageError extends Error {}

export const USAGE = `usage: npm run corpus -- [options]
  --corpus DIR          the corpus (default: ../shared/corpus next to the repository)
  --source S            only these sources (repeatable, or a comma list)
  --tag T               only cases with any of these tags (repeatable, or a comma list)
  --name SUBSTRING      only cases whose name contains SUBSTRING
  --within-tags a,b     only cases whose tags all lie within the list ("noop" always does)
  --shadow server|pglite  where the desired schema is loaded (default server)
  --online              migrate with plan --online's rewrites (concurrent indexes, NOT VALID, …)
  --jobs N              cases run at the same time (default 2)
  --timeout SECONDS     a case running longer fails (default 60)
  --json FILE           write per-case results to FILE
  --verbose             print the migration and the remaining diff of failures
  --fail-on-failure     exit 1 when a case fails`;

const list = (values: string[] | undefined) => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

function positive(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} takes a positive whole number, not "${value}"`);
  return n;
}

export function parseOptions(argv: string[], repoRoot: string): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string' },
        source: { type: 'string', multiple: true },
        tag: { type: 'string', multiple: true },
        name: { type: 'string' },
        'within-tags': { type: 'string' },
        shadow: { type: 'string' },
        jobs: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'string' },
        verbose: { type: 'boolean' },
        online: { type: 'boolean' },
        'fail-on-failure': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  const shadow = values.shadow ?? 'server';
  if (shadow !== 'server' && shadow !== 'pglite') throw new UsageError(`--shadow is server or pglite, not "${shadow}"`);
  return {
    corpus: path.resolve(values.corpus ?? path.resolve(repoRoot, '../shared/corpus')),
    sources: list(values.source),
    tags: list(values.tag),
    name: values.name,
    withinTags: values['within-tags'] === undefined ? undefined : list([values['within-tags']]),
    shadow,
    jobs: positive('--jobs', values.jobs, 2),
    timeoutMs: positive('--timeout', values.timeout, 60) * 1000,
    json: values.json,
    verbose: values.verbose ?? false,
    online: values.online ?? false,
    failOnFailure: values['fail-on-failure'] ?? false,
  };
}
