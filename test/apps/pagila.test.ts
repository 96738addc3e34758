import { describeApp } from './app-suite.js';

const F = 'pagila-schema.sql';
const ACTOR_END = `    last_name text NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.actor OWNER TO postgres;`;
const withActorColumns = (columns: string) => ACTOR_END.replace('NOT NULL\n);', `NOT NULL,\n${columns}\n);`);

/** A language, a film in it, and two actors: rows the edits below must keep or cope with. */
const ROWS = `insert into public.language (name) values ('English');
  insert into public.film (title, language_id, length, special_features) values ('ACADEMY DINOSAUR', 1, 86, '{Trailers}');
  insert into public.actor (first_name, last_name) values ('PENELOPE', 'GUINESS'), ('NICK', 'WAHLBERG');`;

/** The reviewer's fix for a NOT NULL column on a table with rows: add it nullable, backfill, then SET NOT NULL. */
function backfillActorCode(plan: string): string {
  const added = 'ALTER TABLE public.actor ADD COLUMN code text NOT NULL;';
  if (!plan.includes(added)) throw new Error(`the plan does not add actor.code as expected:\n${plan}`);
  return plan
    .replace(/^-- hazards: none$/m, '-- hazards: data-change 1')
    .replace(added, `ALTER TABLE public.actor ADD COLUMN code text;
-- hazard data-change: backfills the rows production already has
UPDATE public.actor SET code = lower(last_name);
ALTER TABLE public.actor ALTER COLUMN code SET NOT NULL;`);
}

describeApp({
  name: 'pagila',
  files: [F],
  roles: [],
  edits: [
    {
      name: 'add a column with a default and one without, a foreign key and an enum value; change a view and a function',
      replacements: [
        [F, ACTOR_END, withActorColumns('    nickname text,\n    active boolean DEFAULT true NOT NULL')],
        [F, "    'NC-17'\n);", "    'NC-17',\n    'NR'\n);"],
        [F, '\n--\n-- PostgreSQL database dump complete', `
ALTER TABLE ONLY public.store
    ADD CONSTRAINT store_manager_staff_id_fkey FOREIGN KEY (manager_staff_id) REFERENCES public.staff(staff_id);

--
-- PostgreSQL database dump complete`],
        [F, '    s.store_id AS sid\n   FROM (((public.staff s', '    s.store_id AS sid,\n    s.email\n   FROM (((public.staff s'],
        [F, `ELSE $1 || ', ' || $2`, `ELSE $1 || '; ' || $2`],
      ],
      seed: ROWS,
      after: { sql: 'select nickname, active from public.actor order by actor_id', rows: [{ nickname: null, active: true }, { nickname: null, active: true }] },
    },
    {
      name: 'add a NOT NULL column without default to a table with rows',
      replacements: [[F, ACTOR_END, withActorColumns('    code text NOT NULL')]],
      seed: ROWS,
      backfill: backfillActorCode,
      allowHazards: 'data-change',
      after: { sql: 'select code from public.actor order by actor_id', rows: [{ code: 'guiness' }, { code: 'wahlberg' }] },
    },
    {
      name: 'widen a column that views and a stored generated column use',
      replacements: [[F, '    length smallint,\n', '    length integer,\n']],
      seed: ROWS,
      after: { sql: 'select length, length_hours::text as hours from public.film', rows: [{ length: 86, hours: '1.43' }] },
    },
    {
      name: 'rename a column, a table and an index; drop a column',
      replacements: [
        [F, '    special_features text[],\n', '    -- schema-bot: renamed from special_features\n    features text[],\n'],
        [F, /public\.language\b/g, 'public.film_language'],
        [F, 'CREATE TABLE public.film_language (', '-- schema-bot: renamed from language\nCREATE TABLE public.film_language ('],
        [F, 'CREATE INDEX idx_actor_last_name ON', '-- schema-bot: renamed from idx_actor_last_name\nCREATE INDEX actor_last_name_idx ON'],
        [F, '    active integer,\n', ''],
      ],
      seed: ROWS,
      allowHazards: 'data-loss',
      after: {
        sql: 'select f.features, l.name from public.film f join public.film_language l using (language_id)',
        rows: [{ features: ['Trailers'], name: 'English' }],
      },
    },
  ],
});
