import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { factId } from '../../src/catalog/fact-id.js';
import { objectName } from '../../src/diff/object-name.js';
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

  // Messages name objects in SQL's words; an id shape objectName does not read comes out raw.
  it('names an object of every kind in words, never by its fact id', () => {
    const raw = KINDS.map((k) => objectName({ kind: k.id, name: ['public', 't'], id: factId(k.id, 'public', 't') })).filter((name) => /^[a-z_]+:/.test(name));
    expect(raw).toEqual([]);
  });
});
