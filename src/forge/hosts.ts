/** A code host the bot works with; `local` keeps merge requests as files beside the checkout. */
export type HostName = 'github' | 'gitlab' | 'local';

/**
 * What a host takes and what the CI it runs gives, kept apart from the API clients so that any
 * command can read it without loading them.
 */
export interface HostTraits {
  /** The longest merge request description the host takes, in characters. */
  bodyLimit: number;
  /** The variable in which the host's CI names who started the pipeline. */
  actorVariable?: string;
  /** The file the host's CI shows as a job's summary (the variable naming it), and the most it takes. */
  stepSummary?: { variable: string; limit: number };
}

/** GitHub refuses pull request bodies over 65,536 characters. */
export const GITHUB_BODY_LIMIT = 65_536;

/** GitHub Actions refuses a step summary over 1 MiB. */
export const GITHUB_STEP_SUMMARY = { variable: 'GITHUB_STEP_SUMMARY', limit: 1024 * 1024 };

export const HOSTS: Record<HostName, HostTraits> = {
  github: { bodyLimit: GITHUB_BODY_LIMIT, actorVariable: 'GITHUB_ACTOR', stepSummary: GITHUB_STEP_SUMMARY },
  // GitLab takes 1 MiB in a description and 1,000,000 characters in a note (its docs on
  // issuable-like models, and the note validation): the smaller holds for both. GitLab CI has no
  // job summary file.
  gitlab: { bodyLimit: 1_000_000, actorVariable: 'GITLAB_USER_LOGIN' },
  // A merge request here is a file, which takes any length.
  local: { bodyLimit: Number.POSITIVE_INFINITY },
};

/** Who started the pipeline, as the CI the process runs in names them; undefined outside CI. */
export function ciActor(env: NodeJS.ProcessEnv): string | undefined {
  for (const { actorVariable } of Object.values(HOSTS)) if (actorVariable && env[actorVariable]) return env[actorVariable];
  return undefined;
}

/** The job summary file of the CI the process runs in, and the most it takes; undefined where there is none. */
export function stepSummaryOf(env: NodeJS.ProcessEnv): { file: string; limit: number } | undefined {
  for (const { stepSummary } of Object.values(HOSTS)) {
    const file = stepSummary && env[stepSummary.variable];
    if (file) return { file, limit: stepSummary.limit };
  }
  return undefined;
}
