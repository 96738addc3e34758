/**
 * Secrets never reach a log or an error message. There are two kinds, masked differently:
 * tokens and keys are long and random, so every occurrence of one is scrubbed wherever it stands;
 * a database password may be an ordinary word (`postgres`), so it is masked only where it stands
 * as a password — in a connection URL's user info or after `password=` in libpq's keyword/value
 * form — and never rewrites SQL or paths that happen to contain the same word.
 */
export interface Secrets {
  /** Scrubbed wherever they occur. */
  tokens?: string[];
  /** Database passwords: masked where they stand as a password, as written and decoded. */
  passwords?: string[];
}

const MASK = '***';

/** A connection URL (postgres://…), as opposed to libpq's keyword/value form (host=… dbname=…). */
export const URL_FORM = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A URL's user info password: `scheme://user:` up to the last `@` before the path. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s/]*@/gi;
/** libpq's keyword/value form: `password=value` or `password = 'quoted \' value'`. */
const KEYWORD_PASSWORD = /(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s']+)/gi;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with every password masked where it stands as one, and every token scrubbed. */
export function redactText(text: string, secrets: Secrets = {}): string {
  let out = text;
  // A known password the patterns cannot delimit (a space or a slash in a URL's user info).
  for (const password of secrets.passwords ?? []) {
    if (!password) continue;
    out = out.replace(new RegExp(`(:\\/\\/[^\\s:/@]*:)${escapeRegExp(password)}@`, 'g'), `$1${MASK}@`);
  }
  out = out.replace(URL_PASSWORD, `$1${MASK}@`).replace(KEYWORD_PASSWORD, `$1${MASK}`);
  for (const token of secrets.tokens ?? []) if (token.length >= 4) out = out.split(token).join(MASK);
  return out;
}

/** A connection string as it may be shown: no password, no secret-looking query parameter. */
export function redactUrl(connection: string): string {
  const masked = redactText(connection);
  try {
    const parsed = new URL(masked);
    for (const key of [...parsed.searchParams.keys()]) {
      if (/pass|token|secret|key/i.test(key)) parsed.searchParams.set(key, MASK);
    }
    return parsed.toString();
  } catch {
    return masked;
  }
}

/** libpq's unquoting of a keyword/value value: `'a b\'c'` is `a b'c`. */
function unquote(value: string): string {
  return value.startsWith("'") ? value.replace(/^'|'$/g, '').replace(/\\(.)/g, '$1') : value;
}

/** A percent-encoded value decoded, or as written when its encoding is broken (pg then uses it so). */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The passwords a connection string holds, in every form they may be printed in: a URL's (user
 * info or `password` parameter) as written and decoded, a keyword/value string's as written and
 * unquoted. For the runner's masks, which hide a value wherever it appears in the log.
 */
export function passwordsOf(connection: string | undefined): string[] {
  const text = connection?.trim() ?? '';
  const found = new Set<string>();
  if (URL_FORM.test(text)) {
    const userInfo = /^[^:]+:\/\/[^\s:/@]*:([^\s/]*)@/.exec(text)?.[1];
    if (userInfo) found.add(userInfo).add(decoded(userInfo));
    for (const [, value] of text.matchAll(/[?&]password=([^&#\s]*)/gi)) found.add(value!).add(decoded(value!.replace(/\+/g, ' ')));
  } else {
    for (const match of text.matchAll(KEYWORD_PASSWORD)) found.add(match[2]!).add(unquote(match[2]!));
  }
  found.delete('');
  return [...found];
}
