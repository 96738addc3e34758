import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/kinds/index.js';

describe('the list of kinds', () => {
  it('spells every kind id one way, once', () => {
    const ids = KINDS.map((k) => k.id);
    expect(ids.filter((id) => !/^[a-z]+(_[a-z]+)*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists every kind folder of src/kinds', async () => {
    const dir = new URL('../../src/kinds/', import.meta.url);
    const folders = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && e.name !== 'common').map((e) => e.name);
    const list = await readFile(new URL('index.ts', dir), 'utf8');
    expect(folders.filter((f) => !list.includes(`from './${f}/kind.js'`))).toEqual([]);
  });
});
