import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCachedFile, writeCachedFile } from '../../src/db/cached-file.js';
import { createDatabase } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('the fresh PGlite data directory in the cache directory', () => {
  it('reads an entry whose bytes do not match their checksum as absent, says so, and removes it', async () => {
    const dir = await tempDir({ 'entry.tar': 'whole entry', 'entry.tar.sha256': `${createHash('sha256').update('whole entry').digest('hex')}\n` });
    cleanups.push(dir.remove);
    const file = path.join(dir.path, 'entry.tar');
    const warnings: string[] = [];
    expect(Buffer.from((await readCachedFile(file, (m) => warnings.push(m)))!).toString()).toBe('whole entry');
    await writeFile(file, 'whole');
    expect(await readCachedFile(file, (m) => warnings.push(m))).toBeUndefined();
    expect(warnings).toEqual([`ignoring ${file}: its checksum does not match (a corrupt or half-written cache entry); making it again`]);
    expect(await readdir(dir.path)).toEqual([]);
    await writeCachedFile(file, new TextEncoder().encode('made again'));
    expect(Buffer.from((await readCachedFile(file, (m) => warnings.push(m)))!).toString()).toBe('made again');
  });

  it('is made once, used by later processes, and made again when PGlite refuses it', async () => {
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
