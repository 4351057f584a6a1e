import { endianness } from 'node:os';
import { mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import type { AppendHandle, StoreIo } from './durable-file';
import { faultFromErrno, type StoreError } from './errors';
import { Hotlist, type HotlistDelta, type HotlistError, encodeAll } from './hotlist';
import { frame, readFrames } from './record-frame';

/**
 * The hotlist's own files, apart from the store journal so that a 20 MB list never sits on the
 * commit path of an outbox operation:
 *   hotlist.bin         header (magic, version, count, CRC-32) + sorted little-endian u32 codes
 *   hotlist-deltas.log  framed deltas applied since (from, to, counts, added codes, removed codes)
 * A delta costs one small append + fdatasync; the base is rewritten (atomically) only when the
 * delta log grows past `compactBytes`.
 */
const MAGIC = Buffer.from('SSCHOT01', 'ascii');
const HEADER = 32;
const BASE = 'hotlist.bin';
const DELTAS = 'hotlist-deltas.log';

export type HotlistStoreError = StoreError | HotlistError;

function encodeBase(list: Hotlist): Buffer[] {
  const codes = list.sortedCodes;
  const body = Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength);
  const h = Buffer.alloc(HEADER);
  MAGIC.copy(h, 0);
  h.writeBigUInt64LE(BigInt(list.version), 8);
  h.writeUInt32LE(codes.length, 16);
  h.writeUInt32LE(crc32(body), 20);
  return [h, body];
}

function decodeBase(buf: Buffer): Hotlist | string {
  if (buf.length < HEADER || !buf.subarray(0, 8).equals(MAGIC)) return 'bad header';
  const version = Number(buf.readBigUInt64LE(8));
  const count = buf.readUInt32LE(16);
  if (buf.length !== HEADER + count * 4) return 'length mismatch';
  const body = buf.subarray(HEADER);
  if (crc32(body) !== buf.readUInt32LE(20)) return 'checksum mismatch';
  // Copy into an aligned array; a Buffer from readFile may start at any offset of its pool.
  const codes = new Uint32Array(count);
  new Uint8Array(codes.buffer).set(body);
  return Hotlist.fromSortedCodes(version, codes) ?? 'codes not sorted';
}

function encodeDelta(from: number, to: number, added: Uint32Array, removed: Uint32Array): Buffer {
  const b = Buffer.alloc(24 + 4 * (added.length + removed.length));
  b.writeBigUInt64LE(BigInt(from), 0);
  b.writeBigUInt64LE(BigInt(to), 8);
  b.writeUInt32LE(added.length, 16);
  b.writeUInt32LE(removed.length, 20);
  let off = 24;
  for (const c of added) off = b.writeUInt32LE(c, off);
  for (const c of removed) off = b.writeUInt32LE(c, off);
  return b;
}

function decodeDelta(
  p: Buffer,
): { from: number; to: number; added: Uint32Array; removed: Uint32Array } | null {
  if (p.length < 24) return null;
  const na = p.readUInt32LE(16);
  const nr = p.readUInt32LE(20);
  if (p.length !== 24 + 4 * (na + nr)) return null;
  const added = new Uint32Array(na);
  const removed = new Uint32Array(nr);
  for (let i = 0; i < na; i += 1) added[i] = p.readUInt32LE(24 + 4 * i);
  for (let i = 0; i < nr; i += 1) removed[i] = p.readUInt32LE(24 + 4 * (na + i));
  return { from: Number(p.readBigUInt64LE(0)), to: Number(p.readBigUInt64LE(8)), added, removed };
}

export class HotlistFiles {
  private current: Hotlist;
  private deltaHandle: AppendHandle | null = null;
  private deltaBytes: number;
  /** Writes are serialised: a compaction must not interleave with a delta append. */
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly io: StoreIo,
    private readonly log: Logger,
    private readonly compactBytes: number,
    loaded: { list: Hotlist; deltaBytes: number },
  ) {
    this.current = loaded.list;
    this.deltaBytes = loaded.deltaBytes;
  }

  /** Loads base + deltas. A damaged base is refused (the sync engine fetches a full list). */
  static open(opts: {
    dir: string;
    io: StoreIo;
    log: Logger;
    compactBytes?: number;
  }): Result<HotlistFiles, HotlistStoreError> {
    if (endianness() !== 'LE') throw new Error('hotlist files assume a little-endian host');
    mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
    let list = Hotlist.empty();
    try {
      const base = decodeBase(readFileSync(join(opts.dir, BASE)));
      if (typeof base === 'string') {
        opts.log.error(
          { problem: base },
          'hotlist: base file unusable, starting empty until the next full list',
        );
      } else list = base;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return err(faultFromErrno(e));
    }
    let deltaBytes = 0;
    const deltaPath = join(opts.dir, DELTAS);
    try {
      const buf = readFileSync(deltaPath);
      const scan = readFrames(buf, 0);
      for (const p of scan.payloads) {
        const d = decodeDelta(p);
        if (!d) break;
        // Deltas older than the base were folded into it by a compaction cut short by a crash.
        if (d.from === list.version) list = list.applyCodes(d.to, d.added, d.removed);
      }
      if (scan.tornBytes > 0) {
        opts.log.warn({ bytes: scan.tornBytes }, 'hotlist: torn delta discarded');
        truncateSync(deltaPath, scan.validLength);
      }
      deltaBytes = scan.validLength;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return err(faultFromErrno(e));
    }
    return ok(
      new HotlistFiles(opts.dir, opts.io, opts.log, opts.compactBytes ?? 4 * 1024 * 1024, {
        list,
        deltaBytes,
      }),
    );
  }

  get list(): Hotlist {
    return this.current;
  }

  has(card: string): boolean {
    return this.current.has(card);
  }

  get version(): number {
    return this.current.version;
  }

  /** Replaces the whole list (a full download); durable when resolved. */
  replaceAll(
    version: number,
    cards: readonly string[],
  ): Promise<Result<Hotlist, HotlistStoreError>> {
    const built = Hotlist.fromCardNumbers(version, cards);
    if (!built.ok) return Promise.resolve(built);
    return this.serial(async () => {
      const r = await this.writeBase(built.value);
      if (r.ok) this.current = built.value;
      return r.ok ? ok(built.value) : r;
    });
  }

  /** Applies a delta (signature already checked by the sync engine); durable when resolved. */
  applyDelta(delta: HotlistDelta): Promise<Result<Hotlist, HotlistStoreError>> {
    return this.serial(async () => {
      const added = encodeAll(delta.added);
      if (!added.ok) return added;
      const removed = encodeAll(delta.removed);
      if (!removed.ok) return removed;
      const next = this.current.applyDelta(delta);
      if (!next.ok) return next;
      const record = frame(
        encodeDelta(delta.fromVersion, delta.toVersion, added.value, removed.value),
      );
      try {
        this.deltaHandle ??= await this.io.openAppend(join(this.dir, DELTAS));
        await this.deltaHandle.append(record);
        await this.deltaHandle.datasync();
      } catch (e) {
        await this.closeDeltaLog(true);
        return err(faultFromErrno(e));
      }
      this.deltaBytes += record.length;
      this.current = next.value;
      if (this.deltaBytes > this.compactBytes) void this.serial(() => this.writeBase(this.current));
      return ok(next.value);
    });
  }

  async close(): Promise<void> {
    await this.chain;
    await this.closeDeltaLog(false);
  }

  /** New base first, then the delta log is emptied; a crash between leaves stale deltas that load skips. */
  private async writeBase(list: Hotlist): Promise<Result<void, StoreError>> {
    try {
      await this.io.writeAtomic(join(this.dir, BASE), encodeBase(list));
      this.deltaHandle ??= await this.io.openAppend(join(this.dir, DELTAS));
      await this.deltaHandle.truncate(0);
      await this.deltaHandle.datasync();
      this.deltaBytes = 0;
      return ok(undefined);
    } catch (e) {
      this.log.error({ e }, 'hotlist: base not written');
      return err(faultFromErrno(e));
    }
  }

  private async closeDeltaLog(afterFailure: boolean): Promise<void> {
    const h = this.deltaHandle;
    this.deltaHandle = null;
    if (!h) return;
    try {
      if (afterFailure) await h.truncate(this.deltaBytes);
      await h.close();
    } catch (e) {
      this.log.error({ e }, 'hotlist: delta log not closed cleanly');
    }
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const run = this.chain.then(f, f);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
