import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback HTTP proxy between the kiosk and the reference central service that injects one
 * fault at a time (R2). Faults that forward the request first (500, truncated, malformed,
 * latency) let the service apply it while the kiosk sees a failure: exactly the case the
 * idempotency keys exist for.
 */
export type Fault =
  'none' | 'down' | 'http500' | 'latency' | 'reset' | 'truncated' | 'malformed' | 'bad_signature';

export const FAULTS: readonly Exclude<Fault, 'none'>[] = [
  'down',
  'http500',
  'latency',
  'reset',
  'truncated',
  'malformed',
  'bad_signature',
];

export class FaultProxy {
  fault: Fault = 'none';
  latencyMs = 10_000;
  /** Requests that reached the service through the proxy. */
  forwarded = 0;
  /** Rewrites an answer body (e.g. a bad configuration); `null` leaves it alone. */
  rewrite: ((path: string, body: string) => string | null) | null = null;
  private server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private port = 0;

  private constructor(private readonly upstream: URL) {
    this.server = this.makeServer();
  }

  static async start(upstream: string): Promise<FaultProxy> {
    const p = new FaultProxy(new URL(upstream));
    await p.listen();
    return p;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Switches the fault; 'down' closes the listening socket (connections are refused). */
  async set(fault: Fault): Promise<void> {
    if (fault === 'down' && this.fault !== 'down') {
      await this.stopListening();
    } else if (fault !== 'down' && this.fault === 'down') {
      this.server = this.makeServer();
      await this.listen();
    }
    this.fault = fault;
  }

  /** Waits until every request held back or forwarded has reached the service and returned. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.fault !== 'down') await this.stopListening();
  }

  private makeServer(): Server {
    const s = createServer((req, res) => {
      const done = this.handle(req, res).catch(() => {
        res.destroy();
      });
      this.pending.add(done);
      void done.finally(() => this.pending.delete(done));
    });
    s.keepAliveTimeout = 1_000;
    s.on('connection', (sock) => {
      this.sockets.add(sock);
      sock.on('close', () => this.sockets.delete(sock));
    });
    return s;
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const fault = this.fault;
    if (fault === 'reset') {
      req.socket.resetAndDestroy();
      return;
    }
    if (fault === 'latency') {
      await new Promise<void>((r) => {
        const t = setTimeout(() => {
          this.timers.delete(t);
          r();
        }, this.latencyMs);
        this.timers.add(t);
      });
    }
    const headers = { ...req.headers };
    if (fault === 'bad_signature' && typeof headers['x-signature'] === 'string') {
      const sig = headers['x-signature'];
      headers['x-signature'] = (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1);
    }
    const up = await this.forward(req.method ?? 'GET', req.url ?? '/', headers, body);
    this.forwarded += 1;
    if (res.destroyed) return;
    let text = up.body.toString('utf8');
    const rewritten = this.rewrite?.(req.url ?? '/', text);
    if (rewritten != null) text = rewritten;
    if (fault === 'http500') {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal_error', message: 'injected' } }));
      return;
    }
    if (fault === 'malformed') {
      const bad = '{"results": [{"idempotencyKey": ';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bad.length });
      res.end(bad);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    res.writeHead(up.status, {
      'content-type': 'application/json',
      'content-length': bytes.length,
      ...(up.date ? { date: up.date } : {}),
    });
    if (fault === 'truncated') {
      // Headers and half the body reach the kiosk, then the connection drops.
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.end(bytes);
  }

  private forward(
    method: string,
    path: string,
    headers: IncomingMessage['headers'],
    body: Buffer,
  ): Promise<{ status: number; body: Buffer; date: string | undefined }> {
    return new Promise((resolve, reject) => {
      const r = httpRequest(
        {
          host: this.upstream.hostname,
          port: this.upstream.port,
          method,
          path,
          headers: { ...headers, host: this.upstream.host },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 502,
              body: Buffer.concat(parts),
              date: res.headers.date,
            }),
          );
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end(body);
    });
  }
}
