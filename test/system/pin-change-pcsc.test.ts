/**
 * One activation of the sealed 3.00 card through the whole stack on real pcscd + vpcd: the
 * virtual card served from a child process, the app's CardService on pcsclite, EXTERNAL
 * AUTHENTICATE and the activation through the embedded reference central service. The PIN
 * goes keypad → contract → card; the record goes to the outbox and is confirmed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskApp, type KioskApp } from '../../electron/app';
import { ConfigSchema } from '../../electron/config';
import type { DeviceStatus, KioskEvent, SessionState } from '../../electron/contract';
import { createLogger } from '../../electron/log';
import { until } from './card-harness';
import { pcscdWithVirtualCards } from './pcscd-cards';
import { filesContaining } from './store-file-scan';
import { virtualCard } from '../support/vpcd-cards';

const vpcd = pcscdWithVirtualCards();
let app: KioskApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('activation on real pcscd + vpcd', () => {
  it('activates the sealed 3.00 card: initial PIN, policy, CHANGE PIN through pcscd, confirmed by the central service', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pin-pcsc-'));
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
    const seen: KioskEvent[] = [];
    kiosk.subscribe((e) => seen.push(e));
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
    const slot = vpcd.slot();
    await slot.insert(virtualCard('sealed-3'));
    let state: SessionState | null = null;
    await until(
      'sealed card session',
      async () => {
        const r = await call('session.state');
        state = r.ok ? (r.value as SessionState) : null;
        return state?.phase === 'card';
      },
      30_000,
    );
    expect(state).toMatchObject({ phase: 'card', disposition: 'sealed', statusSource: 'central' });

    expect(await call('pin.verifyCurrent', { purpose: 'activation', pin: '000000' })).toMatchObject(
      {
        ok: false,
        error: { code: 'wrong_pin', triesLeft: 2 },
      },
    );
    expect((await call('pin.verifyCurrent', { purpose: 'activation', pin: '123456' })).ok).toBe(
      true,
    );
    expect(await call('pin.checkNew', { oldPin: '123456', newPin: '920718' })).toEqual({
      ok: true,
      value: { accepted: false, reason: 'birth_date' },
    });
    const changed = await call('pin.change', {
      purpose: 'activation',
      oldPin: '123456',
      newPin: '604813',
    });
    expect(changed).toMatchObject({ ok: true, value: { pinChanged: 'yes', cardRemoved: false } });
    const reference = changed.ok ? (changed.value as { reference: string }).reference : '';
    expect(reference).toMatch(/^JH[0-9A-F]{12}$/);
    const confirmed = await call('pin.confirm', { reference });
    expect(confirmed).toMatchObject({ ok: true, value: { delivery: 'confirmed' } });
    // handed to the printer (finished, or still rendering within the screen's wait)
    expect(['printed', 'printing']).toContain(
      confirmed.ok ? (confirmed.value as { receipt: string }).receipt : 'failed',
    );
    // The card now answers to the new PIN, the session shows an active card.
    expect((await call('card.verifyPin', { pin: '604813' })).ok).toBe(true);
    const after = await call('session.state');
    expect(after).toMatchObject({
      ok: true,
      value: { disposition: 'normal', cardStatus: 'active' },
    });
    await slot.remove();
    await kiosk.close();
    app = undefined;
    for (const pin of ['123456', '604813']) {
      const hits = filesContaining(dataDir, pin).filter(
        (f) => !f.endsWith('central-remote.json') && !f.includes('central-db'),
      );
      expect({ pin, hits }).toEqual({ pin, hits: [] });
    }
    expect(JSON.stringify(seen)).not.toContain('604813');
  }, 360_000);
});
