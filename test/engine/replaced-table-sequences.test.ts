import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';

// A serial column's sequence is OWNED BY the column: it goes when its table is dropped, although
// nothing of the table needs it, so a table made anew has to bring it back.
describe.each(SHADOW_KINDS)('a table made anew keeps the sequences it owns through a %s shadow', (shadow) => {
  it('recreates the sequence of a serial column when the partition key changes', async () => {
    const result = await converge(
      'create table m (id serial, k int) partition by list (k);',
      'create table m (id serial, k int) partition by hash (id);',
      shadow,
    );
    expect(result.migration).toContain('CREATE SEQUENCE public.m_id_seq');
    expect(result.remaining).toBe('');
  });
});
