import { err, ok, type Result } from '../../result';

/**
 * BER-TLV (ISO 7816-4 annex / EMV style) for the FCI, and the card's simple TLV records
 * (one-byte tag, one-byte length) returned by READ RECORD in tag mode.
 */
export interface TlvNode {
  readonly tag: number;
  readonly value: Buffer;
  /** Present for constructed tags (bit 6 of the first tag byte). */
  readonly children?: readonly TlvNode[];
}

export type TlvError = 'tlv_truncated' | 'tlv_bad_length' | 'tlv_bad_tag' | 'tlv_too_deep';

// The FCI nests three levels; anything deeper than this is garbage, not a card.
const MAX_DEPTH = 8;

interface Cursor {
  readonly buf: Buffer;
  pos: number;
}

function readTag(c: Cursor): Result<{ tag: number; constructed: boolean }, TlvError> {
  const first = c.buf[c.pos];
  if (first === undefined) return err('tlv_truncated');
  c.pos += 1;
  const constructed = (first & 0x20) !== 0;
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // Subsequent bytes while bit 8 is set; more than 3 tag bytes never occurs on cards.
    for (let i = 0; ; i += 1) {
      if (i >= 3) return err('tlv_bad_tag');
      const b = c.buf[c.pos];
      if (b === undefined) return err('tlv_truncated');
      c.pos += 1;
      tag = tag * 256 + b;
      if ((b & 0x80) === 0) break;
    }
  }
  return ok({ tag, constructed });
}

function readLength(c: Cursor): Result<number, TlvError> {
  const first = c.buf[c.pos];
  if (first === undefined) return err('tlv_truncated');
  c.pos += 1;
  if (first < 0x80) return ok(first);
  const count = first & 0x7f;
  if (count === 0 || count > 3) return err('tlv_bad_length');
  let len = 0;
  for (let i = 0; i < count; i += 1) {
    const b = c.buf[c.pos];
    if (b === undefined) return err('tlv_truncated');
    c.pos += 1;
    len = len * 256 + b;
  }
  return ok(len);
}

function parseLevel(buf: Buffer, depth: number): Result<TlvNode[], TlvError> {
  if (depth > MAX_DEPTH) return err('tlv_too_deep');
  const c: Cursor = { buf, pos: 0 };
  const nodes: TlvNode[] = [];
  while (c.pos < buf.length) {
    // 00 and FF between objects are padding (ISO 7816-4 5.2.2.1).
    const b = buf[c.pos];
    if (b === 0x00 || b === 0xff) {
      c.pos += 1;
      continue;
    }
    const tag = readTag(c);
    if (!tag.ok) return tag;
    const len = readLength(c);
    if (!len.ok) return len;
    if (c.pos + len.value > buf.length) return err('tlv_truncated');
    const value = buf.subarray(c.pos, c.pos + len.value);
    c.pos += len.value;
    if (tag.value.constructed) {
      const children = parseLevel(value, depth + 1);
      if (!children.ok) return children;
      nodes.push({ tag: tag.value.tag, value, children: children.value });
    } else {
      nodes.push({ tag: tag.value.tag, value });
    }
  }
  return ok(nodes);
}

export function parseBerTlv(bytes: Uint8Array): Result<TlvNode[], TlvError> {
  return parseLevel(Buffer.from(bytes), 0);
}

/** Depth-first search for the first node with `tag`. */
export function findTlv(nodes: readonly TlvNode[], tag: number): TlvNode | undefined {
  for (const n of nodes) {
    if (n.tag === tag) return n;
    if (n.children) {
      const inner = findTlv(n.children, tag);
      if (inner) return inner;
    }
  }
  return undefined;
}

export interface SimpleRecord {
  readonly tag: number;
  readonly value: Buffer;
}

export type SimpleTlvError = 'record_truncated' | 'record_trailing_bytes';

/** One READ RECORD answer: `<tag> <len> <value>`, nothing after it. */
export function parseSimpleRecord(bytes: Uint8Array): Result<SimpleRecord, SimpleTlvError> {
  const b = Buffer.from(bytes);
  const tag = b[0];
  const len = b[1];
  if (tag === undefined || len === undefined || b.length < 2 + len) return err('record_truncated');
  if (b.length > 2 + len) return err('record_trailing_bytes');
  return ok({ tag, value: b.subarray(2, 2 + len) });
}

export function encodeSimpleRecord(tag: number, value: Uint8Array): Buffer {
  if (value.length > 255) throw new RangeError('simple TLV value is at most 255 bytes');
  return Buffer.concat([Buffer.from([tag & 0xff, value.length]), Buffer.from(value)]);
}

/** Encodes one BER-TLV object with a tag of up to 3 bytes and a length up to 65535. */
export function encodeBerTlv(tag: number, value: Uint8Array): Buffer {
  const tagBytes: number[] = [];
  for (let t = tag; t > 0; t = Math.floor(t / 256)) tagBytes.unshift(t & 0xff);
  const len = value.length;
  const lenBytes =
    len < 0x80 ? [len] : len < 0x100 ? [0x81, len] : [0x82, (len >> 8) & 0xff, len & 0xff];
  return Buffer.concat([Buffer.from(tagBytes), Buffer.from(lenBytes), Buffer.from(value)]);
}
