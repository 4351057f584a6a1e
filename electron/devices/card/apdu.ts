import { err, ok, type Result } from '../../result';

/** A short ISO 7816-4 command APDU. `le` 1..256 (256 is sent as 00); absent means no Le byte. */
export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data?: Uint8Array;
  readonly le?: number;
}

export interface ResponseApdu {
  readonly data: Buffer;
  readonly sw: number;
}

export type ApduError = 'apdu_too_short' | 'apdu_length_mismatch' | 'apdu_extended_unsupported';

export function encodeCommand(c: CommandApdu): Buffer {
  const parts: number[] = [c.cla & 0xff, c.ins & 0xff, c.p1 & 0xff, c.p2 & 0xff];
  if (c.data && c.data.length > 0) {
    if (c.data.length > 255) throw new RangeError('short APDU data is at most 255 bytes');
    parts.push(c.data.length, ...c.data);
  }
  if (c.le !== undefined) parts.push(c.le === 256 ? 0 : c.le & 0xff);
  return Buffer.from(parts);
}

/** Parses a short command APDU (the virtual card's input); extended lengths are refused. */
export function parseCommand(bytes: Uint8Array): Result<CommandApdu, ApduError> {
  const b = Buffer.from(bytes);
  if (b.length < 4) return err('apdu_too_short');
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = b;
  const head = { cla, ins, p1, p2 };
  if (b.length === 4) return ok(head);
  const p3 = b[4] ?? 0;
  if (b.length === 5) return ok({ ...head, le: p3 === 0 ? 256 : p3 });
  if (p3 === 0) return err('apdu_extended_unsupported');
  const data = b.subarray(5, 5 + p3);
  if (b.length === 5 + p3) return ok({ ...head, data });
  if (b.length === 6 + p3) {
    const le = b[5 + p3] ?? 0;
    return ok({ ...head, data, le: le === 0 ? 256 : le });
  }
  return err('apdu_length_mismatch');
}

export function parseResponse(bytes: Uint8Array): Result<ResponseApdu, 'response_too_short'> {
  if (bytes.length < 2) return err('response_too_short');
  const b = Buffer.from(bytes);
  return ok({ data: b.subarray(0, b.length - 2), sw: b.readUInt16BE(b.length - 2) });
}

export function encodeResponse(data: Uint8Array, sw: number): Buffer {
  return Buffer.concat([Buffer.from(data), Buffer.from([(sw >> 8) & 0xff, sw & 0xff])]);
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
