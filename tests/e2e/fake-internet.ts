import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeVoctowebAnswer, type FakeConference } from '../support/fake-voctoweb';

/**
 * A local HTTPS server that stands in for the whole internet. Chromium is started with
 * `--host-resolver-rules` mapping every host to it, so the extension fetches the real URLs
 * (https://media.ccc.de/podcast-hq.xml) from its first second on, including the install-time
 * poll, and nothing can leak to the real network. Tests say per host and path what it answers.
 */
export interface Reply {
  status?: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
}
export type Handler = (request: IncomingMessage) => Reply | Promise<Reply>;

export interface RecordedRequest {
  host: string;
  path: string;
  headers: IncomingMessage['headers'];
}

let certificate: { key: string; cert: string } | undefined;

function selfSignedCertificate(): { key: string; cert: string } {
  if (certificate) return certificate;
  const dir = mkdtempSync(join(tmpdir(), 'aftertalk-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=aftertalk-test',
    ],
    { stdio: 'ignore' },
  );
  certificate = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  // Read once into memory: the key files are not needed again (each test worker made one folder before).
  rmSync(dir, { recursive: true, force: true });
  return certificate;
}

export class FakeInternet {
  readonly requests: RecordedRequest[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly hostHandlers = new Map<string, Handler>();
  private server?: Server;
  port = 0;

  /** Answers GET https://<host><path> (path without query) with `handler`. */
  on(host: string, path: string, handler: Handler | Reply): void {
    this.handlers.set(`${host}${path}`, typeof handler === 'function' ? handler : () => handler);
  }

  /** Answers every path on `host` not answered by `on`. */
  onHost(host: string, handler: Handler): void {
    this.hostHandlers.set(host, handler);
  }

  /** Serves a feed body the way Rails does: a weak ETag of the body, and 304 for a matching If-None-Match. */
  serveFeed(url: string, body: string, extra: Reply = {}): void {
    const { host, pathname } = new URL(url);
    const etag = `W/"${Buffer.from(body).length.toString(16)}-${hash(body)}"`;
    this.on(host, pathname, (request) => {
      if (request.headers['if-none-match'] === etag) return { status: 304, headers: { ETag: etag } };
      return {
        status: 200,
        body,
        headers: { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: etag, ...extra.headers },
        ...extra,
      };
    });
  }

  /**
   * media.ccc.de's public JSON API under https://media.ccc.de/public/, answered by the fake of
   * tests/support/fake-voctoweb.ts (with ETags and 304s).
   */
  serveVoctowebApi(world?: FakeConference[], delayMs = 0): void {
    this.onHost('media.ccc.de', async (request) => {
      const path = request.url ?? '/';
      if (!path.startsWith('/public/')) return { status: 404, body: 'not found in the test fixtures' };
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const answer = fakeVoctowebAnswer(path, String(request.headers['if-none-match'] ?? ''), world);
      return {
        status: answer.status,
        body: answer.body,
        headers: { 'Content-Type': 'application/json; charset=utf-8', ETag: answer.etag, ...answer.headers },
      };
    });
  }

  /**
   * Serves `body` for every path of `host` (unless `on` answers it) as a media server does: byte
   * ranges (206), so the browser can seek, and `Accept-Ranges`.
   */
  serveMediaHost(host: string, body: Buffer, contentType: string): void {
    this.onHost(host, (request) => mediaReply(body, contentType, String(request.headers.range ?? '')));
  }

  /** Requests to media.ccc.de's JSON API, as paths (without the query). */
  apiRequests(): string[] {
    return this.requests.filter((r) => r.host === 'media.ccc.de' && r.path.startsWith('/public/')).map((r) => r.path);
  }

  requestsTo(url: string): RecordedRequest[] {
    const { host, pathname } = new URL(url);
    return this.requests.filter((r) => r.host === host && r.path === pathname);
  }

  async start(): Promise<void> {
    this.server = createServer(selfSignedCertificate(), (request, response) => this.answer(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Chromium flags that send every host to this server. */
  chromiumArgs(): string[] {
    return [`--host-resolver-rules=MAP * 127.0.0.1:${this.port}`, '--ignore-certificate-errors'];
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const path = (request.url ?? '/').split('?')[0]!;
    this.requests.push({ host, path, headers: request.headers });
    const handler = this.handlers.get(`${host}${path}`) ?? this.hostHandlers.get(host);
    const reply = handler ? await handler(request) : { status: 404, body: 'not found in the test fixtures' };
    if (response.destroyed) return;
    response.writeHead(reply.status ?? 200, reply.headers ?? {});
    response.end(reply.body ?? '');
  }
}

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

/** A file as a media server answers it: the whole, or the byte range asked for (206). */
export function mediaReply(body: Buffer, contentType: string, range: string): Reply {
  const headers = { 'Content-Type': contentType, 'Accept-Ranges': 'bytes', 'Access-Control-Allow-Origin': '*' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { status: 200, body, headers };
  const size = body.length;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(size - 1, Number(match[2]));
  if (start >= size || start > end)
    return { status: 416, body: '', headers: { ...headers, 'Content-Range': `bytes */${size}` } };
  return {
    status: 206,
    body: body.subarray(start, end + 1),
    headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}` },
  };
}
