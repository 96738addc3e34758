import { expect, it } from 'vitest';
import { migrationWithLog } from '../support/migration-with-log.js';

/** What the engine says about objects names them as SQL does (`view public.film_list`), never by fact id. */
async function migration(from: string, schema: string): Promise<{ text: string; log: string }> {
  const { actions, log } = await migrationWithLog(from, schema);
  return { text: actions.flatMap((a) => [...a.hazards.map((h) => h.message), a.sql]).join('\n'), log: log.join('\n') };
}

const FACT_ID = /\b(view|table|function|matview|type|column):[a-z"]/;

it('names a view recreated around a column type change as SQL', async () => {
  const { text, log } = await migration(
    'create table film (id int, title varchar(10)); create view film_list as select title from film;',
    'create table film (id int, title varchar(20)); create view film_list as select title from film;',
  );
  expect(text).toContain('drops view public.film_list, privileges on view public.film_list to create it again');
  expect(`${text}\n${log}`).not.toMatch(FACT_ID);
});

it('quotes names as SQL would in the look-alike warning', async () => {
  const { log } = await migration('create table "Users" (id int);', 'create table "People" (id int);');
  expect(log).toContain('warning: table public."Users" is dropped and table public."People" created with the same shape');
});
