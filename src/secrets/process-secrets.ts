import { forgeSecrets } from './forge-secrets.js';
import { passwordsOf, type Secrets } from './redact.js';

/** The variables that hold connection strings, whatever else a command was handed. */
const CONNECTION_VARIABLES = ['DATABASE_URL', 'SHADOW_DATABASE_URL'];

/**
 * Every secret the process was given, to be masked in everything it prints: the passwords of the
 * connection strings in the environment and in `given.connections` (flags, inputs), and the hosts'
 * tokens and keys from the environment and `given.tokens`. One list for every front end, so that
 * none forgets a variable the others mask.
 */
export function processSecrets(env: NodeJS.ProcessEnv, given: { connections?: (string | undefined)[]; tokens?: string[] } = {}): Required<Secrets> {
  const connections = [...CONNECTION_VARIABLES.map((name) => env[name]), ...(given.connections ?? [])];
  return { passwords: connections.flatMap(passwordsOf), tokens: [...(given.tokens ?? []), ...forgeSecrets(env)] };
}
