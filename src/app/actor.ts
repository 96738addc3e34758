import { userInfo } from 'node:os';

/** Who applies, as CI systems name the person behind a run; the OS user otherwise. */
export function actor(env: NodeJS.ProcessEnv): string {
  return env.SCHEMA_BOT_ACTOR || env.GITHUB_ACTOR || env.GITLAB_USER_LOGIN || userInfo().username;
}
