/**
 * The whole kiosk app composed with the real PC/SC reader: private pcscd + vpcd + the virtual
 * card behind the bridge, the app's CardService reading through pcsclite, and the contract's
 * events and commands on top — what the renderer sees on a production kiosk.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskApp, type KioskApp } from '../../electron/app';
import { ConfigSchema } from '../../electron/config';
import type { DeviceStatus, EventName, EventPayload, KioskEvent } from '../../electron/contract';
import { findPersona } from '../../electron/devices/card/personas';
import { silentLogger } from '../../electron/log';
import { CARD_TEST_PORT, PrivatePcscd, until } from './card-harness';
import { VpcdCards, virtualCard } from '../support/vpcd-cards';

let pcscd: PrivatePcscd;
let cards: VpcdCards | undefined;
const apps: KioskApp[] = [];

function pcscApp(card: Record<string, unknown> = {}) {
  const config = ConfigSchema.parse({
    dataDir: mkdtempSync(join(tmpdir(), 'card-app-')),
    card: { reader: 'pcsc', pcsc: { checkIntervalMs: 200, backoffMaxMs: 400 }, ...card },
    // The card path only; the embedded central service would seed a database per app.
    central: { mode: 'off' },
  });
  const app = createKioskApp(config, { host: 'web', log: silentLogger() });
  apps.push(app);
  const seen: KioskEvent[] = [];
  app.subscribe((e) => seen.push(e));
  const next = <E extends EventName>(name: E, timeoutMs = 10_000): Promise<EventPayload<E>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no ${name} event in ${timeoutMs} ms`));
      }, timeoutMs);
      const off = app.subscribe((e) => {
        if (e.event === name) {
          clearTimeout(timer);
          off();
          resolve(e.payload as EventPayload<E>);
        }
      });
    });
  let id = 0;
  const call = (command: string, payload: unknown = {}) =>
    app.dispatch({ id: ++id, command, payload });
  const readerStatus = async () => {
    const r = await call('device.status');
    return r.result.ok ? (r.result.value as DeviceStatus).reader : null;
  };
  return { app, seen, next, call, readerStatus };
}

beforeAll(async () => {
  pcscd = new PrivatePcscd();
  await pcscd.start();
  cards = await VpcdCards.start([CARD_TEST_PORT, CARD_TEST_PORT + 1]);
});

afterAll(async () => {
  await cards?.stop();
  for (const a of apps.splice(0)) await a.close();
  await pcscd?.stop();
});

describe('the kiosk app on real pcscd + vpcd', () => {
  it('reads a persona into card.read with a masked summary, a non-SSC card as not_ssc_card', async () => {
    const k = pcscApp();
    await until(
      'reader online',
      () => k.seen.some((e) => e.event === 'device.status' && e.payload.reader.device === 'online'),
      10_000,
    );
    const slot = cards?.slots[0];
    if (!slot) throw new Error('no vpcd slot');
    const persona = findPersona('active-2');

    const inserted = k.next('card.inserted');
    let read = k.next('card.read');
    await slot.insert(virtualCard('active-2'));
    expect(await inserted).toMatchObject({ atr: persona?.atr });
    expect(await read).toMatchObject({
      outcome: 'ssc_card',
      summary: {
        maskedCardNumber: expect.stringMatching(/^A0\*{5}\w{2}$/) as string,
        cardNumberValid: true,
        specVersion: '2.00',
        maskedName: '*伟',
        personalLocked: false,
      },
    });
    expect(JSON.stringify(k.seen)).not.toContain(persona?.card?.idNumber);
    expect((await k.readerStatus())?.media).toBe('present');
    // PIN commands reach the card through pcscd.
    expect((await k.call('card.verifyPin', { pin: '000000' })).result).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin', triesLeft: 2 },
    });
    expect((await k.call('card.verifyPin', { pin: '135790' })).result).toEqual({
      ok: true,
      value: { verified: true },
    });

    let removed = k.next('card.removed');
    await slot.remove();
    await removed;
    expect((await k.call('card.current')).result).toEqual({
      ok: true,
      value: { state: 'no_card' },
    });

    read = k.next('card.read');
    await slot.insert(virtualCard('non-ssc'));
    expect(await read).toEqual({ outcome: 'not_ssc_card' });
    removed = k.next('card.removed');
    await slot.remove();
    await removed;
    await k.app.close();
    apps.splice(apps.indexOf(k.app), 1);
  });

  it('a reader name filter keeps the app on the named slot only', async () => {
    const k = pcscApp({ readerName: '00 01' });
    await until(
      'filtered reader online',
      () => k.seen.some((e) => e.event === 'device.status' && e.payload.reader.device === 'online'),
      10_000,
    );
    expect((await k.readerStatus())?.name).toMatch(/00 01$/);
    const [first, second] = cards?.slots ?? [];
    if (!first || !second) throw new Error('no vpcd slots');
    await first.insert(virtualCard('expired'));
    // The card in the other slot is never read; the one in ours is.
    const read = k.next('card.read');
    await second.insert(virtualCard('name-extension'));
    expect(await read).toMatchObject({ outcome: 'ssc_card', summary: { maskedName: '*𠮷' } });
    expect(k.seen.filter((e) => e.event === 'card.read')).toHaveLength(1);
    const removed = k.next('card.removed');
    await first.remove();
    await second.remove();
    await removed;
  });
});
