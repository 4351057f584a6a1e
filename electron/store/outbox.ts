import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../result';
import type { StoreError } from './errors';
import type { FieldCipher } from './field-cipher';
import { findPersonalData } from './personal-data';
import type { Row, Store, Tx } from './store';

/**
 * Operations waiting for the central service (loss reports, activations, ...). An operation is
 * on disk before `record` resolves, so "recorded" shown to a citizen survives a crash. Its
 * idempotency key is chosen here, once, and sent with every attempt so the central service
 * applies it exactly once. Payloads are sealed (they hold ID numbers); once settled the payload
 * is dropped and only a non-personal summary stays in a bounded history.
 */
export type OutboxState = 'pending' | 'delivering' | 'acknowledged' | 'rejected';

export type Summary = Readonly<Record<string, string | number | boolean | null>>;

export interface OutboxOperation {
  readonly key: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly summary: Summary;
  readonly createdAt: number;
  readonly attempts: number;
  readonly nextAttemptAt: number;
}

export interface OutboxLookup {
  readonly key: string;
  readonly kind: string;
  readonly state: OutboxState;
  readonly summary: Summary;
  readonly attempts: number;
  readonly createdAt: number;
  readonly settledAt: number | null;
  readonly lastError: string | null;
  readonly result: string | null;
  readonly reason: string | null;
}

export type OutboxError =
  | StoreError
  | { readonly kind: 'summary_has_personal_data'; readonly message: string }
  | { readonly kind: 'payload_unreadable'; readonly message: string; readonly key: string };

export interface HistoryRetention {
  readonly maxEntries: number;
  readonly maxAgeMs: number;
}

const PAYLOAD_CONTEXT = 'outbox.payload';
/** History is trimmed every this many settlements, not on each: trimming scans the history. */
const TRIM_EVERY = 64;

function summaryOf(row: Row): Summary {
  return JSON.parse(String(row.summary)) as Summary;
}

export class Outbox {
  private settledSinceTrim = 0;

  constructor(
    private readonly store: Store,
    private readonly cipher: FieldCipher,
    private readonly retention: HistoryRetention,
    private readonly now: () => number = Date.now,
  ) {}

  /** After a restart nothing is in flight: operations caught mid-delivery are due again. */
  async recoverInFlight(): Promise<Result<number, StoreError>> {
    if (!this.store.get("SELECT 1 AS x FROM outbox WHERE state = 'delivering' LIMIT 1"))
      return ok(0);
    return this.store.transaction((tx) =>
      tx.run("UPDATE outbox SET state = 'pending' WHERE state = 'delivering'"),
    );
  }

  async record(input: {
    readonly kind: string;
    readonly payload: unknown;
    readonly summary?: Summary;
  }): Promise<Result<{ key: string }, OutboxError>> {
    const problem = findPersonalData(input.summary ?? {});
    if (problem) return err({ kind: 'summary_has_personal_data', message: problem });
    const summary = JSON.stringify(input.summary ?? {});
    const key = randomUUID();
    const at = this.now();
    const sealed = this.cipher.seal(JSON.stringify(input.payload), PAYLOAD_CONTEXT);
    const r = await this.store.transaction((tx) =>
      tx.run(
        `INSERT INTO outbox (key, kind, payload, summary, created_at, attempts, next_attempt_at, state)
         VALUES (?, ?, ?, ?, ?, 0, ?, 'pending')`,
        [key, input.kind, sealed, summary, at, at],
      ),
    );
    return r.ok ? ok({ key }) : r;
  }

  /**
   * The due operations, oldest first, marked `delivering` with their attempt counted. A payload
   * that no longer opens (key lost, bytes altered) is rejected on the spot, never retried forever.
   */
  async nextBatch(limit: number, now: number): Promise<Result<OutboxOperation[], OutboxError>> {
    return this.store.transaction((tx) => {
      const rows = tx.all(
        `SELECT key, kind, payload, summary, created_at, attempts, next_attempt_at FROM outbox
         WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY created_at, key LIMIT ?`,
        [now, limit],
      );
      const ops: OutboxOperation[] = [];
      for (const row of rows) {
        const key = String(row.key);
        const opened = this.cipher.open(row.payload as Uint8Array, PAYLOAD_CONTEXT);
        if (!opened.ok) {
          this.settle(tx, key, 'rejected', null, 'payload_unreadable');
          continue;
        }
        tx.run("UPDATE outbox SET state = 'delivering', attempts = attempts + 1 WHERE key = ?", [
          key,
        ]);
        ops.push({
          key,
          kind: String(row.kind),
          payload: JSON.parse(opened.value) as unknown,
          summary: summaryOf(row),
          createdAt: Number(row.created_at),
          attempts: Number(row.attempts) + 1,
          nextAttemptAt: Number(row.next_attempt_at),
        });
      }
      return ops;
    });
  }

  async markAcknowledged(
    keys: readonly string[],
    result?: string,
  ): Promise<Result<number, StoreError>> {
    return this.store.transaction((tx) => {
      let n = 0;
      for (const key of keys) n += this.settle(tx, key, 'acknowledged', result ?? null, null);
      this.maybeTrim(tx);
      return n;
    });
  }

  async markRetry(
    key: string,
    nextAt: number,
    error: string,
  ): Promise<Result<boolean, StoreError>> {
    return this.store.transaction(
      (tx) =>
        tx.run(
          "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE key = ?",
          [nextAt, error.slice(0, 500), key],
        ) > 0,
    );
  }

  async markRejected(key: string, reason: string): Promise<Result<boolean, StoreError>> {
    return this.store.transaction((tx) => {
      const n = this.settle(tx, key, 'rejected', null, reason.slice(0, 500));
      this.maybeTrim(tx);
      return n > 0;
    });
  }

  /** Operations not yet settled, and the age of the oldest (0 when empty). */
  depth(now: number = this.now()): { count: number; oldestAgeMs: number } {
    const row = this.store.get('SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox');
    const count = Number(row?.n ?? 0);
    const oldest = row?.oldest;
    return { count, oldestAgeMs: count > 0 && typeof oldest === 'number' ? now - oldest : 0 };
  }

  /** "Was my operation delivered?" — `null` when the key is unknown or aged out of history. */
  lookup(key: string): OutboxLookup | null {
    const live = this.store.get(
      'SELECT key, kind, state, summary, attempts, created_at, last_error FROM outbox WHERE key = ?',
      [key],
    );
    if (live) {
      return {
        key,
        kind: String(live.kind),
        state: live.state === 'delivering' ? 'delivering' : 'pending',
        summary: summaryOf(live),
        attempts: Number(live.attempts),
        createdAt: Number(live.created_at),
        settledAt: null,
        lastError: live.last_error === null ? null : String(live.last_error),
        result: null,
        reason: null,
      };
    }
    const h = this.store.get('SELECT * FROM outbox_history WHERE key = ?', [key]);
    if (!h) return null;
    return {
      key,
      kind: String(h.kind),
      state: h.state === 'rejected' ? 'rejected' : 'acknowledged',
      summary: summaryOf(h),
      attempts: Number(h.attempts),
      createdAt: Number(h.created_at),
      settledAt: Number(h.settled_at),
      lastError: null,
      result: h.result === null ? null : String(h.result),
      reason: h.reason === null ? null : String(h.reason),
    };
  }

  /** Keys of every unsettled operation, oldest first (diagnostics, crash drills). */
  pendingKeys(): string[] {
    return this.store
      .all('SELECT key FROM outbox ORDER BY created_at, key')
      .map((r) => String(r.key));
  }

  /** Opens one unsettled operation's payload (reprint of a receipt, diagnostics). */
  payloadOf(key: string): Result<unknown, OutboxError> | null {
    const row = this.store.get('SELECT payload FROM outbox WHERE key = ?', [key]);
    if (!row) return null;
    const opened = this.cipher.open(row.payload as Uint8Array, PAYLOAD_CONTEXT);
    if (!opened.ok) return err({ kind: 'payload_unreadable', message: opened.error.message, key });
    return ok(JSON.parse(opened.value) as unknown);
  }

  private settle(
    tx: Tx,
    key: string,
    state: 'acknowledged' | 'rejected',
    result: string | null,
    reason: string | null,
  ): number {
    const moved = tx.run(
      `INSERT INTO outbox_history (key, kind, summary, created_at, settled_at, attempts, state, result, reason)
       SELECT key, kind, summary, created_at, ?, attempts, ?, ?, ? FROM outbox WHERE key = ?`,
      [this.now(), state, result, reason, key],
    );
    if (moved > 0) tx.run('DELETE FROM outbox WHERE key = ?', [key]);
    return moved;
  }

  /** Applies the retention now (also done every few settlements). */
  async trimHistory(): Promise<Result<void, StoreError>> {
    return this.store.transaction((tx) => this.trim(tx));
  }

  private maybeTrim(tx: Tx): void {
    this.settledSinceTrim += 1;
    if (this.settledSinceTrim < TRIM_EVERY) return;
    this.settledSinceTrim = 0;
    this.trim(tx);
  }

  private trim(tx: Tx): void {
    tx.run('DELETE FROM outbox_history WHERE settled_at < ?', [
      this.now() - this.retention.maxAgeMs,
    ]);
    tx.run(
      `DELETE FROM outbox_history WHERE key IN (
         SELECT key FROM outbox_history ORDER BY settled_at DESC, key LIMIT -1 OFFSET ?)`,
      [this.retention.maxEntries],
    );
  }
}
