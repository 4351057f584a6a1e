/**
 * One citizen visit through the real card stack: a private pcscd with vpcd, the virtual
 * active-2 card served from a child process, the kiosk app with `card.reader: 'pcsc'` on the
 * web host, the reference central service with its demo data, and Chromium on the page.
 * Insert → PIN on the card → card authenticated by the centre → an inquiry page with the
 * centre's numbers → card pulled → attract screen with nothing personal left.
 * Run under the shared lock: `flock /tmp/ssc-pcscd.lock npx vitest run --project system <file>`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { formatYuan } from '../../renderer/src/screens/inquiry/inquiry-model';
import { launchBrowser, screenshot } from '../support/browser';
import { centralOnline, openKiosk, typePin } from '../support/e2e';
import { startKiosk, type RunningKiosk } from '../support/kiosk';
import {
  demoCardNumber,
  startReferenceCentral,
  type ReferenceCentral,
} from '../support/reference-central';
import { VpcdCards, virtualCard } from '../support/vpcd-cards';
import { CARD_TEST_PORT, PrivatePcscd } from './card-harness';

let pcscd: PrivatePcscd | undefined;
let cards: VpcdCards | undefined;
let central: ReferenceCentral | undefined;
let kiosk: RunningKiosk | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  pcscd = new PrivatePcscd();
  await pcscd.start();
  cards = await VpcdCards.start([CARD_TEST_PORT, CARD_TEST_PORT + 1]);
  central = await startReferenceCentral();
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-pcsc-session-'));
  await central.enrol(dataDir);
  kiosk = await startKiosk({
    dataDir,
    central: central.kioskCentral,
    card: { reader: 'pcsc', pcsc: { checkIntervalMs: 200, backoffMaxMs: 400 } },
  });
  await centralOnline(kiosk);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await cards?.stop();
  await kiosk?.close();
  await central?.close();
  await pcscd?.stop();
});

describe('a citizen visit on real pcscd + vpcd', () => {
  it('insert the card, PIN, an inquiry page with the centre’s numbers, pull the card → attract', async () => {
    if (!kiosk || !browser || !cards || !central) throw new Error('set-up failed');
    const slot = cards.slots[0];
    if (!slot) throw new Error('no vpcd slot');
    const page = await openKiosk(browser, kiosk);
    await slot.insert(virtualCard('active-2'));
    const panel = page.locator('[data-testid="session-panel"][data-disposition="normal"]');
    await panel.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('status-source').getAttribute('data-source')).toBe('central');
    expect(await page.getByTestId('card-holder').innerText()).toContain('*伟');

    await page.getByTestId('btn-inquiry').click();
    await typePin(page, '000000');
    await page.getByTestId('pin-warning').waitFor();
    expect(await page.getByTestId('pin-warning').innerText()).toContain('2');
    await typePin(page, '135790');
    await page.locator('[data-testid="screen-inquiry"][data-state="menu"]').waitFor();

    await page.getByTestId('inquiry-medical').click();
    await page.getByTestId('medical-balance').waitFor();
    const records = await central.records(demoCardNumber('active-2'));
    expect(await page.getByTestId('medical-balance').innerText()).toBe(
      formatYuan(records.medicalAccount.balanceFen, 'zh-CN'),
    );
    await screenshot(page, 'pcsc-session-medical-zh-portrait');

    await slot.remove();
    await page.getByTestId('screen-attract').waitFor({ timeout: 10_000 });
    const html = String(await page.evaluate('document.documentElement.outerHTML'));
    for (const s of [records.person.name, '*伟', records.person.idNumberMasked])
      expect(html).not.toContain(s);
    const state = await kiosk.app.dispatch({ id: 1, command: 'session.state', payload: {} });
    expect(state.result).toEqual({ ok: true, value: { phase: 'idle' } });
    await page.close();
  }, 240_000);
});
