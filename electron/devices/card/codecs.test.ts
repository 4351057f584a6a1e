import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCommand, parseCommand, parseResponse } from './apdu';
import {
  decodeAn,
  decodeCn,
  decodeDate,
  decodeGb18030,
  encodeAn,
  encodeCn,
  fitsGbk,
} from './card-encoding';
import { parseFci } from './fci';
import { statusMeaning } from './status-word';
import { encodeBerTlv, findTlv, parseBerTlv, parseSimpleRecord } from './tlv';

// Bounded in the unit run; `npm run drill -- card-fuzz` runs the long version.
const RUNS = 2_000;
const bytes = fc.uint8Array({ maxLength: 300 });

describe('APDU codec', () => {
  it('encodes the SSSE SELECT exactly as CARD.md writes it', () => {
    const name = Buffer.from('7378312E73682EC9E7BBE1B1A3D5CF', 'hex');
    expect(
      encodeCommand({ cla: 0, ins: 0xa4, p1: 4, p2: 0, data: name }).toString('hex').toUpperCase(),
    ).toBe('00A404000F7378312E73682EC9E7BBE1B1A3D5CF');
  });

  it('round-trips every short command case', () => {
    fc.assert(
      fc.property(
        fc.record({
          cla: fc.integer({ min: 0, max: 255 }),
          ins: fc.integer({ min: 0, max: 255 }),
          p1: fc.integer({ min: 0, max: 255 }),
          p2: fc.integer({ min: 0, max: 255 }),
          data: fc.option(fc.uint8Array({ minLength: 1, maxLength: 255 }), { nil: undefined }),
          le: fc.option(fc.integer({ min: 1, max: 256 }), { nil: undefined }),
        }),
        (c) => {
          const parsed = parseCommand(encodeCommand(c));
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          expect(parsed.value.le).toBe(c.le);
          expect(Buffer.from(parsed.value.data ?? [])).toEqual(Buffer.from(c.data ?? []));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('rejects truncated and inconsistent commands as values', () => {
    expect(parseCommand(Buffer.from('00A4', 'hex'))).toEqual({
      ok: false,
      error: 'apdu_too_short',
    });
    expect(parseCommand(Buffer.from('00A4040005AABB', 'hex'))).toEqual({
      ok: false,
      error: 'apdu_length_mismatch',
    });
    expect(parseResponse(Buffer.from([0x90]))).toEqual({ ok: false, error: 'response_too_short' });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        parseCommand(b);
        parseResponse(b);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('status words', () => {
  it('maps the codes the kiosk must tell apart', () => {
    expect(statusMeaning(0x9000)).toEqual({ kind: 'ok' });
    expect(statusMeaning(0x611e)).toEqual({ kind: 'more_data', available: 0x1e });
    expect(statusMeaning(0x6c12)).toEqual({ kind: 'wrong_le', exact: 0x12 });
    expect(statusMeaning(0x63c2)).toEqual({ kind: 'wrong_pin', triesLeft: 2 });
    expect(statusMeaning(0x6983)).toEqual({ kind: 'blocked' });
    expect(statusMeaning(0x6a82)).toEqual({ kind: 'not_found' });
    expect(statusMeaning(0x6a83)).toEqual({ kind: 'record_not_found' });
    expect(statusMeaning(0x6f00)).toEqual({ kind: 'card_error', sw: 0x6f00 });
  });
});

describe('BER-TLV and FCI', () => {
  const sampleFci = Buffer.from(
    '6F1C840F7378312E73682EC9E7BBE1B1A3D5CFA50988011E9F0C03860103',
    'hex',
  );

  it('reads the algorithm of the CARD.md sample FCI (tag 86 inside 9F0C)', () => {
    expect(parseFci(sampleFci)).toEqual({ ok: true, value: { algorithm: 'SM4' } });
    const nodes = parseBerTlv(sampleFci);
    expect(nodes.ok && findTlv(nodes.value, 0x88)?.value).toEqual(Buffer.from([0x1e]));
  });

  it('treats a missing tag 86 as 3DES and an unknown code as an error', () => {
    const noAlg = encodeBerTlv(0x6f, encodeBerTlv(0xa5, encodeBerTlv(0x88, Buffer.from([0x1e]))));
    expect(parseFci(noAlg)).toEqual({ ok: true, value: { algorithm: 'DES' } });
    const weird = encodeBerTlv(0x6f, encodeBerTlv(0xa5, encodeBerTlv(0x86, Buffer.from([0x09]))));
    expect(parseFci(weird)).toEqual({ ok: false, error: 'fci_unknown_algorithm' });
    expect(parseFci(sampleFci.subarray(0, 10))).toEqual({ ok: false, error: 'fci_malformed' });
  });

  it('round-trips long lengths and multi-byte tags', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom(0x84, 0x9f0c, 0x5f2d, 0xdf8101),
        (v, tag) => {
          const nodes = parseBerTlv(encodeBerTlv(tag, v));
          expect(nodes.ok && nodes.value[0]?.tag).toBe(tag);
          expect(nodes.ok && Buffer.from(nodes.value[0]?.value ?? [])).toEqual(Buffer.from(v));
        },
      ),
      { numRuns: RUNS / 4 },
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        parseBerTlv(b);
        parseFci(b);
        parseSimpleRecord(b);
      }),
      { numRuns: RUNS },
    );
  });

  it('parses simple records and refuses short or padded ones', () => {
    expect(parseSimpleRecord(Buffer.from('0201 33'.replace(' ', ''), 'hex'))).toEqual({
      ok: true,
      value: { tag: 2, value: Buffer.from('3', 'ascii') },
    });
    expect(parseSimpleRecord(Buffer.from('0205 33', 'hex'))).toEqual({
      ok: false,
      error: 'record_truncated',
    });
    expect(parseSimpleRecord(Buffer.from('02013333', 'hex'))).toEqual({
      ok: false,
      error: 'record_trailing_bytes',
    });
  });
});

describe('cn, an and dates', () => {
  it('decodes packed BCD with F padding and refuses non-digits', () => {
    expect(decodeCn(Buffer.from('123456', 'hex'))).toEqual({ ok: true, value: '123456' });
    expect(decodeCn(Buffer.from('12345F', 'hex'))).toEqual({ ok: true, value: '12345' });
    expect(decodeCn(Buffer.from('1A', 'hex'))).toEqual({ ok: false, error: 'cn_invalid' });
    expect(decodeCn(Buffer.from('F1', 'hex'))).toEqual({ ok: false, error: 'cn_invalid' });
    fc.assert(
      fc.property(fc.stringMatching(/^\d{0,24}$/), (d) => {
        expect(decodeCn(encodeCn(d, 12))).toEqual({ ok: true, value: d });
      }),
      { numRuns: RUNS / 4 },
    );
  });

  it('decodes GBK names with 00 padding and flags bytes that are not GBK', () => {
    expect(decodeAn(encodeAn('张伟', 30))).toEqual({ ok: true, value: '张伟' });
    expect(decodeAn(Buffer.from([0x81, 0x00]))).toEqual({ ok: false, error: 'an_invalid' });
    expect(decodeAn(Buffer.from([0x41, 0x07]))).toEqual({ ok: false, error: 'an_invalid' });
    expect(fitsGbk('王𠮷')).toBe(false);
    expect(decodeGb18030(encodeAn('王𠮷', 20, 'gb18030'))).toEqual({ ok: true, value: '王𠮷' });
  });

  it('accepts real dates only', () => {
    expect(decodeDate(Buffer.from('20290601', 'hex'))).toEqual({ ok: true, value: '2029-06-01' });
    expect(decodeDate(Buffer.from('20230230', 'hex'))).toEqual({
      ok: false,
      error: 'date_invalid',
    });
    expect(decodeDate(Buffer.from('2023', 'hex'))).toEqual({ ok: false, error: 'date_invalid' });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        decodeCn(b);
        decodeAn(b);
        decodeGb18030(b);
        decodeDate(b);
      }),
      { numRuns: RUNS },
    );
  });
});
