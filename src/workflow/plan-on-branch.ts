import type { Repository } from '../git/repository.js';
import { parsePlan, type Plan } from '../plan/plan-file.js';
import { failureNotes } from '../plan/probe-comments.js';

/** The plan file on a remote branch as it is now, or undefined when it is missing or not a plan. */
export async function readPlanOnBranch(repo: Repository, branch: string, file: string, log: (message: string) => void): Promise<Plan | undefined> {
  await repo.fetch(branch);
  const text = await repo.show(`origin/${branch}`, file);
  if (text === undefined) return undefined;
  return parsePlan(text, `${branch}:${file}`).catch((error: Error) => {
    log(`${branch}:${file} is not a plan the bot can read (${error.message}); it will be replaced`);
    return undefined;
  });
}

/**
 * Whether two plans do the same: the same fingerprints, the same statements, and the same
 * statements noted to fail on production's rows (rows change while a merge request waits). The id
 * and the source commit do not count, so a push that leaves the schema alone changes nothing.
 */
export function samePlan(a: Plan, b: Plan): boolean {
  const statements = (p: Plan) => JSON.stringify([p.steps, failureNotes(p.text)]);
  return a.header.base === b.header.base && a.header.target === b.header.target && statements(a) === statements(b);
}
