import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { err, ok, type Result } from '../result';
import type { CentralError } from './errors';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface RawRequest {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Time allowed to open the TCP (and TLS) connection. */
  readonly connectTimeoutMs: number;
  /** Time allowed for the whole exchange, connection to last body byte. */
  readonly totalTimeoutMs: number;
}

type TransportError = Extract<
  CentralError,
  { kind: 'unreachable' | 'timeout' | 'connection_reset' | 'malformed_response' }
>;

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * One HTTP exchange on node:http with keep-alive, bounded by a connect and a total timeout.
 * node:http rather than fetch: fetch cannot time out the connect phase on its own, and a
 * keep-alive agent we own lets `close()` drop idle sockets at shutdown.
 */
export class Transport {
  private readonly http = new HttpAgent({ keepAlive: true, maxSockets: 8 });
  private readonly https = new HttpsAgent({ keepAlive: true, maxSockets: 8 });

  send(req: RawRequest): Promise<Result<RawResponse, TransportError>> {
    return new Promise((resolve) => {
      let settled = false;
      let gotHeaders = false;
      const finish = (r: Result<RawResponse, TransportError>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        clearTimeout(connect);
        resolve(r);
      };
      const secure = req.url.protocol === 'https:';
      const send = secure ? httpsRequest : httpRequest;
      const outgoing = send(req.url, {
        method: req.method,
        headers: {
          ...req.headers,
          ...(req.body.length > 0 ? { 'content-length': String(Buffer.byteLength(req.body)) } : {}),
        },
        agent: secure ? this.https : this.http,
      });
      let connect: NodeJS.Timeout | undefined;
      const total = setTimeout(() => {
        finish(
          err({
            kind: 'timeout',
            phase: 'total',
            message: `no complete answer within ${req.totalTimeoutMs} ms`,
          }),
        );
        outgoing.destroy();
      }, req.totalTimeoutMs);
      outgoing.on('socket', (socket) => {
        if (!socket.connecting) return;
        connect = setTimeout(() => {
          finish(
            err({
              kind: 'timeout',
              phase: 'connect',
              message: `no connection within ${req.connectTimeoutMs} ms`,
            }),
          );
          outgoing.destroy();
        }, req.connectTimeoutMs);
        socket.once('connect', () => clearTimeout(connect));
      });
      outgoing.on('error', (e: NodeJS.ErrnoException) => {
        const code = e.code ?? '';
        if (REFUSED.has(code)) finish(err({ kind: 'unreachable', message: code }));
        else if (gotHeaders)
          finish(
            err({ kind: 'malformed_response', status: 0, message: `answer cut short (${code})` }),
          );
        else finish(err({ kind: 'connection_reset', message: code || e.message }));
      });
      outgoing.on('response', (res) => {
        gotHeaders = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => undefined); // 'aborted' is reported through 'close' below
        res.on('close', () => {
          if (!res.complete) {
            finish(
              err({
                kind: 'malformed_response',
                status: res.statusCode ?? 0,
                message: 'answer cut short (connection closed mid-body)',
              }),
            );
            return;
          }
          finish(
            ok({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        });
      });
      if (req.body.length > 0) outgoing.end(req.body);
      else outgoing.end();
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
