/**
 * The same app without Electron: the built renderer over HTTP and the contract over a
 * WebSocket, on loopback only. Used in development, in CI, and on kiosks that run Chromium in
 * `--kiosk` mode. The page must present the per-launch token (given in the URL fragment, so it
 * never travels in an HTTP request line or a log) and come from our own origin; any other
 * WebSocket is refused before it is upgraded.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { KioskApp } from './app';
import type { ResponseMessage } from './contract';
import type { Logger } from './log';

export interface WebHostOptions {
  readonly host: '127.0.0.1' | '::1';
  readonly port: number;
  /** Folder of the built renderer (vite build output). */
  readonly rendererDir: string;
  readonly log: Logger;
}

export interface WebHost {
  /** The address to open, token included. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ico': 'image/x-icon',
};

/** Large enough for any command; a bigger frame is hostile and closes the socket. */
const MAX_FRAME_BYTES = 64 * 1024;

function tokenMatches(expected: Buffer, presented: string | null): boolean {
  if (!presented) return false;
  const got = Buffer.from(presented, 'utf8');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

function refuseUpgrade(socket: Duplex, status: 400 | 401 | 403 | 404 | 421, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The request target as a URL, or null when it is not an origin-form path ("//", "*", junk). */
function parseRequestUrl(target: string | undefined): URL | null {
  if (!target?.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://web-host.invalid');
  } catch {
    return null;
  }
}

/** The decoded path of a request, or null when it cannot be (bad %-escape, NUL, not a path). */
function requestPath(target: string | undefined): string | null {
  const url = parseRequestUrl(target);
  if (url === null) return null;
  try {
    const path = decodeURIComponent(url.pathname);
    return path.includes('\0') ? null : path;
  } catch {
    return null;
  }
}

export async function startWebHost(app: KioskApp, options: WebHostOptions): Promise<WebHost> {
  const { log } = options;
  const rendererDir = resolve(options.rendererDir);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built: ${join(rendererDir, 'index.html')} is missing.`);
  }
  const tokenText = randomBytes(24).toString('base64url');
  const token = Buffer.from(tokenText, 'utf8');
  let origin = '';
  let allowedHosts = new Set<string>();

  // Nothing by default; then only what the built renderer uses, and the contract's WebSocket.
  const csp = () =>
    [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "media-src 'self' data:",
      `connect-src ${origin.replace('http:', 'ws:')}`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');

  function serveStatic(req: IncomingMessage, res: ServerResponse): void {
    // DNS rebinding: a page from another site resolving its name to 127.0.0.1 sends its own Host.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = requestPath(req.url);
    if (pathname === null) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
      return;
    }
    const relative = pathname === '/' ? 'index.html' : normalize(pathname).replace(/^([/\\])+/, '');
    const file = resolve(rendererDir, relative);
    if (!file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const isHtml = extname(file) === '.html';
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ...(isHtml ? { 'Content-Security-Policy': csp(), 'X-Frame-Options': 'DENY' } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .once('error', (e) => {
        log.warn({ err: e.message }, 'web host: file read failed');
        res.destroy();
      })
      .pipe(res);
  }

  const server = createServer(serveStatic);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', (e) => log.warn({ err: e.message }, 'web host: upgrade socket error'));
    const url = parseRequestUrl(req.url);
    if (url === null) return refuseUpgrade(socket, 400, 'Bad Request');
    if (url.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found');
    if (!allowedHosts.has(req.headers.host ?? '')) {
      log.warn('web host: WebSocket with a foreign Host refused');
      return refuseUpgrade(socket, 421, 'Misdirected Request');
    }
    if (req.headers.origin !== origin) {
      log.warn(
        { origin: req.headers.origin ?? null },
        'web host: WebSocket from another origin refused',
      );
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    if (!tokenMatches(token, url.searchParams.get('token'))) {
      log.warn('web host: WebSocket without a valid token refused');
      return refuseUpgrade(socket, 401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const send = (message: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = app.subscribe((event) => send(event));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        send({
          id: null,
          result: {
            ok: false,
            error: { code: 'bad_request', message: 'Binary frames are not accepted.' },
          },
        });
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(
          Buffer.isBuffer(data)
            ? data.toString('utf8')
            : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'),
        );
      } catch {
        const answer: ResponseMessage = {
          id: null,
          result: {
            ok: false,
            error: { code: 'bad_request', message: 'The message is not JSON.' },
          },
        };
        send(answer);
        return;
      }
      app
        .dispatch(parsed)
        .then(send)
        .catch((e: unknown) => log.error({ err: e }, 'web host: dispatch failed'));
    });
    ws.on('close', unsubscribe);
    ws.on('error', (e) => log.warn({ err: e.message }, 'web host: socket error'));
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, options.host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostPart = options.host === '::1' ? '[::1]' : options.host;
  origin = `http://${hostPart}:${port}`;
  allowedHosts = new Set([`${hostPart}:${port}`]);
  log.info({ origin }, 'web host listening');

  return {
    url: `${origin}/#token=${tokenText}`,
    origin,
    port,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}
