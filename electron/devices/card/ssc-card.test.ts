import { describe, expect, it } from 'vitest';
import { ok } from '../../result';
import { externalAuthCryptogram, internalAuthResponse } from './card-crypto';
import { readCardSummary, type ExternalAuthenticator } from './card-summary';
import { demoCardKey } from './demo-keys';
import { cardIdentificationCode, DEMO_PERSONAS, findPersona } from './personas';
import type { CardChannel } from './reader-port';
import { SscCard } from './ssc-card';
import { VirtualCard } from './virtual-card';
import { ApduTransport } from './transport';
import { parseFci } from './fci';
import { SSSE_NAME } from './ssc-profile';

const TODAY = new Date('2026-01-15T00:00:00Z');

function cardOf(
  id: string,
  pinTryLimit?: number,
): { vc: VirtualCard; app: SscCard; log: string[] } {
  const persona = findPersona(id);
  if (!persona) throw new Error(`no persona ${id}`);
  const vc = new VirtualCard(persona, { pinTryLimit });
  const log: string[] = [];
  const channel: CardChannel = {
    transmit: (apdu) => {
      log.push(apdu.toString('hex').toUpperCase());
      return Promise.resolve(ok(vc.transmit(apdu)));
    },
  };
  return { vc, app: new SscCard(channel), log };
}

/** Stands in for the central service: computes C with the demo master keys. */
const demoAuthenticator: ExternalAuthenticator = ({
  cardIdentificationCode: cic,
  algorithm,
  challenge,
}) => {
  const key = demoCardKey(algorithm, 'read', Buffer.from(cic, 'hex'));
  return Promise.resolve(ok(externalAuthCryptogram(algorithm, key, challenge)));
};

describe('card summary against the virtual card', () => {
  it('reads the active 2.00 card in 12 APDUs with valid check characters', async () => {
    const { app } = cardOf('active-2');
    const r = await readCardSummary(app, { today: TODAY });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const card = findPersona('active-2')?.card;
    expect(r.value).toMatchObject({
      cardNumber: card?.cardNumber,
      cardNumberValid: true,
      region: '110100',
      cardType: 'adult',
      specVersion: '2.00',
      algorithm: 'DES',
      issueDate: '2019-06-01',
      expiryDate: '2029-06-01',
      expired: false,
      personalLocked: false,
      personal: {
        idNumber: card?.idNumber,
        idNumberValid: true,
        name: '张伟',
        sex: 'male',
        birthDate: '1985-03-12',
      },
    });
    expect(app.apdusSent).toBe(12);
  });

  it('keeps EF06 of a 3.00 card locked without an authenticator and opens it with one', async () => {
    const locked = await readCardSummary(cardOf('sealed-3').app, { today: TODAY });
    expect(locked.ok && locked.value).toMatchObject({
      algorithm: 'SM4',
      personal: null,
      personalLocked: true,
    });
    const { app } = cardOf('sealed-3');
    const open = await readCardSummary(app, { today: TODAY, authenticate: demoAuthenticator });
    expect(open.ok && open.value.personal?.name).toBe('李娜');
    expect(app.apdusSent).toBe(14);
  });

  it('answers 6982 to EF06 reads before EXTERNAL AUTHENTICATE and 6300 to a bad cryptogram', async () => {
    const { app } = cardOf('sealed-3');
    await app.selectApplication();
    await app.selectPersonalFile();
    expect(await app.readItem(0x08)).toMatchObject({
      ok: false,
      error: { code: 'security_not_satisfied' },
    });
    const challenge = await app.getChallenge();
    expect(challenge.ok).toBe(true);
    if (!challenge.ok) return;
    const bad = await app.externalAuthenticate(Buffer.alloc(8), challenge.value);
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'security_not_satisfied', detail: '6300' },
    });
  });

  it('uses the name extension for a name outside GBK, flags the expired card, refuses the non-SSC card', async () => {
    const ext = await readCardSummary(cardOf('name-extension').app, { today: TODAY });
    expect(ext.ok && ext.value.personal?.name).toBe('王𠮷');
    const expired = await readCardSummary(cardOf('expired').app, { today: TODAY });
    expect(expired.ok && expired.value.expired).toBe(true);
    const other = await readCardSummary(cardOf('non-ssc').app, { today: TODAY });
    expect(other).toMatchObject({ ok: false, error: { code: 'not_ssc_card', detail: '6A82' } });
  });

  it('counts the expiry day itself as valid, in the local calendar of the kiosk', async () => {
    const onDay = await readCardSummary(cardOf('expired').app, {
      today: new Date(2022, 2, 1, 23, 30),
    });
    expect(onDay.ok && onDay.value.expired).toBe(false);
    const dayAfter = await readCardSummary(cardOf('expired').app, {
      today: new Date(2022, 2, 2, 0, 30),
    });
    expect(dayAfter.ok && dayAfter.value.expired).toBe(true);
  });

  it('reads every SSC persona with valid numbers', async () => {
    for (const p of DEMO_PERSONAS.filter((x) => x.card)) {
      const r = await readCardSummary(cardOf(p.id).app, {
        today: TODAY,
        authenticate: demoAuthenticator,
      });
      expect(r.ok && r.value.cardNumber).toBe(p.card?.cardNumber);
      expect(r.ok && r.value.cardNumberValid && r.value.personal?.idNumberValid).toBe(true);
    }
  });
});

describe('transport rules', () => {
  function transportOn(id: string) {
    const persona = findPersona(id);
    if (!persona) throw new Error('persona missing');
    const vc = new VirtualCard(persona);
    const sent: string[] = [];
    const transport = new ApduTransport({
      transmit: (apdu) => {
        sent.push(apdu.toString('hex').toUpperCase());
        return Promise.resolve(ok(vc.transmit(apdu)));
      },
    });
    return { transport, sent };
  }

  it('follows 61xx with GET RESPONSE (a SELECT sent without Le)', async () => {
    const { transport, sent } = transportOn('active-2');
    const r = await transport.exchange({ cla: 0, ins: 0xa4, p1: 4, p2: 0, data: SSSE_NAME });
    expect(r.ok && r.value.sw).toBe(0x9000);
    expect(r.ok && parseFci(r.value.data)).toEqual({ ok: true, value: { algorithm: 'DES' } });
    expect(sent).toEqual(['00A404000F7378312E73682EC9E7BBE1B1A3D5CF', '00C000001E']);
  });

  it('follows 6Cxx with the same command and the exact Le (READ RECORD with Le 00)', async () => {
    const { transport, sent } = transportOn('active-2');
    await transport.exchange({ cla: 0, ins: 0xa4, p1: 4, p2: 0, data: SSSE_NAME, le: 256 });
    await transport.exchange({ cla: 0, ins: 0xa4, p1: 2, p2: 0, data: Buffer.from([0xef, 0x05]) });
    sent.length = 0;
    const r = await transport.exchange({ cla: 0, ins: 0xb2, p1: 0x01, p2: 0, le: 256 });
    expect(r.ok && r.value.data.length).toBe(18);
    expect(sent).toEqual(['00B2010000', '00B2010012']);
  });

  it('gives up on a card that answers 6Cxx for ever', async () => {
    const transport = new ApduTransport({
      transmit: () => Promise.resolve(ok(Buffer.from([0x6c, 0x10]))),
    });
    const r = await transport.exchange({ cla: 0, ins: 0xb2, p1: 1, p2: 0, le: 256 });
    expect(r).toMatchObject({ ok: false, error: { code: 'malformed_response' } });
  });
});

describe('PIN', () => {
  it('reports tries left, blocks at the limit, and never unblocks by a right PIN', async () => {
    const { app } = cardOf('active-2', 6);
    await app.selectApplication();
    expect(await app.pinState()).toEqual({ ok: true, value: { state: 'required', triesLeft: 3 } });
    expect(await app.verifyPin('135790')).toEqual({ ok: true, value: undefined });
    expect(await app.pinState()).toEqual({ ok: true, value: { state: 'verified' } });
    for (let left = 5; left >= 1; left -= 1) {
      expect(await app.verifyPin('000000')).toMatchObject({
        ok: false,
        error: { code: 'wrong_pin', triesLeft: left },
      });
    }
    expect(await app.verifyPin('000000')).toMatchObject({
      ok: false,
      error: { code: 'pin_blocked' },
    });
    expect(await app.verifyPin('135790')).toMatchObject({
      ok: false,
      error: { code: 'pin_blocked' },
    });
    expect(await app.pinState()).toEqual({ ok: true, value: { state: 'blocked' } });
  });

  it('changes the initial PIN of the sealed card and resets the counter', async () => {
    const { app, vc } = cardOf('sealed-3');
    await app.selectApplication();
    expect(await app.changePin('111111', '654321')).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin', triesLeft: 2 },
    });
    expect(await app.changePin('123456', '654321')).toEqual({ ok: true, value: undefined });
    expect(vc.pinTriesLeft).toBe(3);
    vc.reset();
    expect(await app.verifyPin('654321')).toEqual({ ok: true, value: undefined });
    expect(await app.verifyPin('12345')).toMatchObject({
      ok: false,
      error: { code: 'pin_format' },
    });
  });

  it('reports the blocked persona as blocked', async () => {
    const { app } = cardOf('blocked');
    expect(await app.pinState()).toEqual({ ok: true, value: { state: 'blocked' } });
  });
});

describe('authentication', () => {
  it('INTERNAL AUTHENTICATE answers what the key holder expects (SM4 and 3DES)', async () => {
    for (const id of ['sealed-3', 'active-2']) {
      const persona = findPersona(id);
      const card = persona?.card;
      if (!card) throw new Error('persona without card');
      const { app } = cardOf(id);
      await app.selectApplication();
      const random = Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex');
      const answer = await app.internalAuthenticate(random);
      const key = demoCardKey(card.algorithm, 'internal', cardIdentificationCode(card));
      expect(answer).toEqual({
        ok: true,
        value: internalAuthResponse(card.algorithm, key, random),
      });
    }
  });
});

describe('fuzzing (bounded; the drill runs ≥ 1,000,000 cases)', () => {
  it('no parser, the virtual card or the card application throws on any input', async () => {
    const { parserProperty, virtualCardProperty, hostileCardProperty } =
      await import('./fuzz-targets');
    const fc = (await import('fast-check')).default;
    fc.assert(parserProperty, { numRuns: 3000 });
    fc.assert(virtualCardProperty, { numRuns: 1000 });
    await fc.assert(hostileCardProperty, { numRuns: 500 });
  });
});
