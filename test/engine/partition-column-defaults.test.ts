import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';

// A partition's columns keep defaults of their own through ATTACH and DETACH: the serial sequence
// of the table it leaves or of the table it was must not stay in use when that sequence goes.
describe.each(SHADOW_KINDS)('column defaults of partitions that attach or detach through a %s shadow', (shadow) => {
  it('takes the parent\'s default when a table with a serial column of its own is attached', async () => {
    const result = await converge(
      'create table m (id serial, k int) partition by list (k); create table m1 (id serial, k int);',
      'create table m (id serial, k int) partition by list (k); create table m1 partition of m for values in (1);',
      shadow,
    );
    expect(result.migration).toContain("ALTER TABLE public.m1 ALTER COLUMN id SET DEFAULT nextval('public.m_id_seq'::regclass);");
    expect(result.remaining).toBe('');
  });

  it('takes a sequence of its own when its parent goes and it stays as a table', async () => {
    const result = await converge(
      'create table m (id serial, k int) partition by list (k); create table m1 partition of m for values in (1);',
      'create table m1 (id serial, k int);',
      shadow,
    );
    expect(result.migration).toContain("ALTER TABLE public.m1 ALTER COLUMN id SET DEFAULT nextval('public.m1_id_seq'::regclass);");
    expect(result.remaining).toBe('');
  });
});
