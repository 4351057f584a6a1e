import { crc32 } from 'node:zlib';

/**
 * A snapshot is the exported SQLite image behind a small header: magic, generation, the last
 * journal sequence it contains, its length and CRC-32. The checksum catches damage that
 * `PRAGMA integrity_check` would miss (a flipped byte in a row's payload).
 */
const MAGIC = Buffer.from('SSCSNAP1', 'ascii');
export const SNAPSHOT_HEADER = 32;

export const snapshotName = (gen: number): string => `snapshot-${String(gen).padStart(8, '0')}.db`;

export function snapshotHeader(gen: number, lastSeq: number, image: Uint8Array): Buffer {
  const h = Buffer.alloc(SNAPSHOT_HEADER);
  MAGIC.copy(h, 0);
  h.writeUInt32LE(gen, 8);
  h.writeUInt32LE(crc32(image), 12);
  h.writeBigUInt64LE(BigInt(lastSeq), 16);
  h.writeBigUInt64LE(BigInt(image.length), 24);
  return h;
}

export interface SnapshotContent {
  readonly gen: number;
  readonly lastSeq: number;
  readonly image: Uint8Array;
}

export function parseSnapshot(buf: Buffer): SnapshotContent | string {
  if (buf.length < SNAPSHOT_HEADER) return 'shorter than its header';
  if (!buf.subarray(0, 8).equals(MAGIC)) return 'bad magic';
  const gen = buf.readUInt32LE(8);
  const sum = buf.readUInt32LE(12);
  const lastSeq = Number(buf.readBigUInt64LE(16));
  const length = Number(buf.readBigUInt64LE(24));
  if (buf.length !== SNAPSHOT_HEADER + length) return 'length mismatch';
  const image = buf.subarray(SNAPSHOT_HEADER);
  if (crc32(image) !== sum) return 'checksum mismatch';
  return { gen, lastSeq, image };
}
