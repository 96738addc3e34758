import { forgeSecrets } from './forge-secrets.js';
import { passwordsOf, type Secrets } from './redact.js';

/** The variables that hold connection strings, by the setting each stands in for when it is not given. */
export const CONNECTION_VARIABLES: Readonly<Record<string, string>> = { 'database-url': 'DATABASE_URL', 'shadow-url': 'SHADOW_DATABASE_URL' };

/**
 * Every secret the process was given, to be masked in everything it prints: the passwords of the
 * connection strings in the environment and in `given.connections` (flags, inputs), and the hosts'
 * tokens and keys from the environment and `given.tokens`. One list for every front end, so that
 * none forgets a variable the others mask.
 */
export function processSecrets(env: NodeJS.ProcessEnv, given: { connections?: (string | undefined)[]; tokens?: string[] } = {}): Required<Secrets> {
  const connections = [...Object.values(CONNECTION_VARIABLES).map((name) => env[name]), ...(given.connections ?? [])];
  return { passwords: connections.flatMap(passwordsOf), tokens: [...(given.tokens ?? []), ...forgeSecrets(env)] };
}
