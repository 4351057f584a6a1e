import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { err, ok, type Result } from '../result';
import type { Logger } from '../log';
import type { StoreIo } from './durable-file';
import type { StoreError } from './errors';
import { findPersonalData } from './personal-data';
import type { Store } from './store';

/**
 * Append-only, hash-chained audit log. Each entry's hash covers the previous entry's hash and
 * the canonical form of the entry, so editing, deleting or reordering an entry breaks the chain.
 * Cutting entries off the end keeps a valid chain, so the head (seq, hash) is also kept (a) in
 * `audit_head`, written in the same transaction, and (b) in an anchor file beside the database,
 * and should be (c) reported to the central service by the sync engine (`head()`); `verify`
 * compares the chain with each anchor it is given.
 */
export type AuditDetails = Readonly<Record<string, string | number | boolean | null>>;

export interface AuditEntry {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly details: AuditDetails;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

export type AuditError =
  StoreError | { readonly kind: 'audit_personal_data'; readonly message: string };

export type AuditViolation = {
  readonly kind: 'edited' | 'deleted' | 'truncated' | 'head_mismatch';
  readonly seq: number;
  readonly message: string;
};

const GENESIS = '0'.repeat(64);

/** Sorted keys, no whitespace: the same entry always hashes the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    details: e.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export class AuditLog {
  private anchorWrite: Promise<void> | null = null;
  private anchorDirty = false;

  constructor(
    private readonly store: Store,
    private readonly anchorPath: string,
    private readonly io: StoreIo,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async append(
    actor: string,
    action: string,
    details: AuditDetails = {},
  ): Promise<Result<AuditHead, AuditError>> {
    const problem = findPersonalData({ actor, action, ...details });
    if (problem) return err({ kind: 'audit_personal_data', message: problem });
    const r = await this.store.transaction((tx) => {
      const head = tx.get('SELECT seq, hash FROM audit_head WHERE id = 1');
      const prevHash = head ? String(head.hash) : GENESIS;
      const seq = head ? Number(head.seq) + 1 : 1;
      const at = this.now();
      const hash = entryHash(prevHash, { seq, at, actor, action, details });
      tx.run(
        'INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [seq, at, actor, action, canonicalJson(details), prevHash, hash],
      );
      tx.run(
        'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
        [seq, hash],
      );
      return { seq, hash };
    });
    if (r.ok) this.scheduleAnchor();
    return r;
  }

  head(): AuditHead | null {
    const row = this.store.get('SELECT seq, hash FROM audit_head WHERE id = 1');
    return row ? { seq: Number(row.seq), hash: String(row.hash) } : null;
  }

  entries(fromSeq = 1, limit = 1000): AuditEntry[] {
    return this.store
      .all('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?', [fromSeq, limit])
      .map((r) => ({
        seq: Number(r.seq),
        at: Number(r.at),
        actor: String(r.actor),
        action: String(r.action),
        details: JSON.parse(String(r.details)) as AuditDetails,
        prevHash: String(r.prev_hash),
        hash: String(r.hash),
      }));
  }

  /** The anchor file's head, or `null` when it does not exist or cannot be read. */
  readAnchor(): AuditHead | null {
    try {
      const parsed = JSON.parse(readFileSync(this.anchorPath, 'utf8')) as unknown;
      if (typeof parsed === 'object' && parsed !== null && 'seq' in parsed && 'hash' in parsed) {
        const { seq, hash } = parsed;
        if (typeof seq === 'number' && typeof hash === 'string') return { seq, hash };
      }
    } catch {
      // absent until the first entry is anchored
    }
    return null;
  }

  /** Waits for the anchor file to reflect the latest entry. */
  async flushAnchor(): Promise<void> {
    while (this.anchorWrite) await this.anchorWrite;
  }

  /**
   * Walks the whole chain. `anchors` are heads recorded elsewhere (the anchor file by default,
   * plus any the central service holds); the chain must still contain each of them.
   */
  verify(
    anchors: readonly AuditHead[] = this.defaultAnchors(),
  ): Result<AuditHead | null, AuditViolation> {
    let prev = GENESIS;
    let expected = 1;
    let last: AuditHead | null = null;
    const bySeq = new Map<number, string>();
    for (let from = 1; ;) {
      const batch = this.entries(from, 5000);
      if (batch.length === 0) break;
      for (const e of batch) {
        if (e.seq !== expected) {
          return err({ kind: 'deleted', seq: expected, message: `entry ${expected} is missing` });
        }
        if (e.prevHash !== prev || entryHash(prev, e) !== e.hash) {
          return err({
            kind: 'edited',
            seq: e.seq,
            message: `entry ${e.seq} does not match its hash chain`,
          });
        }
        prev = e.hash;
        expected += 1;
        last = { seq: e.seq, hash: e.hash };
        bySeq.set(e.seq, e.hash);
      }
      from = expected;
    }
    const head = this.head();
    if ((head?.seq ?? 0) !== (last?.seq ?? 0) || (head && head.hash !== last?.hash)) {
      const kind = (head?.seq ?? 0) > (last?.seq ?? 0) ? 'truncated' : 'head_mismatch';
      return err({
        kind,
        seq: head?.seq ?? 0,
        message: 'the recorded head does not match the last entry',
      });
    }
    for (const a of anchors) {
      if (a.seq > (last?.seq ?? 0)) {
        return err({
          kind: 'truncated',
          seq: a.seq,
          message: `entries up to ${a.seq} were recorded, the log ends earlier`,
        });
      }
      if (bySeq.get(a.seq) !== a.hash) {
        return err({
          kind: 'edited',
          seq: a.seq,
          message: `entry ${a.seq} differs from its anchored hash`,
        });
      }
    }
    return ok(last);
  }

  private defaultAnchors(): AuditHead[] {
    const a = this.readAnchor();
    return a ? [a] : [];
  }

  /** Coalesced: at most one write in flight, and one more if entries arrived meanwhile. */
  private scheduleAnchor(): void {
    if (this.anchorWrite) {
      this.anchorDirty = true;
      return;
    }
    this.anchorWrite = (async () => {
      do {
        this.anchorDirty = false;
        const head = this.head();
        if (!head) break;
        try {
          await this.io.writeAtomic(this.anchorPath, [Buffer.from(JSON.stringify(head))]);
        } catch (e) {
          this.log.error({ e }, 'audit: anchor file not written');
          break;
        }
      } while (this.anchorDirty);
    })().finally(() => {
      this.anchorWrite = null;
    });
  }
}
