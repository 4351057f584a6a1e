import fc from 'fast-check';
import { ok } from '../../result';
import { parseCommand, parseResponse } from './apdu';
import { decodeAn, decodeCn, decodeDate, decodeGb18030 } from './card-encoding';
import { readCardSummary } from './card-summary';
import { parseFci } from './fci';
import { DEMO_PERSONAS } from './personas';
import type { CardChannel } from './reader-port';
import { SscCard } from './ssc-card';
import { statusMeaning } from './status-word';
import { parseBerTlv, parseSimpleRecord } from './tlv';
import { VirtualCard } from './virtual-card';

/**
 * Fuzzing properties for every parser of card input (QUALITY.md R6), shared by the bounded
 * unit run and the long drill. Each property holds when the code under test returns (a value
 * or a typed error) instead of throwing.
 */
const anyBytes = fc.uint8Array({ maxLength: 300 });

// Responses that look like card answers often enough to get past the first checks.
const responseLike = fc.oneof(
  anyBytes,
  fc
    .tuple(
      anyBytes,
      fc.constantFrom(
        0x9000,
        0x6a82,
        0x6a83,
        0x6982,
        0x63c1,
        0x6983,
        0x611e,
        0x6c12,
        0x6100,
        0x6c00,
      ),
    )
    .map(([data, sw]) => Buffer.concat([Buffer.from(data), Buffer.from([sw >> 8, sw & 0xff])])),
);

export const parserProperty = fc.property(anyBytes, (b) => {
  parseCommand(b);
  parseResponse(b);
  parseBerTlv(b);
  parseFci(b);
  parseSimpleRecord(b);
  decodeCn(b);
  decodeAn(b);
  decodeGb18030(b);
  decodeDate(b);
  if (b.length >= 2) statusMeaning(Buffer.from(b).readUInt16BE(0));
});

/** The virtual card answers any command with at least a status word. */
export const virtualCardProperty = fc.property(
  fc.integer({ min: 0, max: DEMO_PERSONAS.length - 1 }),
  fc.array(anyBytes, { maxLength: 8 }),
  (i, commands) => {
    const persona = DEMO_PERSONAS[i];
    if (!persona) return;
    const card = new VirtualCard(persona);
    for (const c of commands) if (card.transmit(c).length < 2) throw new Error('no status word');
  },
);

type Mutation = {
  readonly at: number;
  readonly kind: 'flip' | 'truncate' | 'replace' | 'sw';
  readonly value: number;
  readonly bytes: Uint8Array;
};

const mutation = fc.record({
  at: fc.nat({ max: 15 }),
  kind: fc.constantFrom('flip' as const, 'truncate' as const, 'replace' as const, 'sw' as const),
  value: fc.nat({ max: 0xffff }),
  bytes: anyBytes,
});

function mutate(answer: Buffer, m: Mutation): Buffer {
  if (m.kind === 'replace') return Buffer.from(m.bytes);
  if (m.kind === 'truncate') return answer.subarray(0, m.value % (answer.length + 1));
  if (m.kind === 'sw')
    return Buffer.concat([
      answer.subarray(0, Math.max(0, answer.length - 2)),
      Buffer.from([m.value >> 8, m.value & 0xff]),
    ]);
  const copy = Buffer.from(answer);
  if (copy.length > 0)
    copy[m.value % copy.length] = (copy[m.value % copy.length] ?? 0) ^ (1 + (m.value % 255));
  return copy;
}

/**
 * A hostile card: a real persona's answers with some of them corrupted (bit flips, cuts, odd
 * status words, random bytes) or plain random answers. The card application must return a
 * Result every time.
 */
export const hostileCardProperty = fc.asyncProperty(
  fc.integer({ min: 0, max: DEMO_PERSONAS.length - 1 }),
  fc.array(mutation, { maxLength: 4 }),
  fc.array(responseLike, { maxLength: 3 }),
  async (i, mutations, randomAnswers) => {
    const persona = DEMO_PERSONAS[i];
    if (!persona) return;
    const virtual = new VirtualCard(persona);
    let n = 0;
    const channel: CardChannel = {
      transmit: (apdu) => {
        const k = n++;
        if (randomAnswers.length > 0 && k % 5 === 4)
          return Promise.resolve(ok(Buffer.from(randomAnswers[k % randomAnswers.length] ?? [])));
        const answer = virtual.transmit(apdu);
        const m = mutations.find((x) => x.at === k);
        return Promise.resolve(ok(m ? mutate(answer, m) : answer));
      },
    };
    const card = new SscCard(channel);
    const r = await readCardSummary(card);
    if (typeof r.ok !== 'boolean') throw new Error('not a Result');
    await card.verifyPin('123456');
    await card.changePin('123456', '654321');
    await card.getChallenge();
    await card.internalAuthenticate(Buffer.alloc(16));
  },
);
