import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeStoreIo, type AppendHandle, type StoreIo } from './durable-file';

/** A temp directory per test, removed by `cleanup`. */
export function tempDirs(): { make(): string; cleanup(): void } {
  const made: string[] = [];
  return {
    make() {
      const d = mkdtempSync(join(tmpdir(), 'ssc-store-'));
      made.push(d);
      return d;
    },
    cleanup() {
      for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

/**
 * The real file I/O, with a switch that makes the next appends (or atomic writes) fail the way
 * a full or read-only disk does. `partial` writes half the bytes first, like a torn write.
 */
export class FaultyIo implements StoreIo {
  failAppends: { code: string; partial: boolean } | null = null;
  failTruncate = false;
  failAtomicWrites: string | null = null;
  datasyncs = 0;

  async openAppend(path: string): Promise<AppendHandle> {
    const inner = await nodeStoreIo.openAppend(path);
    return {
      append: async (data) => {
        const f = this.failAppends;
        if (f) {
          if (f.partial) await inner.append(data.subarray(0, Math.floor(data.length / 2)));
          throw Object.assign(new Error(`simulated ${f.code}`), { code: f.code });
        }
        await inner.append(data);
      },
      datasync: () => {
        this.datasyncs += 1;
        return inner.datasync();
      },
      truncate: async (len) => {
        if (this.failTruncate) throw Object.assign(new Error('simulated EROFS'), { code: 'EROFS' });
        await inner.truncate(len);
      },
      close: () => inner.close(),
    };
  }

  async writeAtomic(path: string, data: readonly Uint8Array[]): Promise<void> {
    if (this.failAtomicWrites) {
      throw Object.assign(new Error(`simulated ${this.failAtomicWrites}`), {
        code: this.failAtomicWrites,
      });
    }
    await nodeStoreIo.writeAtomic(path, data);
  }
}

/** Flips bits of one byte in place: the damage a bad sector or a stray write leaves. */
export function flipByte(buf: Buffer, index: number, mask = 0xff): void {
  const i = index < 0 ? buf.length + index : index;
  buf.writeUInt8((buf.readUInt8(i) ^ mask) & 0xff, i);
}
