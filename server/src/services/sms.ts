import { err, ok, type Result } from '../../../electron/result';
import { maskPhone } from '../../../electron/domain/mask';
import type { Queryable } from '../db/database';

export interface SmsMessage {
  readonly phone: string;
  readonly text: string;
  readonly challengeId: string;
}

/** Why a message did not go out; never carries the text (it holds a one-time code). */
export type SmsError =
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'rejected'; readonly status: number }
  | { readonly kind: 'unreachable'; readonly reason: string };

/** The port to an SMS gateway: the development sink in demo/test, `HttpSmsGateway` in production. */
export interface SmsSender {
  send(q: Queryable, message: SmsMessage): Promise<Result<void, SmsError>>;
  /** Whether sent messages can be read back (development sink only). */
  readonly readable: boolean;
}

/** Development sink: stores messages in the database (so every instance sees them). */
export const devSmsSink: SmsSender = {
  readable: true,
  async send(q, m) {
    await q.query('INSERT INTO dev_sms_messages (phone, text, challenge_id) VALUES ($1, $2, $3)', [
      m.phone,
      m.text,
      m.challengeId,
    ]);
    return ok(undefined);
  },
};

export interface HttpSmsGatewayConfig {
  /** The bureau gateway's send endpoint; https, or http on loopback only. */
  readonly url: string;
  /** Bearer token the gateway issued to this service. */
  readonly token: string;
  readonly timeoutMs: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Production adapter: `POST <url>` with `Authorization: Bearer <token>` and the JSON body
 * `{ phone, text, reference }` (reference = challenge id, for the gateway's delivery reports);
 * any 2xx is accepted. Redirects are refused so the token never goes anywhere else.
 */
export class HttpSmsGateway implements SmsSender {
  readonly readable = false;
  private readonly url: URL;

  constructor(private readonly config: HttpSmsGatewayConfig) {
    this.url = new URL(config.url);
    if (
      this.url.protocol !== 'https:' &&
      !(this.url.protocol === 'http:' && LOOPBACK.has(this.url.hostname))
    )
      throw new Error('smsGateway.url must be https (plain http only on loopback)');
    if (config.token.length === 0) throw new Error('smsGateway.token is empty');
  }

  async send(_q: Queryable, m: SmsMessage): Promise<Result<void, SmsError>> {
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        redirect: 'error',
        headers: {
          authorization: `Bearer ${this.config.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ phone: m.phone, text: m.text, reference: m.challengeId }),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      await res.body?.cancel(); // the answer's content is not needed; free the connection
      return res.ok ? ok(undefined) : err({ kind: 'rejected', status: res.status });
    } catch (e) {
      if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
        return err({ kind: 'timeout', afterMs: this.config.timeoutMs });
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : undefined;
      return err({
        kind: 'unreachable',
        reason: cause ?? (e instanceof Error ? e.message : 'fetch failed'),
      });
    }
  }
}

export interface SmsLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * Sends codes for the identity challenges. The development sink is awaited (its messages are
 * readable at once); a real gateway's delivery runs detached from the request, so the uniform
 * answer takes the same time whether or not a person matched and a slow gateway holds no
 * request or transaction. Failures are logged with the masked phone, never the text.
 * `drain()` waits for deliveries still in flight (shutdown, tests).
 */
export class SmsDispatcher {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    readonly sender: SmsSender,
    private readonly log: SmsLog,
  ) {}

  get readable(): boolean {
    return this.sender.readable;
  }

  async dispatch(q: Queryable, message: SmsMessage): Promise<void> {
    const delivery = this.sender.send(q, message).then(
      (r) => {
        if (!r.ok)
          this.log.warn(
            { sms: r.error, phone: maskPhone(message.phone), challengeId: message.challengeId },
            'SMS not sent',
          );
      },
      (e: unknown) => {
        this.log.warn(
          { sms: { kind: 'unreachable', reason: e instanceof Error ? e.message : String(e) } },
          'SMS not sent',
        );
      },
    );
    if (this.sender.readable) return delivery;
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
