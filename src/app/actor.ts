import { userInfo } from 'node:os';
import { ciActor } from '../forge/hosts.js';

/** Who applies, for the ledger: SCHEMA_BOT_ACTOR, else the person CI names as behind the run, else the OS user. */
export function actor(env: NodeJS.ProcessEnv): string {
  return env.SCHEMA_BOT_ACTOR || ciActor(env) || userInfo().username;
}
