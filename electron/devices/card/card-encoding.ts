import iconv from 'iconv-lite';
import { err, ok, type Result } from '../../result';

/**
 * The card's data formats (CARD.md): cn = packed BCD right-padded with F; an = ASCII (names:
 * GBK) right-padded with 00; dates = cn YYYYMMDD. Decoders are total: bad bytes → typed error.
 */
export type EncodingError = 'cn_invalid' | 'an_invalid' | 'date_invalid';

export function decodeCn(bytes: Uint8Array): Result<string, EncodingError> {
  let digits = '';
  let padding = false;
  for (const byte of bytes) {
    for (const nibble of [byte >> 4, byte & 0x0f]) {
      if (nibble === 0x0f) {
        padding = true;
      } else if (padding || nibble > 9) {
        // A digit after the F padding, or A–E, is not cn.
        return err('cn_invalid');
      } else {
        digits += String(nibble);
      }
    }
  }
  return ok(digits);
}

/** Digits into `length` bytes of packed BCD, right-padded with F. */
export function encodeCn(digits: string, length: number): Buffer {
  if (!/^\d*$/.test(digits) || digits.length > length * 2) {
    throw new RangeError(`cannot encode ${digits.length} digits as cn ${length}`);
  }
  const padded = digits.padEnd(length * 2, 'F');
  return Buffer.from(padded, 'hex');
}

function stripPadding(bytes: Uint8Array): Buffer {
  const b = Buffer.from(bytes);
  let end = b.length;
  // Issuers pad with 00; some personalisation systems used spaces or FF.
  while (end > 0 && (b[end - 1] === 0x00 || b[end - 1] === 0x20 || b[end - 1] === 0xff)) end -= 1;
  return b.subarray(0, end);
}

/** GBK text (a superset of ASCII); a byte sequence that is not GBK is an error, not mojibake. */
export function decodeAn(bytes: Uint8Array): Result<string, EncodingError> {
  const b = stripPadding(bytes);
  const text = iconv.decode(b, 'gbk');
  if (text.includes('\uFFFD')) return err('an_invalid');
  // Control characters never belong in a card's text items.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) return err('an_invalid');
  return ok(text);
}

/** GB 18030 (superset of GBK) for the name extension, whose characters lie outside GBK. */
export function decodeGb18030(bytes: Uint8Array): Result<string, EncodingError> {
  const b = stripPadding(bytes);
  const text = iconv.decode(b, 'gb18030');
  if (text.includes('\uFFFD')) return err('an_invalid');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) return err('an_invalid');
  return ok(text);
}

export function encodeAn(
  text: string,
  length: number,
  encoding: 'gbk' | 'gb18030' = 'gbk',
): Buffer {
  const raw = iconv.encode(text, encoding);
  if (raw.length > length) throw new RangeError(`text longer than an ${length}`);
  return Buffer.concat([raw, Buffer.alloc(length - raw.length)]);
}

/** True when every character of `text` has a GBK encoding (no name extension needed). */
export function fitsGbk(text: string): boolean {
  return iconv.decode(iconv.encode(text, 'gbk'), 'gbk') === text;
}

/** cn YYYYMMDD → `YYYY-MM-DD`, checking that the date exists. */
export function decodeDate(bytes: Uint8Array): Result<string, EncodingError> {
  const digits = decodeCn(bytes);
  if (!digits.ok || digits.value.length !== 8) return err('date_invalid');
  const d = digits.value;
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(4, 6));
  const day = Number(d.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, day));
  if (
    y < 1900 ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== day
  ) {
    return err('date_invalid');
  }
  return ok(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`);
}

export function encodeDate(isoDate: string): Buffer {
  return encodeCn(isoDate.replaceAll('-', ''), 4);
}
