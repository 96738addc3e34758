/**
 * Every secret a forge may be given through the environment, for scrubbing output. Kept apart
 * from the forges so the CLI can name them without loading the host clients.
 */
export function forgeSecrets(env: NodeJS.ProcessEnv): string[] {
  return [env.GITHUB_TOKEN, env.GITHUB_APP_PRIVATE_KEY, env.GITLAB_TOKEN, env.CI_JOB_TOKEN].filter((s): s is string => Boolean(s));
}
