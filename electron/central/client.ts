import { randomBytes } from 'node:crypto';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhenResult,
  IsolatedCircuitError,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { z } from 'zod';
import { OPERATIONS, type OperationId } from '../../server/api-types';
import { signedHeaders } from '../../server/src/signing';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import { describeError, isOutage, isTransient, type CentralError } from './errors';
import { ApiErrorSchema } from './schemas';
import { Transport, type RawResponse } from './transport';

export interface Credentials {
  readonly kioskId: string;
  readonly secret: string;
}

export interface ClientTuning {
  readonly connectTimeoutMs: number;
  readonly totalTimeoutMs: number;
  /** Attempts of an idempotent call, the first included. */
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** Consecutive outage failures that open the circuit. */
  readonly breakerFailures: number;
  /** How long an open circuit answers `circuit_open` at once before letting one call test it. */
  readonly breakerHalfOpenAfterMs: number;
}

export const DEFAULT_TUNING: ClientTuning = {
  connectTimeoutMs: 3_000,
  totalTimeoutMs: 8_000,
  maxAttempts: 3,
  backoffBaseMs: 250,
  backoffMaxMs: 4_000,
  breakerFailures: 5,
  breakerHalfOpenAfterMs: 10_000,
};

export interface CentralStatus {
  readonly state: 'online' | 'offline';
  readonly circuit: 'closed' | 'open' | 'half_open';
  readonly since: number;
  readonly lastError: string | null;
}

export interface CallOptions<T> {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | number>>;
  readonly body?: unknown;
  /** The x-card-session token for card-authenticated calls. */
  readonly token?: string;
  readonly schema: z.ZodType<T>;
  /**
   * Safe to repeat (GETs, calls carrying an idempotency key): only these are retried after a
   * transient failure, since a lost answer may hide an applied request.
   */
  readonly idempotent: boolean;
  /** Overrides the total timeout (a screen that must answer sooner). */
  readonly totalTimeoutMs?: number;
  /** Overrides the attempts (interactive calls keep them low to answer within the screen's time). */
  readonly maxAttempts?: number;
}

export interface ClientOptions {
  readonly baseUrl: string;
  /** The current credentials; `null` before enrolment (signed calls then fail `not_enrolled`). */
  readonly credentials: () => Credentials | null;
  readonly log: Logger;
  readonly tuning?: Partial<ClientTuning>;
  readonly now?: () => number;
  readonly random?: () => number;
}

function circuitName(s: CircuitState): CentralStatus['circuit'] {
  return s === CircuitState.Closed ? 'closed' : s === CircuitState.HalfOpen ? 'half_open' : 'open';
}

/**
 * The kiosk's client of the central service: builds each call from the OpenAPI operation map,
 * signs it (server/src/signing.ts, the same code the service verifies with), bounds it with a
 * connect and a total timeout, validates the answer, retries idempotent calls with exponential
 * backoff and full jitter, and stops calling through a circuit breaker during an outage so a
 * screen gets `circuit_open` at once instead of waiting for a timeout.
 */
export class CentralClient {
  readonly tuning: ClientTuning;
  private readonly transport = new Transport();
  private readonly breaker: CircuitBreakerPolicy;
  private readonly listeners = new Set<(s: CentralStatus) => void>();
  private current: CentralStatus;
  /** Server time minus local time, learnt from a `stale_request` answer's Date header. */
  private clockOffsetMs = 0;
  private closed = false;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly opts: ClientOptions) {
    this.tuning = { ...DEFAULT_TUNING, ...opts.tuning };
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.breaker = circuitBreaker(
      handleWhenResult((r) => {
        const res = r as Result<unknown, CentralError>;
        return !res.ok && isOutage(res.error);
      }),
      {
        halfOpenAfter: this.tuning.breakerHalfOpenAfterMs,
        breaker: new ConsecutiveBreaker(this.tuning.breakerFailures),
      },
    );
    this.current = { state: 'offline', circuit: 'closed', since: this.now(), lastError: null };
    this.breaker.onStateChange((s) => {
      this.publish({ ...this.current, circuit: circuitName(s) });
    });
  }

  get baseUrl(): string {
    return this.opts.baseUrl;
  }

  status(): CentralStatus {
    return this.current;
  }

  onStatus(listener: (s: CentralStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The skew between this kiosk's clock and the service's, as corrected so far. */
  get clockOffset(): number {
    return this.clockOffsetMs;
  }

  async call<T>(op: OperationId, o: CallOptions<T>): Promise<Result<T, CentralError>> {
    const attempts = o.idempotent ? (o.maxAttempts ?? this.tuning.maxAttempts) : 1;
    let last: Result<T, CentralError> = err({ kind: 'circuit_open', message: 'not attempted' });
    let skewRetried = false;
    for (let attempt = 1; attempt <= attempts && !this.closed; attempt += 1) {
      last = await this.guarded(op, o);
      if (last.ok) break;
      const e = last.error;
      // A stale timestamp was refused before anything ran: safe to resend once, any call.
      if (e.kind === 'rejected' && e.code === 'stale_request' && !skewRetried) {
        skewRetried = true;
        attempt -= 1;
        continue;
      }
      if (!isTransient(e) || e.kind === 'circuit_open' || attempt === attempts) break;
      await this.sleep(this.backoff(attempt, e));
    }
    this.observe(last);
    return last;
  }

  /** Delay before attempt `n + 1`: full jitter over an exponentially growing cap. */
  backoff(n: number, e?: CentralError): number {
    const cap = Math.min(this.tuning.backoffMaxMs, this.tuning.backoffBaseMs * 2 ** (n - 1));
    const floor = e?.kind === 'rejected' && e.retryAfterSeconds ? e.retryAfterSeconds * 1000 : 0;
    return Math.max(floor, Math.floor(this.random() * cap));
  }

  close(): void {
    this.closed = true;
    this.transport.close();
  }

  private async guarded<T>(op: OperationId, o: CallOptions<T>): Promise<Result<T, CentralError>> {
    try {
      return await this.breaker.execute(() => this.once(op, o));
    } catch (e) {
      if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError)
        return err({ kind: 'circuit_open', message: 'central service unavailable (circuit open)' });
      throw e;
    }
  }

  private async once<T>(op: OperationId, o: CallOptions<T>): Promise<Result<T, CentralError>> {
    const spec = OPERATIONS[op];
    let path: string = spec.path;
    for (const [k, v] of Object.entries(o.params ?? {}))
      path = path.replace(`{${k}}`, encodeURIComponent(v));
    const qs = new URLSearchParams(
      Object.entries(o.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    const pathWithQuery = qs ? `${path}?${qs}` : path;
    const body = o.body === undefined ? '' : JSON.stringify(o.body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body.length > 0) headers['content-type'] = 'application/json';
    if (spec.auth !== 'none') {
      const creds = this.opts.credentials();
      if (!creds) return err({ kind: 'not_enrolled', message: 'this kiosk is not enrolled yet' });
      Object.assign(
        headers,
        signedHeaders(
          creds,
          { method: spec.method, pathWithQuery, body },
          this.now() + this.clockOffsetMs,
          randomBytes(16).toString('base64url'),
        ),
      );
    }
    if (o.token) headers['x-card-session'] = o.token;
    const base = this.opts.baseUrl.replace(/\/$/, '');
    const sent = await this.transport.send({
      method: spec.method,
      url: new URL(base + pathWithQuery),
      headers,
      body,
      connectTimeoutMs: this.tuning.connectTimeoutMs,
      totalTimeoutMs: o.totalTimeoutMs ?? this.tuning.totalTimeoutMs,
    });
    if (!sent.ok) return sent;
    return this.interpret(sent.value, o.schema);
  }

  private interpret<T>(res: RawResponse, schema: z.ZodType<T>): Result<T, CentralError> {
    const { status } = res;
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      if (status >= 500)
        return err({ kind: 'server_error', status, message: 'error answer is not JSON' });
      return err({ kind: 'malformed_response', status, message: 'answer is not valid JSON' });
    }
    if (status >= 200 && status < 300) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return ok(parsed.data);
      const issue = parsed.error.issues[0];
      return err({
        kind: 'schema_mismatch',
        status,
        message: `answer does not match the schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`,
      });
    }
    const apiError = ApiErrorSchema.safeParse(json);
    if (status >= 500 || !apiError.success) {
      return err({
        kind: status >= 500 ? 'server_error' : 'schema_mismatch',
        status,
        message: apiError.success ? apiError.data.error.message : `unexpected HTTP ${status}`,
      });
    }
    const e = apiError.data.error;
    if (e.code === 'stale_request') this.learnClock(res);
    return err({
      kind: 'rejected',
      status,
      code: e.code,
      message: e.message,
      ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
    });
  }

  /** The Date header has one-second resolution, well inside the service's window. */
  private learnClock(res: RawResponse): void {
    const date = res.headers.date ? Date.parse(res.headers.date) : NaN;
    if (Number.isNaN(date)) return;
    this.clockOffsetMs = date + 500 - this.now();
    this.opts.log.warn(
      { offsetMs: this.clockOffsetMs },
      'central: kiosk clock differs from the service; correcting signed timestamps',
    );
  }

  private observe(r: Result<unknown, CentralError>): void {
    if (!r.ok && r.error.kind === 'not_enrolled') return;
    const circuit = circuitName(this.breaker.state);
    if (r.ok || !isOutage(r.error)) {
      if (this.current.state !== 'online' || this.current.circuit !== circuit)
        this.publish({ state: 'online', circuit, since: this.now(), lastError: null });
      return;
    }
    const lastError = describeError(r.error);
    if (this.current.state !== 'offline' || this.current.circuit !== circuit)
      this.publish({ state: 'offline', circuit, since: this.now(), lastError });
  }

  private publish(s: CentralStatus): void {
    const changed = s.state !== this.current.state || s.circuit !== this.current.circuit;
    this.current = s;
    if (!changed) return;
    for (const l of this.listeners) l(s);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms).unref());
  }
}
