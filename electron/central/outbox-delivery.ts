import { z } from 'zod';
import type * as api from '../../server/api-types';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import type { Outbox, OutboxLookup, OutboxOperation } from '../store/outbox';
import type { Store } from '../store/store';
import type { CentralClient } from './client';
import { AUTH_CODES, describeError, type CentralError } from './errors';
import { OperationResultsSchema } from './schemas';

/**
 * The outbox `kind` is the operation's type in `POST /v1/operations`; the payload holds the
 * remaining fields. Checked before sending: a payload the service could never accept is
 * rejected here with a reason, not sent forever.
 */
const cardOp = z.object({ cardNumber: z.string().min(1), occurredAt: z.string().optional() });
const PAYLOADS = {
  activation: cardOp,
  pin_changed: cardOp,
  loss_report_cancel: cardOp,
  loss_report: z.object({
    challengeId: z.string().min(1),
    code: z.string().min(1),
    cardRef: z.string().min(1),
    occurredAt: z.string().optional(),
  }),
} as const;
export type OperationKind = keyof typeof PAYLOADS;
export const OPERATION_KINDS = Object.keys(PAYLOADS) as OperationKind[];

export function toOperation(op: OutboxOperation): Result<api.Operation, string> {
  const schema = PAYLOADS[op.kind as OperationKind] as (typeof PAYLOADS)[OperationKind] | undefined;
  if (!schema) return err(`unknown operation kind "${op.kind}"`);
  const parsed = schema.safeParse(op.payload);
  if (!parsed.success) return err(`payload does not fit ${op.kind}`);
  const occurredAt = parsed.data.occurredAt ?? new Date(op.createdAt).toISOString();
  return ok({
    ...parsed.data,
    idempotencyKey: op.key,
    type: op.kind,
    occurredAt,
  } as api.Operation);
}

export interface DeliveryTuning {
  readonly batchSize: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Longest sleep when nothing is due (a `kick` wakes the loop earlier). */
  readonly idleMs: number;
}

export const DEFAULT_DELIVERY: DeliveryTuning = {
  batchSize: 100,
  retryBaseMs: 2_000,
  retryMaxMs: 5 * 60_000,
  idleMs: 15_000,
};

export type DeliveryEvent =
  | { readonly type: 'operation_delivered'; readonly key: string; readonly kind: string }
  | {
      readonly type: 'operation_rejected';
      readonly key: string;
      readonly kind: string;
      readonly reason: string;
    };

export interface DrainReport {
  readonly sent: number;
  readonly delivered: number;
  readonly rejected: number;
  readonly retried: number;
}

export interface RejectedOperation {
  readonly key: string;
  readonly kind: string;
  readonly summary: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  readonly settledAt: number;
  readonly reason: string;
}

/** Short JSON of what the service answered (masked fields only), kept for "was it delivered?". */
function resultText(result: Record<string, unknown> | undefined): string | undefined {
  if (!result) return undefined;
  const pick: Record<string, unknown> = {};
  for (const k of ['reference', 'status', 'validUntil', 'recordedAt', 'cardNumberMasked'])
    if (k in result) pick[k] = result[k];
  const card = result.card as { status?: unknown } | undefined;
  if (card && typeof card === 'object' && 'status' in card) pick.cardStatus = card.status;
  return JSON.stringify(pick);
}

/**
 * Drains the outbox to `POST /v1/operations`, oldest first, in batches, each operation with the
 * idempotency key it got when recorded. Acknowledged ones leave the outbox; refusals by the
 * service (the card's status no longer allows it, ...) are settled as rejected with the reason
 * and surfaced; everything else (network, 5xx, auth) is retried with backoff. A crash between
 * sending and settling leaves the operation `delivering`, which the store makes due again on
 * open: the resend carries the same key and the service answers with its first result.
 */
export class OutboxDelivery {
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  private kicked = false;
  /** After a batch the service refused as a whole, send one at a time to find the culprit. */
  private singles = 0;

  constructor(
    private readonly deps: {
      readonly outbox: Outbox;
      readonly store: Store;
      readonly client: CentralClient;
      readonly log: Logger;
      readonly emit: (e: DeliveryEvent) => void;
      readonly tuning?: Partial<DeliveryTuning>;
      readonly now?: () => number;
      readonly random?: () => number;
    },
  ) {}

  private get tuning(): DeliveryTuning {
    return { ...DEFAULT_DELIVERY, ...this.deps.tuning };
  }
  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
  }

  /** Something was recorded: deliver now rather than at the next tick. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** "Was my operation delivered?" */
  deliveryState(key: string): OutboxLookup | null {
    return this.deps.outbox.lookup(key);
  }

  /** Operations the service refused, newest first, for the attendant screen. */
  rejected(limit = 50): RejectedOperation[] {
    return this.deps.store
      .all(
        `SELECT key, kind, summary, created_at, settled_at, reason FROM outbox_history
          WHERE state = 'rejected' ORDER BY settled_at DESC, key LIMIT ?`,
        [limit],
      )
      .map((r) => ({
        key: String(r.key),
        kind: String(r.kind),
        summary: JSON.parse(String(r.summary)) as Record<string, unknown>,
        createdAt: Number(r.created_at),
        settledAt: Number(r.settled_at),
        reason: String(r.reason ?? ''),
      }));
  }

  /** One batch: the due operations, oldest first. */
  async drainOnce(): Promise<
    Result<DrainReport, CentralError | { kind: 'store'; message: string }>
  > {
    const t = this.tuning;
    const size = this.singles > 0 ? 1 : t.batchSize;
    const batch = await this.deps.outbox.nextBatch(size, this.now());
    if (!batch.ok) return err({ kind: 'store', message: batch.error.message });
    if (batch.value.length === 0) return ok({ sent: 0, delivered: 0, rejected: 0, retried: 0 });
    if (this.singles > 0) this.singles -= 1;
    const ops: api.Operation[] = [];
    const sent: OutboxOperation[] = [];
    let rejected = 0;
    for (const op of batch.value) {
      const built = toOperation(op);
      if (built.ok) {
        ops.push(built.value);
        sent.push(op);
      } else {
        await this.reject(op, `invalid_operation: ${built.error}`);
        rejected += 1;
      }
    }
    if (ops.length === 0) return ok({ sent: 0, delivered: 0, rejected, retried: 0 });
    const r = await this.deps.client.call('deliverOperations', {
      body: { operations: ops },
      schema: OperationResultsSchema,
      idempotent: true,
    });
    if (!r.ok) {
      const e = r.error;
      if (e.kind === 'rejected' && !AUTH_CODES.has(e.code) && e.code !== 'rate_limited') {
        if (sent.length > 1) {
          // The batch as a whole was refused (one bad operation fails validation): retry now,
          // one by one, so only the bad one is rejected.
          this.singles = sent.length;
          await this.retry(sent, e, 0);
          return err(e);
        }
        const only = sent[0];
        if (only) await this.reject(only, `${e.code}: ${e.message}`);
        return err(e);
      }
      await this.retry(sent, e);
      this.deps.log.warn(
        { error: describeError(e), count: sent.length },
        'central: operations not delivered, will retry',
      );
      return err(e);
    }
    const byKey = new Map(r.value.results.map((x) => [x.idempotencyKey, x]));
    const acks: Promise<unknown>[] = [];
    const later: OutboxOperation[] = [];
    let delivered = 0;
    for (const op of sent) {
      const res = byKey.get(op.key);
      if (res?.outcome === 'applied') {
        delivered += 1;
        acks.push(
          this.deps.outbox.markAcknowledged([op.key], resultText(res.result)).then((a) => {
            if (a.ok) this.deps.emit({ type: 'operation_delivered', key: op.key, kind: op.kind });
          }),
        );
      } else if (res && res.status < 500) {
        const code = res.error?.error.code ?? 'rejected';
        rejected += 1;
        acks.push(this.reject(op, `${code}: ${res.error?.error.message ?? ''}`));
      } else later.push(op);
    }
    await Promise.all(acks);
    if (later.length > 0)
      await this.retry(later, { kind: 'server_error', status: 500, message: 'no result' });
    return ok({ sent: sent.length, delivered, rejected, retried: later.length });
  }

  private async reject(op: OutboxOperation, reason: string): Promise<void> {
    const r = await this.deps.outbox.markRejected(op.key, reason);
    if (!r.ok) return;
    this.deps.log.warn({ key: op.key, kind: op.kind, reason }, 'central: operation rejected');
    this.deps.emit({ type: 'operation_rejected', key: op.key, kind: op.kind, reason });
  }

  private async retry(ops: readonly OutboxOperation[], e: CentralError, delayMs?: number) {
    const t = this.tuning;
    const random = this.deps.random ?? Math.random;
    const text = describeError(e);
    await Promise.all(
      ops.map((op) => {
        const cap = Math.min(t.retryMaxMs, t.retryBaseMs * 2 ** Math.min(op.attempts - 1, 20));
        const wait = delayMs ?? Math.floor(cap / 2 + random() * (cap / 2));
        return this.deps.outbox.markRetry(op.key, this.now() + wait, text);
      }),
    );
  }

  /** Milliseconds until the next pending operation is due (capped at the idle time). */
  private nextDueIn(): number {
    const row = this.deps.store.get(
      "SELECT MIN(next_attempt_at) AS at FROM outbox WHERE state = 'pending'",
    );
    const at = row?.at;
    if (typeof at !== 'number') return this.tuning.idleMs;
    return Math.max(0, Math.min(this.tuning.idleMs, at - this.now()));
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.kicked = false;
      let busy = false;
      try {
        const r = await this.drainOnce();
        busy = r.ok && r.value.sent + r.value.rejected > 0;
      } catch (e) {
        this.deps.log.error({ e }, 'central: delivery loop failed; continuing');
      }
      if (!this.running) break;
      if (busy || this.kicked) continue;
      const wait = this.nextDueIn();
      if (wait === 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
