import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const exists = (file: string) => access(path.join(root, file)).then(() => true, () => false);

/** docs/ARCHITECTURE.md describes the code as it is: the files and folders it names must be there. */
describe('docs/ARCHITECTURE.md', () => {
  it('names only files that exist', async () => {
    const doc = await readFile(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
    const named = [...new Set([...doc.matchAll(/`([a-z][\w/.-]*\/[\w.-]+\.ts)`/g)].map((m) => m[1]!))];
    const missing = [];
    for (const file of named) if (!(await exists(`src/${file}`)) && !(await exists(file))) missing.push(file);
    expect(missing).toEqual([]);
  });

  it('places every folder of src/ in its table', async () => {
    const doc = await readFile(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
    const folders = (await readdir(path.join(root, 'src'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !doc.includes(`\`${f}/\``))).toEqual([]);
  });
});
