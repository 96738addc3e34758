import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';

const parent = 'create table m (id serial, k int) partition by list (k);';
const partition = 'create table m1 partition of m for values in (1);';

// A partition's columns keep defaults of their own through ATTACH and DETACH: the serial sequence
// of the table it leaves or of the table it was must not stay in use when that sequence goes.
describe.each(SHADOW_KINDS)('column defaults of partitions that attach or detach through a %s shadow', (shadow) => {
  const cases: [string, string, string, string][] = [
    ['takes the parent\'s default when a table with a serial column of its own is attached',
      `${parent} create table m1 (id serial, k int);`, `${parent} ${partition}`, 'public.m_id_seq'],
    ['takes a sequence of its own when its parent goes and it stays as a table',
      `${parent} ${partition}`, 'create table m1 (id serial, k int);', 'public.m1_id_seq'],
  ];
  it.each(cases)('%s', async (_name, from, to, sequence) => {
    const result = await converge(from, to, shadow);
    expect(result.migration).toContain(`ALTER TABLE public.m1 ALTER COLUMN id SET DEFAULT nextval('${sequence}'::regclass);`);
    expect(result.remaining).toBe('');
  });
});
