import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The few file operations durability depends on, behind a port so tests can make the disk
 * fail (ENOSPC, EROFS) at an exact write without a real full disk.
 */
export interface AppendHandle {
  append(data: Uint8Array): Promise<void>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export interface StoreIo {
  openAppend(path: string): Promise<AppendHandle>;
  /** Writes `data` to `path` atomically: temp file, fsync, rename, directory fsync. */
  writeAtomic(path: string, data: readonly Uint8Array[]): Promise<void>;
}

class NodeAppendHandle implements AppendHandle {
  constructor(private readonly fh: FileHandle) {}
  /**
   * Synchronous on purpose: a write into the page cache takes microseconds, less than the hop
   * to libuv's thread pool and back; the slow part, fdatasync, stays asynchronous.
   */
  append(data: Uint8Array): Promise<void> {
    try {
      let off = 0;
      while (off < data.length) off += writeSync(this.fh.fd, data, off, data.length - off);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
  datasync(): Promise<void> {
    return this.fh.datasync();
  }
  truncate(length: number): Promise<void> {
    return this.fh.truncate(length);
  }
  close(): Promise<void> {
    return this.fh.close();
  }
}

/** A rename or a new file is only durable once its directory entry is fsync'd too. */
export function fsyncDirSync(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export const nodeStoreIo: StoreIo = {
  async openAppend(path) {
    const fh = await open(path, 'a', 0o600);
    await fsyncDir(dirname(path));
    return new NodeAppendHandle(fh);
  },
  async writeAtomic(path, data) {
    const tmp = `${path}.tmp`;
    const fh = await open(tmp, 'w', 0o600);
    try {
      for (const chunk of data) {
        let off = 0;
        while (off < chunk.length) {
          const { bytesWritten } = await fh.write(chunk, off, chunk.length - off);
          off += bytesWritten;
        }
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    await fsyncDir(dirname(path));
  },
};

/**
 * Small JSON state files (remote configuration, attendant state): written to a temp file,
 * fsync'd, renamed, directory fsync'd, so a power cut keeps one whole version; owner-only.
 */
export function saveJsonFileSync(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(value));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDirSync(dirname(path));
}
