import pino from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { externalAuthCryptogram } from '../devices/card/card-crypto';
import type { ExternalAuthenticator } from '../devices/card/card-summary';
import { demoCardKey } from '../devices/card/demo-keys';
import { findPersona } from '../devices/card/personas';
import { SimulatedReader } from '../devices/card/simulated-reader';
import { silentLogger } from '../log';
import { ok } from '../result';
import { CardService, type CardServiceEvent, type CardState } from './card-service';

function capturingLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

function setup(authenticate?: ExternalAuthenticator, logger = silentLogger()) {
  const reader = new SimulatedReader();
  const service = new CardService({
    reader,
    logger,
    authenticate,
    now: () => new Date('2026-01-15T00:00:00Z'),
  });
  const events: CardServiceEvent[] = [];
  service.onEvent((e) => events.push(e));
  service.start();
  return { reader, service, events };
}

function nextState(service: CardService, pred: (s: CardState) => boolean): Promise<CardState> {
  if (pred(service.current())) return Promise.resolve(service.current());
  return new Promise((resolve) => {
    const off = service.onEvent((e) => {
      if (e.type === 'card_state' && pred(e.card)) {
        off();
        resolve(e.card);
      }
    });
  });
}

const settled = (s: CardState) => s.state !== 'reading' && s.state !== 'no_card';

describe('CardService', () => {
  it('reads an inserted SSC card into a summary and goes back to no_card on removal', async () => {
    const { reader, service, events } = setup();
    expect(reader.insert('active-2').ok).toBe(true);
    const s = await nextState(service, settled);
    expect(s.state).toBe('ssc_card');
    if (s.state === 'ssc_card') expect(s.summary.personal?.name).toBe('张伟');
    reader.remove();
    await nextState(service, (x) => x.state === 'no_card');
    expect(
      events
        .filter((e) => e.type === 'card_state')
        .map((e) => e.type === 'card_state' && e.card.state),
    ).toEqual(['reading', 'ssc_card', 'no_card']);
  });

  it('reports a non-SSC card as not_ssc_card', async () => {
    const { reader, service } = setup();
    reader.insert('non-ssc');
    expect((await nextState(service, settled)).state).toBe('not_ssc_card');
  });

  it('unlocks a 3.00 card through the authenticator port', async () => {
    const authenticate: ExternalAuthenticator = ({
      cardIdentificationCode,
      algorithm,
      challenge,
    }) =>
      Promise.resolve(
        ok(
          externalAuthCryptogram(
            algorithm,
            demoCardKey(algorithm, 'read', Buffer.from(cardIdentificationCode, 'hex')),
            challenge,
          ),
        ),
      );
    const { reader, service } = setup(authenticate);
    reader.insert('sealed-3');
    const s = await nextState(service, settled);
    expect(s.state === 'ssc_card' && s.summary.personal?.name).toBe('李娜');
  });

  it('verifies and changes the PIN, reports tries left, and says the PIN did not change on a wrong old PIN', async () => {
    const { reader, service } = setup();
    reader.insert('sealed-3');
    await nextState(service, settled);
    expect(await service.pinState()).toEqual({
      ok: true,
      value: { state: 'required', triesLeft: 3 },
    });
    expect(await service.changePin('000000', '654321')).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin', triesLeft: 2, pinChanged: false },
    });
    expect(await service.changePin('123456', '654321')).toEqual({ ok: true, value: undefined });
    expect(await service.verifyPin('654321')).toEqual({ ok: true, value: undefined });
  });

  it('answers no_card without a card, and pinChanged unknown when the card leaves during CHANGE PIN', async () => {
    const { reader, service } = setup();
    expect(await service.verifyPin('123456')).toMatchObject({
      ok: false,
      error: { code: 'no_card' },
    });
    reader.insert('active-2');
    await nextState(service, settled);
    // Pull the card as the CHANGE PIN command goes out.
    const card = reader.cardOf('active-2');
    if (!card) throw new Error('no card');
    const transmit = card.transmit.bind(card);
    card.transmit = (apdu) => {
      reader.remove();
      return transmit(apdu);
    };
    const r = await service.changePin('135790', '111111');
    expect(r).toMatchObject({ ok: false, error: { code: 'card_removed', pinChanged: 'unknown' } });
    // The card did act on it: "unknown" was the honest answer.
    card.transmit = transmit;
    card.reset();
    expect(card.transmit(Buffer.from('0020000003111111', 'hex')).toString('hex')).toBe('9000');
    await nextState(service, (x) => x.state === 'no_card');
    expect(await service.changePin('111111', '222222')).toMatchObject({
      ok: false,
      error: { code: 'no_card', pinChanged: false },
    });
  });

  it('never logs the card number, ID number, name or PIN', async () => {
    const { logger, lines } = capturingLogger();
    const { reader, service } = setup(undefined, logger);
    reader.insert('active-2');
    await nextState(service, settled);
    await service.verifyPin('135790');
    await service.verifyPin('999999');
    const persona = findPersona('active-2');
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [
      persona?.card?.cardNumber,
      persona?.card?.idNumber,
      '张伟',
      '135790',
      '999999',
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
