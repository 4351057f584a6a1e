import { join } from 'node:path';
import { err, ok, type Result } from '../result';
import type { AppendHandle, StoreIo } from './durable-file';
import { faultFromErrno, type StoreError, type StoreFaultReason } from './errors';
import { frame } from './record-frame';

export const JOURNAL_MAGIC = Buffer.from('SSCJRNL1', 'ascii');
export const JOURNAL_HEADER = 16;

export const journalName = (gen: number): string => `journal-${String(gen).padStart(8, '0')}.log`;

export function journalHeader(gen: number): Buffer {
  const h = Buffer.alloc(JOURNAL_HEADER);
  JOURNAL_MAGIC.copy(h, 0);
  h.writeUInt32LE(gen, 8);
  return h;
}

interface Pending {
  readonly data: Buffer;
  readonly done: (r: Result<void, StoreError>) => void;
}

export interface JournalWriterEvents {
  /** The disk refused a write: the records of the batch (and any queued behind it) are lost. */
  onFailure(fault: { kind: StoreFaultReason; message: string }): void;
  onDurable(): void;
}

/**
 * Appends framed records to the active journal file. Group commit: while one write + fdatasync
 * is in flight, later records queue and go to disk together in the next write, so N concurrent
 * commits cost about one fsync, not N. A caller is answered only after its record is synced.
 */
export class JournalWriter {
  private pending: Pending[] = [];
  private flushing = false;
  private rotation: { gen: number; done: (r: Result<void, StoreError>) => void } | null = null;
  /** Truncating a failed write away also failed: appending more could hide records behind garbage. */
  private brokenBy: { kind: StoreFaultReason; message: string } | null = null;
  private idleWaiters: (() => void)[] = [];

  private constructor(
    private readonly io: StoreIo,
    private readonly dir: string,
    private gen: number,
    private handle: AppendHandle,
    private durableSize: number,
    private readonly events: JournalWriterEvents,
  ) {}

  /** Opens journal `gen` for appending; `size` is its valid length (0 = create it with a header). */
  static async open(
    io: StoreIo,
    dir: string,
    gen: number,
    size: number,
    events: JournalWriterEvents,
  ): Promise<JournalWriter> {
    const handle = await io.openAppend(join(dir, journalName(gen)));
    let durable = size;
    if (size < JOURNAL_HEADER) {
      await handle.truncate(0);
      await handle.append(journalHeader(gen));
      await handle.datasync();
      durable = JOURNAL_HEADER;
    }
    return new JournalWriter(io, dir, gen, handle, durable, events);
  }

  get generation(): number {
    return this.gen;
  }
  get size(): number {
    return this.durableSize;
  }
  get idle(): boolean {
    return !this.flushing && this.pending.length === 0 && this.rotation === null;
  }
  get broken(): { kind: StoreFaultReason; message: string } | null {
    return this.brokenBy;
  }

  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  append(payload: Uint8Array): Promise<Result<void, StoreError>> {
    if (this.brokenBy) return Promise.resolve(err(this.brokenBy));
    return new Promise((done) => {
      this.pending.push({ data: frame(payload), done });
      void this.flush();
    });
  }

  /** Switches to a new journal file before the next record; resolves once it exists on disk. */
  rotate(gen: number): Promise<Result<void, StoreError>> {
    return new Promise((done) => {
      this.rotation = { gen, done };
      void this.flush();
    });
  }

  async close(): Promise<void> {
    await this.whenIdle();
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.rotation || this.pending.length > 0) {
        if (this.rotation) {
          const { gen, done } = this.rotation;
          this.rotation = null;
          try {
            const next = await JournalWriter.open(this.io, this.dir, gen, 0, this.events);
            await this.handle.close();
            this.handle = next.handle;
            this.gen = gen;
            this.durableSize = next.durableSize;
            done(ok(undefined));
          } catch (e) {
            this.fail(faultFromErrno(e), [{ data: Buffer.alloc(0), done }]);
          }
          continue;
        }
        const batch = this.pending;
        this.pending = [];
        const data =
          batch.length === 1 && batch[0] ? batch[0].data : Buffer.concat(batch.map((p) => p.data));
        try {
          await this.handle.append(data);
          await this.handle.datasync();
          this.durableSize += data.length;
          for (const p of batch) p.done(ok(undefined));
          this.events.onDurable();
        } catch (e) {
          const fault = faultFromErrno(e);
          try {
            await this.handle.truncate(this.durableSize);
          } catch {
            this.brokenBy = fault;
          }
          this.fail(fault, batch);
        }
      }
    } finally {
      this.flushing = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /**
   * Records queued behind a failed batch were committed in memory after it; the store reloads
   * its memory from disk on failure, so they are refused too rather than written out of order.
   */
  private fail(fault: { kind: StoreFaultReason; message: string }, batch: Pending[]): void {
    const refused = [...batch, ...this.pending];
    this.pending = [];
    if (this.rotation) {
      refused.push({ data: Buffer.alloc(0), done: this.rotation.done });
      this.rotation = null;
    }
    this.events.onFailure(fault);
    for (const p of refused) p.done(err(fault));
  }
}
