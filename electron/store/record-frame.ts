import { crc32 } from 'node:zlib';

/**
 * Length-prefixed, checksummed records for append-only files (store journal, hotlist deltas).
 * Layout: u32 payload length, u32 CRC-32 of the payload, payload. A crash mid-append leaves a
 * short or mismatching last record, which `readFrames` reports as the torn tail to cut off.
 */
export const FRAME_HEADER = 8;
/** Larger than any record the kiosk writes; a bigger length means a damaged header. */
const MAX_FRAME = 256 * 1024 * 1024;

export function frame(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER + payload.length);
  out.writeUInt32LE(payload.length, 0);
  out.writeUInt32LE(crc32(payload), 4);
  out.set(payload, FRAME_HEADER);
  return out;
}

export interface FrameScan {
  readonly payloads: Buffer[];
  /** Offset just past the last whole, valid record. */
  readonly validLength: number;
  /** Bytes after `validLength` that did not form a valid record (a torn or damaged tail). */
  readonly tornBytes: number;
}

export function readFrames(buf: Buffer, start: number): FrameScan {
  const payloads: Buffer[] = [];
  let off = start;
  while (off + FRAME_HEADER <= buf.length) {
    const len = buf.readUInt32LE(off);
    const sum = buf.readUInt32LE(off + 4);
    if (len > MAX_FRAME || off + FRAME_HEADER + len > buf.length) break;
    const payload = buf.subarray(off + FRAME_HEADER, off + FRAME_HEADER + len);
    if (crc32(payload) !== sum) break;
    payloads.push(payload);
    off += FRAME_HEADER + len;
  }
  return { payloads, validLength: off, tornBytes: buf.length - off };
}
