/**
 * Issue 10: the attendant dashboard's reader item reflects a real fault. The kiosk app uses
 * the real PC/SC reader against a private pcscd + vpcd; pcscd is killed (-9, as a crash) →
 * the reader item turns red with words ("offline"); pcscd restarted → green again, without
 * restarting the app. Checked through the contract (the dashboard data), then once more on
 * the attendant screen in Chromium for screenshots of the degraded and recovered dashboard.
 *
 * Starts pcscd: run under the shared lock —
 * `flock /tmp/ssc-pcscd.lock npx vitest run --project system test/system/attendant-reader.test.ts`
 * (the web part needs `npm run build:renderer` first).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import type { AttendantDashboard } from '../../electron/attendant-contract';
import { createKioskApp, type KioskApp } from '../../electron/app';
import { ConfigSchema } from '../../electron/config';
import type { DeviceStatus } from '../../electron/contract';
import { silentLogger } from '../../electron/log';
import { DEMO_PASSCODE } from '../../electron/services/attendant/passcode';
import { startWebHost, type WebHost } from '../../electron/web-host';
import { LANDSCAPE, PORTRAIT, launchBrowser, newPage, screenshot } from '../support/browser';
import { PrivatePcscd } from './card-harness';

/** The adapter polls every 200 ms with a 400 ms back-off: a few seconds is plenty. */
const NOTICE_MS = 10_000;

let pcscd: PrivatePcscd;
let app: KioskApp;
let host: WebHost | undefined;
let browser: Browser | undefined;
let id = 0;

const call = async (command: string, payload: unknown = {}) =>
  (await app.dispatch({ id: ++id, command, payload })).result;

async function readerDevice(): Promise<string | null> {
  const r = await call('device.status');
  return r.ok ? (r.value as DeviceStatus).reader.device : null;
}

beforeAll(async () => {
  pcscd = new PrivatePcscd();
  await pcscd.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'attendant-reader-'));
  const config = ConfigSchema.parse({
    dataDir,
    card: { reader: 'pcsc', pcsc: { checkIntervalMs: 200, backoffMaxMs: 400 } },
    central: { mode: 'off' },
    attendant: { gesture: { holdSeconds: 1 } },
  });
  app = createKioskApp(config, { host: 'web', log: silentLogger() });
  // No card is needed: vpcd's readers are there as soon as pcscd loads the driver.
  const deadline = Date.now() + NOTICE_MS;
  while ((await readerDevice()) !== 'online') {
    if (Date.now() > deadline) throw new Error('the PC/SC reader did not come online');
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await app?.close();
  await pcscd?.stop();
});

describe('attendant dashboard: the card reader item follows pcscd', () => {
  it('pcscd killed → reader red, "offline"; pcscd back → green, same app (contract)', async () => {
    const entered = await call('attendant.enter', { passcode: DEMO_PASSCODE });
    if (!entered.ok) throw new Error(entered.error.code);
    const { token } = entered.value as { token: string };
    const board = async (): Promise<AttendantDashboard> => {
      const r = await call('attendant.dashboard', { token });
      if (!r.ok) throw new Error(r.error.code);
      return r.value as AttendantDashboard;
    };

    const healthy = await board();
    expect(healthy.reader).toMatchObject({ health: 'green', device: 'online' });
    expect(healthy.reader.name).toContain('Virtual PCD');

    await pcscd.kill();
    let degraded = await board();
    const started = Date.now();
    while (degraded.reader.health !== 'red' && Date.now() - started < NOTICE_MS) {
      await new Promise((r) => setTimeout(r, 100));
      degraded = await board();
    }
    expect(degraded.reader).toMatchObject({ health: 'red', device: 'offline' });
    expect(degraded.reader.lastError).toMatch(/^\d\d:\d\d:\d\d reader offline$/);
    // The citizens' side knows too: the attract screen says the reader is out of order.
    const status = await call('device.status');
    expect(status).toMatchObject({
      ok: true,
      value: { service: { inService: false, reason: 'card_reader' } },
    });

    await pcscd.start();
    let back = await board();
    const restarted = Date.now();
    while (back.reader.health !== 'green' && Date.now() - restarted < NOTICE_MS) {
      await new Promise((r) => setTimeout(r, 100));
      back = await board();
    }
    expect(back.reader).toMatchObject({ health: 'green', device: 'online' });
    // The last error stays for the attendant to read after the reader came back.
    expect(back.reader.lastError).toBe(degraded.reader.lastError);
    expect(await call('device.status')).toMatchObject({
      ok: true,
      value: { service: { inService: true } },
    });
    expect(await call('attendant.leave', { token })).toEqual({ ok: true, value: {} });
  });

  it('the attendant screen shows the reader red in words while pcscd is down, green after (screenshots)', async () => {
    host = await startWebHost(app, {
      host: '127.0.0.1',
      port: 0,
      rendererDir: join(process.cwd(), 'dist', 'renderer'),
      log: silentLogger(),
    });
    browser = await launchBrowser();
    const page: Page = await newPage(browser, PORTRAIT);
    await page.goto(host.url);
    await page.getByTestId('screen-attract').waitFor();
    const box = await page.getByTestId('attendant-corner').boundingBox();
    if (!box) throw new Error('no attendant corner');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(1200);
    await page.mouse.up();
    for (const d of DEMO_PASSCODE) await page.getByTestId(`attendant-keypad-key-${d}`).click();
    await page.getByTestId('attendant-dashboard').waitFor();
    const reader = page.getByTestId('dash-reader');
    expect(await reader.getAttribute('data-health')).toBe('green');

    await pcscd.kill();
    await expect.poll(() => reader.getAttribute('data-health'), { timeout: NOTICE_MS }).toBe('red');
    // Not colour alone: the badge and the device row say it.
    expect(await reader.innerText()).toContain('故障');
    expect(await page.getByTestId('dash-reader-device').innerText()).toContain('离线');
    await screenshot(page, 'attendant-dashboard-reader-down-portrait');
    await page.setViewportSize(LANDSCAPE);
    await screenshot(page, 'attendant-dashboard-reader-down-landscape');

    await pcscd.start();
    await expect
      .poll(() => reader.getAttribute('data-health'), { timeout: NOTICE_MS })
      .toBe('green');
    expect(await page.getByTestId('dash-reader-device').innerText()).not.toContain('离线');
    await screenshot(page, 'attendant-dashboard-reader-back-landscape');
    await page.getByTestId('attendant-leave').click();
    await page.getByTestId('screen-attract').waitFor();
    await page.close();
  });
});
