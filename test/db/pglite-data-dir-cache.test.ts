import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('the fresh PGlite data directory in the cache directory', () => {
  it('is made once, used by later processes, and made again when corrupt or refused by PGlite', async () => {
    const db = await createDatabase('pglite_cache');
    const dir = await tempDir({ 'schema/app.sql': 'CREATE TABLE t (id int PRIMARY KEY);', 'cache/.keep': '' });
    cleanups.push(db.drop, dir.remove);
    const cache = path.join(dir.path, 'cache');
    const diff = () => runCli(['diff', '--database-url', db.url, '--schema', 'schema'], { cwd: dir.path, env: { SCHEMA_BOT_CACHE_DIR: cache } });
    const entry = async () => {
      const tar = (await readdir(cache)).find((f) => f.endsWith('.tar'));
      return tar && path.join(cache, tar);
    };

    const first = await diff();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('CREATE TABLE public.t');
    const file = await entry();
    expect(file).toBeDefined();
    const bytes = await readFile(file!);
    expect((await readFile(`${file}.sha256`, 'utf8')).trim()).toBe(createHash('sha256').update(bytes).digest('hex'));

    // A half-written entry: its checksum tells, and it is made again.
    await writeFile(file!, bytes.subarray(0, 1000));
    const corrupt = await diff();
    expect(corrupt.code, corrupt.stderr).toBe(0);
    expect(corrupt.stderr).toMatch(/ignoring \S+pglite-data-\w+\.tar: its checksum does not match/);
    const remade = await readFile(file!);
    expect(remade.length).toBe(bytes.length);
    expect((await readFile(`${file}.sha256`, 'utf8')).trim()).toBe(createHash('sha256').update(remade).digest('hex'));

    // An entry whose checksum matches but that PGlite will not start from (another version's).
    const foreign = Buffer.from('not a data directory');
    await writeFile(file!, foreign);
    await writeFile(`${file}.sha256`, createHash('sha256').update(foreign).digest('hex'));
    const refused = await diff();
    expect(refused.code, refused.stderr).toBe(0);
    expect(refused.stderr).toMatch(/PGlite did not start from the cached data directory/);
    expect(refused.stdout).toBe(first.stdout);
    expect((await readFile(file!)).length).toBe(bytes.length);
  }, 120_000);
});
