import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskApp, type KioskApp } from './app';
import { ConfigSchema } from './config';
import type { CardRead, DeviceStatus, EventName, EventPayload, KioskEvent } from './contract';
import { events as eventSchemas } from './contract';
import { findPersona } from './devices/card/personas';
import { createLogger, silentLogger, type Logger } from './log';

const apps: KioskApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

/** A demo-mode app with its event stream recorded; the clock pinned to a fixed local day. */
function demoApp(log: Logger = silentLogger()) {
  const app = createKioskApp(
    ConfigSchema.parse({
      dataDir: mkdtempSync(join(tmpdir(), 'app-')),
      central: { mode: 'off' },
    }),
    {
      host: 'web',
      log,
      now: () => new Date(2026, 5, 1, 12),
    },
  );
  apps.push(app);
  const seen: KioskEvent[] = [];
  app.subscribe((e) => seen.push(e));
  const next = <E extends EventName>(name: E): Promise<EventPayload<E>> =>
    new Promise((resolve) => {
      const off = app.subscribe((e) => {
        if (e.event === name) {
          off();
          resolve(e.payload as EventPayload<E>);
        }
      });
    });
  let id = 0;
  const call = (command: string, payload: unknown = {}) =>
    app.dispatch({ id: ++id, command, payload });
  return { app, seen, next, call };
}

async function insert(k: ReturnType<typeof demoApp>, cardId: string): Promise<CardRead> {
  const read = k.next('card.read');
  expect((await k.call('demo.insertCard', { cardId })).result).toEqual({ ok: true, value: {} });
  return read;
}

describe('app wiring: demo card → CardService → contract events', () => {
  it('an inserted persona card is read through the SSC card code into a masked summary', async () => {
    const k = demoApp();
    const persona = findPersona('active-2');
    const read = await insert(k, 'active-2');
    expect(read).toEqual({
      outcome: 'ssc_card',
      summary: {
        maskedCardNumber: `A0*****${persona?.card?.cardNumber.slice(-2) ?? ''}`,
        cardNumberValid: true,
        region: '110100',
        cardType: 'adult',
        specVersion: '2.00',
        algorithm: 'DES',
        issueDate: '2019-06-01',
        expiryDate: '2029-06-01',
        expired: false,
        maskedName: '*伟',
        personalLocked: false,
      },
    });
    // Every event is inside the contract, and nothing personal travels unmasked.
    for (const e of k.seen) expect(eventSchemas[e.event].safeParse(e.payload).success).toBe(true);
    const wire = JSON.stringify(k.seen);
    for (const secret of [persona?.card?.cardNumber, persona?.card?.idNumber, '张伟'])
      expect(wire).not.toContain(secret);
    expect(k.seen.map((e) => e.event)).toContain('card.inserted');
    const inserted = k.seen.find((e) => e.event === 'card.inserted');
    expect(inserted?.payload).toMatchObject({ atr: persona?.atr });
    const current = await k.call('card.current');
    expect(current.result).toEqual({
      ok: true,
      value: { state: 'read', reader: expect.any(String) as string, read },
    });
    const status = await k.call('device.status');
    expect(status.result.ok && (status.result.value as DeviceStatus).reader.media).toBe('present');

    const removed = k.next('card.removed');
    await k.call('demo.removeCard');
    await removed;
    expect((await k.call('card.current')).result).toEqual({
      ok: true,
      value: { state: 'no_card' },
    });
  });

  it('an expired card, a sealed 3.00 card without the central service, and a rare name', async () => {
    const k = demoApp();
    const expired = await insert(k, 'expired');
    expect(expired.outcome === 'ssc_card' && expired.summary.expired).toBe(true);
    await k.call('demo.removeCard');
    const sealed = await insert(k, 'sealed-3');
    expect(sealed).toMatchObject({
      outcome: 'ssc_card',
      summary: { specVersion: '3.00', algorithm: 'SM4', personalLocked: true, maskedName: null },
    });
    await k.call('demo.removeCard');
    const rare = await insert(k, 'name-extension');
    expect(rare.outcome === 'ssc_card' && rare.summary.maskedName).toBe('*𠮷');
  });

  it('a non-SSC ISO 7816 card is not_ssc_card, a mute card unreadable — no summary', async () => {
    const k = demoApp();
    expect(await insert(k, 'non-ssc')).toEqual({ outcome: 'not_ssc_card' });
    expect((await k.call('card.verifyPin', { pin: '000000' })).result).toMatchObject({
      ok: false,
      error: { code: 'no_card' },
    });
    await k.call('demo.removeCard');
    expect(await insert(k, 'mute')).toEqual({
      outcome: 'unreadable',
      reason: 'card_unresponsive',
      category: 'try_again',
    });
  });

  it('the demo panel lists every persona plus the mute card, and refuses a second card', async () => {
    const k = demoApp();
    const list = await k.call('demo.cards');
    const ids = list.result.ok ? (list.result.value as { id: string }[]).map((c) => c.id) : [];
    expect(ids).toEqual([
      'active-2',
      'sealed-3',
      'blocked',
      'reported-lost',
      'expired',
      'name-extension',
      'replacement',
      'non-ssc',
      'mute',
    ]);
    await insert(k, 'active-2');
    expect((await k.call('demo.insertCard', { cardId: 'expired' })).result).toMatchObject({
      ok: false,
      error: { code: 'card_already_inserted' },
    });
    expect((await k.call('demo.insertCard', { cardId: 'nobody' })).result).toMatchObject({
      ok: false,
      error: { code: 'no_such_card' },
    });
  });
});

describe('app wiring: PIN commands through dispatch', () => {
  it('without a card: no_card', async () => {
    const k = demoApp();
    expect((await k.call('card.pinState')).result).toMatchObject({
      ok: false,
      error: { code: 'no_card' },
    });
    expect((await k.call('card.verifyPin', { pin: '135790' })).result).toMatchObject({
      ok: false,
      error: { code: 'no_card' },
    });
  });

  it('right PIN → verified; wrong PIN → wrong_pin with tries left; then blocked', async () => {
    const k = demoApp();
    await insert(k, 'active-2');
    expect((await k.call('card.pinState')).result).toEqual({
      ok: true,
      value: { state: 'required', triesLeft: 3 },
    });
    expect((await k.call('card.verifyPin', { pin: '135790' })).result).toEqual({
      ok: true,
      value: { verified: true },
    });
    expect((await k.call('card.pinState')).result).toEqual({
      ok: true,
      value: { state: 'verified' },
    });
    for (const left of [2, 1]) {
      expect((await k.call('card.verifyPin', { pin: '000000' })).result).toMatchObject({
        ok: false,
        error: { code: 'wrong_pin', triesLeft: left },
      });
    }
    expect((await k.call('card.verifyPin', { pin: '000000' })).result).toMatchObject({
      ok: false,
      error: { code: 'pin_blocked' },
    });
    // The card keeps its counter: still blocked after removal and re-insertion.
    await k.call('demo.removeCard');
    await insert(k, 'active-2');
    expect((await k.call('card.pinState')).result).toEqual({
      ok: true,
      value: { state: 'blocked' },
    });
  });

  it('the blocked persona answers pin_blocked even to its right PIN', async () => {
    const k = demoApp();
    await insert(k, 'blocked');
    expect((await k.call('card.verifyPin', { pin: '246802' })).result).toMatchObject({
      ok: false,
      error: { code: 'pin_blocked' },
    });
  });

  it('a PIN that is not exactly 6 digits is a bad_request naming the field, not the value', async () => {
    const k = demoApp();
    await insert(k, 'active-2');
    for (const pin of ['12345', '1234567', '12345a', 135790]) {
      const r = await k.call('card.verifyPin', { pin });
      expect(r.result).toEqual({
        ok: false,
        error: { code: 'bad_request', message: expect.any(String) as string, fields: ['pin'] },
      });
    }
    expect((await k.call('card.pinState')).result).toMatchObject({
      value: { state: 'required', triesLeft: 3 },
    });
  });

  it('no PIN appears in any log line, whatever the message looks like', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'app-log-')), 'kiosk.log');
    const k = demoApp(createLogger({ level: 'trace', file }));
    await insert(k, 'active-2');
    await k.call('card.verifyPin', { pin: '135790' });
    await k.call('card.verifyPin', { pin: '975311' });
    await k.call('card.verifyPin', { pin: '97531x' });
    await k.call('card.verifyPin', { pin: '975312', extra: true });
    await k.call('no.such.command', { pin: '975313' });
    await k.app.dispatch({ id: 'x', command: 'card.verifyPin', payload: { pin: '975314' } });
    const log = readFileSync(file, 'utf8');
    expect(log).toContain('PIN verification');
    for (const pin of ['135790', '975311', '97531x', '975312', '975313', '975314'])
      expect(log).not.toContain(pin);
  });
});
