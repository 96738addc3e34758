import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A file of the cache directory with its checksum beside it (`<file>.sha256`). A file whose bytes
 * do not match is corrupt or half written: it is reported through `warn`, removed, and read as
 * absent, never trusted.
 */
export async function readCachedFile(file: string, warn: (m: string) => void): Promise<Uint8Array | undefined> {
  const [bytes, sum] = await Promise.all([readFile(file).catch(() => undefined), readFile(`${file}.sha256`, 'utf8').catch(() => undefined)]);
  if (bytes === undefined || sum === undefined) return undefined;
  if (sha256(bytes) === sum.trim()) return bytes;
  warn(`ignoring ${file}: its checksum does not match (a corrupt or half-written cache entry); making it again`);
  await forgetCachedFile(file);
  return undefined;
}

/**
 * Writes the file and then its checksum, each to a temporary name renamed into place, so that
 * processes writing the same entry at once leave a whole one. A cache that cannot be written (a
 * read-only home) is only a slower next run: the failure is ignored.
 */
export async function writeCachedFile(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, bytes);
    await rename(temporary, file);
    await writeFile(temporary, `${sha256(bytes)}\n`);
    await rename(temporary, `${file}.sha256`);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

export async function forgetCachedFile(file: string): Promise<void> {
  await Promise.all([rm(file, { force: true }), rm(`${file}.sha256`, { force: true })]).catch(() => undefined);
}
