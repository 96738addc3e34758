import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/kinds/index.js';

describe('the list of kinds', () => {
  it('spells every kind id one way, once', () => {
    const ids = KINDS.map((k) => k.id);
    expect(ids.filter((id) => !/^[a-z]+(_[a-z]+)*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists every kind folder of src/kinds', async () => {
    const folders = (await readdir(new URL('../../src/kinds/', import.meta.url), { withFileTypes: true }))
      .filter((e) => e.isDirectory() && e.name !== 'common')
      .map((e) => e.name.replace(/-/g, '_'));
    const listed = new Set(KINDS.flatMap((k) => [k.id, k.query?.kind ?? k.id]));
    // A folder is named after its kind (`rewrite-rule` holds kind `rule`, `view` holds `view` and `matview`).
    const missing = folders.filter((f) => !listed.has(f) && !KINDS.some((k) => f.endsWith(k.id)));
    expect(missing).toEqual([]);
  });
});
