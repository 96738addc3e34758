import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface GitHttpServer {
  /** URL of the repository `name` under the served root. */
  urlOf(name: string): string;
  /** Every request the server received, for secret scans. */
  traffic: { method: string; url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/**
 * Bare repositories under `root` served over smart HTTP by git's own `git http-backend`, behind
 * HTTP basic authentication (fixed credentials, or a check such as a fake forge's tokens), as a
 * forge serves them.
 */
export async function startGitHttpServer(
  root: string,
  accepts: { username: string; password: string } | ((username: string, password: string) => boolean),
): Promise<GitHttpServer> {
  const check = typeof accepts === 'function' ? accepts : (u: string, p: string) => u === accepts.username && p === accepts.password;
  const traffic: GitHttpServer['traffic'] = [];
  const server = createServer((req, res) => {
    traffic.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    const [scheme, encoded = ''] = (req.headers.authorization ?? '').split(' ');
    const [username = '', ...password] = Buffer.from(encoded, 'base64').toString().split(':');
    if (scheme !== 'Basic' || !check(username, password.join(':'))) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' });
      res.end('authentication required');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://git');
    const backend = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method,
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: username,
        REMOTE_ADDR: '127.0.0.1',
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
      },
    });
    req.pipe(backend.stdin);
    const chunks: Buffer[] = [];
    backend.stdout.on('data', (c: Buffer) => chunks.push(c));
    backend.on('close', () => {
      const out = Buffer.concat(chunks);
      const split = out.indexOf('\r\n\r\n');
      const head = out.subarray(0, split).toString();
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.split('\r\n')) {
        const [name, ...value] = line.split(': ');
        if (name!.toLowerCase() === 'status') status = Number.parseInt(value.join(': '), 10);
        else headers[name!] = value.join(': ');
      }
      res.writeHead(status, headers);
      res.end(out.subarray(split + 4));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlOf: (name) => `http://127.0.0.1:${port}/${path.posix.normalize(name)}`,
    traffic,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
