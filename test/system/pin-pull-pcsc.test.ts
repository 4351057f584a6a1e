/**
 * The card pulled at the CHANGE PIN command, through real pcscd + vpcd (QUALITY.md R4): the
 * virtual cards are served from a child process, the app's CardService runs on pcsclite, the
 * embedded reference central service confirms. The kiosk cannot know whether the card acted
 * on the command, so it says "unsure"; when the same card comes back, VERIFY with the new PIN
 * settles it, and the operation is recorded exactly once when (and only when) it changed —
 * also when the kiosk restarted in between (the re-check list is in the kiosk store).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskApp, type KioskApp } from '../../electron/app';
import { ConfigSchema } from '../../electron/config';
import type { DeviceStatus, SessionState } from '../../electron/contract';
import { createLogger } from '../../electron/log';
import { until } from './card-harness';
import { pcscdWithVirtualCards } from './pcscd-cards';
import { filesContaining } from './store-file-scan';
import { virtualCard, type CardHandle } from '../support/vpcd-cards';

const vpcd = pcscdWithVirtualCards();
const slot0 = () => vpcd.slot();
let app: KioskApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The app on pcscd with the embedded central service, once both are online. */
async function startApp(dataDir: string) {
  const config = ConfigSchema.parse({
    dataDir,
    card: { reader: 'pcsc', pcsc: { checkIntervalMs: 200, backoffMaxMs: 400 } },
    central: { mode: 'embedded' },
  });
  const kiosk = createKioskApp(config, {
    host: 'web',
    log: createLogger({ level: 'debug', file: join(dataDir, 'kiosk.log') }),
  });
  app = kiosk;
  let id = 0;
  const call = async (command: string, payload: unknown = {}) =>
    (await kiosk.dispatch({ id: ++id, command, payload })).result;
  await until(
    'central online and reader online',
    async () => {
      const r = await call('device.status');
      if (!r.ok) return false;
      const s = r.value as DeviceStatus;
      return s.central.state === 'online' && s.reader.device === 'online';
    },
    240_000,
  );
  const session = async (): Promise<SessionState | null> => {
    const r = await call('session.state');
    return r.ok ? (r.value as SessionState) : null;
  };
  const insert = async (card: CardHandle, disposition: string) => {
    await slot0().insert(card);
    let state: SessionState | null = null;
    await until(
      'card session',
      async () => {
        state = await session();
        return state?.phase === 'card';
      },
      30_000,
    );
    expect(state).toMatchObject({ phase: 'card', disposition });
  };
  const waitNoCard = () =>
    until('the session without the card', async () => (await session())?.phase !== 'card', 30_000);
  /** Operations of this kind the kiosk recorded (waiting or settled). */
  const recorded = async (kind: string) => {
    const sync = await kiosk.sync;
    if (!sync) throw new Error('no central sync');
    const row = sync.store.store.get(
      'SELECT (SELECT COUNT(*) FROM outbox WHERE kind = ?) + (SELECT COUNT(*) FROM outbox_history WHERE kind = ?) AS n',
      [kind, kind],
    );
    return Number(row?.n ?? -1);
  };
  return { kiosk, call, session, insert, waitNoCard, recorded };
}

describe('card pulled at CHANGE PIN on real pcscd + vpcd', () => {
  it('activation: pulled after the card acted → "unsure"; the kiosk restarts; re-inserted, the new PIN settles it: changed, recorded once, confirmed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pin-pull-pcsc-'));
    let k = await startApp(dataDir);
    const card = virtualCard('sealed-3');
    await k.insert(card, 'sealed');
    expect((await k.call('pin.verifyCurrent', { purpose: 'activation', pin: '123456' })).ok).toBe(
      true,
    );
    expect(await k.call('pin.recheckNeeded')).toEqual({ ok: true, value: { purpose: null } });

    // The next APDU is CHANGE PIN: the card acts on it, the answer never reaches pcscd.
    await slot0().pullAtApdu(1, { afterProcessing: true });
    const changed = await k.call('pin.change', {
      purpose: 'activation',
      oldPin: '123456',
      newPin: '604813',
    });
    expect(changed).toMatchObject({
      ok: true,
      value: { pinChanged: 'unknown', reference: null, cardRemoved: true },
    });
    await k.waitNoCard();
    expect(await k.recorded('activation')).toBe(0);

    // The kiosk restarts before the card comes back: the re-check list is in its store.
    await k.kiosk.close();
    app = undefined;
    k = await startApp(dataDir);
    // The same card back: the kiosk asks for the new PIN, and the card answers to it.
    await k.insert(card, 'sealed');
    expect(await k.call('pin.recheckNeeded')).toEqual({
      ok: true,
      value: { purpose: 'activation' },
    });
    const settled = await k.call('pin.recheck', { which: 'new', pin: '604813' });
    expect(settled).toMatchObject({
      ok: true,
      value: { purpose: 'activation', pinChanged: 'yes', cardRemoved: false },
    });
    const reference = settled.ok ? (settled.value as { reference: string }).reference : '';
    expect(reference).toMatch(/^JH[0-9A-F]{12}$/);
    expect(await k.recorded('activation')).toBe(1);
    const confirmed = await k.call('pin.confirm', { reference });
    expect(confirmed).toMatchObject({ ok: true, value: { delivery: 'confirmed' } });
    expect(await k.call('pin.recheckNeeded')).toEqual({ ok: true, value: { purpose: null } });
    // A second recheck has nothing to settle: no second record.
    expect(await k.call('pin.recheck', { which: 'new', pin: '604813' })).toMatchObject({
      ok: false,
    });
    expect(await k.session()).toMatchObject({ disposition: 'normal', cardStatus: 'active' });

    // Out and in again: active per the central service, nothing left to re-check, one record.
    await slot0().remove();
    await k.waitNoCard();
    await k.insert(card, 'normal');
    expect(await k.session()).toMatchObject({ cardStatus: 'active', statusSource: 'central' });
    expect(await k.call('pin.recheckNeeded')).toEqual({ ok: true, value: { purpose: null } });
    expect(await k.recorded('activation')).toBe(1);
    await slot0().remove();
    await k.kiosk.close();
    app = undefined;
    for (const pin of ['604813']) {
      expect({ pin, hits: filesContaining(dataDir, pin) }).toEqual({ pin, hits: [] });
    }
  }, 360_000);

  it('change PIN: pulled before the card acted → "unsure"; re-inserted, the new PIN is refused (nothing settled), the OLD PIN settles it: not changed, nothing recorded', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pin-pull-pcsc-'));
    const k = await startApp(dataDir);
    const card = virtualCard('active-2');
    await k.insert(card, 'normal');
    expect((await k.call('pin.verifyCurrent', { purpose: 'change', pin: '135790' })).ok).toBe(true);
    // The next APDU is CHANGE PIN: the card is gone before it acts.
    await slot0().pullAtApdu(1);
    expect(
      await k.call('pin.change', { purpose: 'change', oldPin: '135790', newPin: '369258' }),
    ).toMatchObject({ ok: true, value: { pinChanged: 'unknown', reference: null } });
    await k.waitNoCard();

    await k.insert(card, 'normal');
    expect(await k.call('pin.recheckNeeded')).toEqual({ ok: true, value: { purpose: 'change' } });
    // The new PIN is refused: it could be a typo, so the entry stays and tries left are told.
    const refused = await k.call('pin.recheck', { which: 'new', pin: '369258' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect(!refused.ok && refused.error.triesLeft).toBeGreaterThan(0);
    expect(await k.call('pin.recheckNeeded')).toEqual({ ok: true, value: { purpose: 'change' } });
    // The previous PIN opens the card: certainly not changed.
    expect(await k.call('pin.recheck', { which: 'old', pin: '135790' })).toMatchObject({
      ok: true,
      value: { purpose: 'change', pinChanged: 'no', reference: null, cardRemoved: false },
    });
    expect(await k.call('pin.recheckNeeded')).toEqual({ ok: true, value: { purpose: null } });
    expect(await k.recorded('pin_changed')).toBe(0);
    // The old PIN still works.
    expect((await k.call('card.verifyPin', { pin: '135790' })).ok).toBe(true);
    await slot0().remove();
  }, 360_000);
});
