/**
 * PostgreSQL's units for a time setting counted in milliseconds (lock_timeout, statement_timeout),
 * as the server converts them: a positive factor multiplies, a negative one divides, so that a
 * value in microseconds rounds exactly as the server rounds it.
 */
const UNITS = { us: -1000, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** These settings are 32-bit integers of milliseconds (about 24.8 days). */
const LONGEST_MS = 2_147_483_647;

const DURATION = new RegExp(`^(\\d+(?:\\.\\d+)?)\\s*(${Object.keys(UNITS).join('|')})?$`);

/** What a duration looks like, for every message that refuses one. */
export const DURATION_SHAPE = 'must be a duration such as 500ms, 5s, 2min or 0';

/** Rounds half to even, as C's rint, which PostgreSQL rounds setting values with. */
function rint(value: number): number {
  const floor = Math.floor(value);
  const rest = value - floor;
  if (rest !== 0.5) return rest < 0.5 ? floor : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * A duration setting, read as PostgreSQL reads it, so that what is accepted here means on the
 * server what it meant to the person who wrote it: a number, whole or with a fraction, then a
 * unit (us, ms, s, min, h, d; ms when none), rounded to whole milliseconds: `1.5s` is 1500 ms,
 * `1.5` is 2 ms. Refused, with the reason: anything else, and two values the server would take
 * but not as meant: a duration above 0 that rounds to 0 ms (PostgreSQL's "no timeout at all"),
 * and one longer than the server's limit, which it would refuse only once apply is under way.
 */
export function parseDuration(text: string): { ms: number } | { problem: string } {
  const match = DURATION.exec(text);
  if (!match) return { problem: DURATION_SHAPE };
  const value = Number(match[1]);
  const factor = UNITS[(match[2] ?? 'ms') as keyof typeof UNITS];
  const ms = rint(factor < 0 ? value / -factor : value * factor);
  if (ms === 0 && value > 0) return { problem: 'rounds to 0ms, which PostgreSQL reads as no timeout at all; write 0 for none, or 1ms or more' };
  if (ms > LONGEST_MS) return { problem: `must be at most ${LONGEST_MS}ms (about 24 days), PostgreSQL's limit` };
  return { ms };
}
