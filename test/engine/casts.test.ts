import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { unmodelledIn } from '../support/unmodelled.js';

const types = `
  create type mood as enum ('sad', 'happy');
  create domain score as integer;
  create function mood_score(mood) returns integer language sql immutable as $$ select case when $1 = 'happy' then 1 else 0 end $$;
  create function mood_score_high(mood) returns integer language sql immutable as $$ select 10 $$;`;

const casts = `
  create cast (mood as integer) with function mood_score(mood) as assignment;
  create cast (mood as bigint) with inout;`;

describe.each(SHADOW_KINDS)('casts through a %s shadow', (shadow) => {
  const cases: [string, string, string, RegExp][] = [
    ['creates casts', types, types + casts, /CREATE CAST \(public\.mood AS integer\) WITH FUNCTION public\.mood_score\(public\.mood\) AS ASSIGNMENT;/],
    ['drops a cast', types + casts, types, /DROP CAST \(public\.mood AS bigint\);/],
    ['makes a cast again with another function and context', types + casts,
      types + casts.replace('mood_score(mood) as assignment', 'mood_score_high(mood) as implicit'),
      /DROP CAST \(public\.mood AS integer\);\nCREATE CAST \(public\.mood AS integer\) WITH FUNCTION public\.mood_score_high\(public\.mood\) AS IMPLICIT;/],
  ];
  it.each(cases)('%s', async (_name, from, to, expected) => {
    let unmodelled: string[] = [];
    const result = await converge(from, to, shadow, { inspect: async (url) => void (unmodelled = await unmodelledIn(url)) });
    expect(result.migration).toMatch(expected);
    expect(result.remaining).toBe('');
    expect(unmodelled).toEqual([]);
  });

  it('drops the function a dropped cast used after the cast', async () => {
    const result = await converge(types + casts, types.replace(/create function mood_score\(mood\).*\n/, ''), shadow);
    expect(result.migration.indexOf('DROP CAST (public.mood AS integer)')).toBeLessThan(result.migration.indexOf('DROP FUNCTION public.mood_score('));
    expect(result.remaining).toBe('');
  });
});
