import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostRequest {
  method: string;
  /** Path without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
}

export interface HostResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request as it came over the wire and the answer to it. */
export interface Exchange {
  request: { method: string; url: string; headers: IncomingHttpHeaders; body: string };
  response: { status: number; headers: Record<string, string>; body: string };
}

export interface FakeHost {
  url: string;
  /** Every request and response, for secret scans. */
  traffic: Exchange[];
  /** The next requests get these responses instead of being served, in order. */
  inject(...responses: HostResponse[]): void;
  /** How many requests were answered by injected responses. */
  injected(): number;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server speaking JSON, the common part of the GitHub and GitLab fakes: it
 * records the raw traffic, and answers with injected failures (429, 502) before serving, so
 * retries can be proven.
 */
export async function startFakeHost(serve: (request: HostRequest) => Promise<HostResponse> | HostResponse): Promise<FakeHost> {
  const traffic: Exchange[] = [];
  const pending: HostResponse[] = [];
  let injectedCount = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      let response: HostResponse;
      const injectedResponse = pending.shift();
      if (injectedResponse) {
        injectedCount++;
        response = injectedResponse;
      } else {
        try {
          response = await serve({
            method: req.method ?? 'GET',
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body: raw ? JSON.parse(raw) : undefined,
          });
        } catch (error) {
          response = { status: 500, body: { message: `fake host failed: ${(error as Error).stack}` } };
        }
      }
      const text = response.body === undefined ? '' : JSON.stringify(response.body);
      const headers = { ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...response.headers };
      traffic.push({
        request: { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: raw },
        response: { status: response.status, headers, body: text },
      });
      res.writeHead(response.status, headers);
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    traffic,
    inject: (...responses) => pending.push(...responses),
    injected: () => injectedCount,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        // Clients keep connections alive; close() alone would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
