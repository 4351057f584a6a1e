import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { signedHeaders } from '../signing';

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface RequestOptions {
  readonly token?: string;
  readonly headers?: Record<string, string>;
  /** Send this raw text instead of JSON-encoding `body`. */
  readonly raw?: string;
  readonly unsigned?: boolean;
}

// Keep-alive, as a kiosk's long-running sync engine keeps its connection to the centre.
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/** node:http rather than fetch: the same request for a fraction of undici's per-call cost. */
function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body.length > 0 ? body : undefined);
  });
}

/**
 * A minimal signed client, as the kiosk's sync engine would be, for tests, the fuzz drill and
 * the benchmark. It signs with the same `signing.ts` the server verifies with.
 */
export class KioskClient {
  constructor(
    readonly baseUrl: string,
    readonly kioskId: string,
    readonly secret: string,
    private readonly clock: () => number = Date.now,
  ) {}

  async request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    opts: RequestOptions = {},
  ): Promise<ApiResponse> {
    const text = opts.raw ?? (body === undefined ? '' : JSON.stringify(body));
    const headers: Record<string, string> = {
      ...(text.length > 0 ? { 'content-type': 'application/json' } : {}),
      ...(opts.unsigned
        ? {}
        : signedHeaders(
            { kioskId: this.kioskId, secret: this.secret },
            { method, pathWithQuery: path, body: text },
            this.clock(),
            randomBytes(16).toString('base64url'),
          )),
      ...(opts.token ? { 'x-card-session': opts.token } : {}),
      ...opts.headers,
    };
    const res = await send(this.baseUrl + path, method, headers, text);
    const received = res.text;
    let parsed: unknown = received;
    try {
      parsed = JSON.parse(received);
    } catch {
      // Non-JSON answers (the docs page) are returned as text.
    }
    return { status: res.status, body: parsed };
  }

  get = (path: string, opts?: RequestOptions): Promise<ApiResponse> =>
    this.request('GET', path, undefined, opts);
  post = (path: string, body: unknown, opts?: RequestOptions): Promise<ApiResponse> =>
    this.request('POST', path, body, opts);
}

/** Enrols a new kiosk with a fresh one-time code. */
export async function enrol(
  baseUrl: string,
  code: string,
  clock?: () => number,
): Promise<KioskClient> {
  const res = await fetch(`${baseUrl}/v1/kiosks/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name: 'test kiosk' }),
  });
  const body = (await res.json()) as { kioskId?: string; secret?: string };
  if (res.status !== 201 || !body.kioskId || !body.secret)
    throw new Error(`enrolment failed: ${res.status}`);
  return new KioskClient(baseUrl, body.kioskId, body.secret, clock);
}
