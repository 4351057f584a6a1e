import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import type { DeviceStatus, InquiryAnswer } from '../../electron/contract';
import { formatYuan } from '../../renderer/src/screens/inquiry/inquiry-model';
import { LANDSCAPE, PORTRAIT, launchBrowser, screenshot } from '../support/browser';
import { startKiosk, type RunningKiosk } from '../support/kiosk';

/**
 * The citizen session end to end on the web host, with the embedded reference central
 * service and the simulated reader: disposition per card, PIN right/wrong, inquiry pages with
 * the central service's numbers, finish → take card, card pulled mid-flow.
 */
let kiosk: RunningKiosk;
let browser: Browser;
let id = 100;
const call = async (command: string, payload: unknown = {}) =>
  (await kiosk.app.dispatch({ id: ++id, command, payload })).result;

beforeAll(async () => {
  kiosk = await startKiosk({ central: { mode: 'embedded' } });
  browser = await launchBrowser();
  // The embedded service seeds its demo data on first start, then the kiosk enrols.
  for (;;) {
    const r = await call('device.status');
    if (r.ok && (r.value as DeviceStatus).central.state === 'online') break;
    await new Promise((res) => setTimeout(res, 500));
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

beforeEach(async () => {
  await call('prefs.set', { language: 'zh-CN', largeText: false });
  await call('demo.removeCard');
});

async function open(viewport: { width: number; height: number } = PORTRAIT): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('close', () => void context.close());
  await page.goto(kiosk.host.url);
  await page.getByTestId('screen-attract').waitFor();
  return page;
}

async function insert(page: Page, cardId: string): Promise<void> {
  expect((await call('demo.insertCard', { cardId })).ok).toBe(true);
  await page.getByTestId('session-panel').waitFor({ timeout: 30_000 });
}

async function typePin(page: Page, pin: string): Promise<void> {
  for (const d of pin) await page.getByTestId(`keypad-key-${d}`).click();
  const submit = page.getByTestId('keypad-submit');
  if (await submit.isVisible()) await submit.click();
}

describe('citizen session', () => {
  it('normal card: wrong PIN shows tries left, right PIN opens inquiry with the central numbers', async () => {
    const page = await open();
    await insert(page, 'active-2');
    const panel = page.getByTestId('session-panel');
    expect(await panel.getAttribute('data-disposition')).toBe('normal');
    expect(await page.getByTestId('status-source').getAttribute('data-source')).toBe('central');
    await page.getByTestId('btn-inquiry').click();
    await page.getByTestId('keypad').waitFor();
    await screenshot(page, 'session-pin-zh-portrait');
    expect(
      (await new AxeBuilder({ page }).analyze()).violations.filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      ),
    ).toEqual([]);

    await typePin(page, '000000');
    await expect.poll(() => page.getByTestId('pin-warning').textContent()).toContain('2');
    await typePin(page, '135790');
    await page.getByTestId('inquiry-contributions').waitFor();

    await page.getByTestId('inquiry-medical').click();
    await page.getByTestId('medical-balance').waitFor();
    const medical = await call('session.inquiry', { kind: 'medicalAccount' });
    if (!medical.ok) throw new Error('inquiry failed');
    const account = medical.value as Extract<InquiryAnswer, { kind: 'medicalAccount' }>;
    expect(await page.getByTestId('medical-balance').textContent()).toBe(
      formatYuan(account.data.balanceFen, 'zh-CN'),
    );
    await screenshot(page, 'session-medical-zh-portrait');

    await page.getByTestId('btn-inquiry-menu').click();
    await page.getByTestId('inquiry-contributions').click();
    await page.getByTestId('table-months').waitFor();
    const year = Number((await page.getByTestId('year-title').textContent())?.slice(0, 4));
    const contributions = await call('session.inquiry', {
      kind: 'contributions',
      fromYear: year,
      toYear: year,
    });
    if (!contributions.ok) throw new Error('inquiry failed');
    const data = (contributions.value as Extract<InquiryAnswer, { kind: 'contributions' }>).data;
    const endowment = data.years[0]?.types.find((t) => t.type === 'endowment');
    const paid = endowment?.months.filter((m) => m.paid).length ?? -1;
    expect(await page.getByTestId('year-summary').textContent()).toContain(`已缴 ${paid} 个月`);
    await screenshot(page, 'session-contributions-zh-portrait');
    expect(
      (await new AxeBuilder({ page }).analyze()).violations.filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      ),
    ).toEqual([]);

    await page.getByTestId('btn-finish').click();
    await page.getByTestId('screen-take-card').waitFor();
    await call('demo.removeCard');
    await page.getByTestId('screen-attract').waitFor();
    await page.close();
  });

  it('in English and landscape the contributions page reads right', async () => {
    await call('prefs.set', { language: 'en' });
    const page = await open(LANDSCAPE);
    await insert(page, 'name-extension');
    await page.getByTestId('btn-inquiry').click();
    await typePin(page, '314159');
    await page.getByTestId('inquiry-contributions').click();
    await page.getByTestId('table-months').waitFor();
    expect(await page.getByTestId('year-summary').textContent()).toMatch(/months paid/);
    await screenshot(page, 'session-contributions-en-landscape');
    await page.close();
  });

  it('sealed and pre-reported cards lead to their own panels, with the status from the centre', async () => {
    const page = await open();
    await insert(page, 'sealed-3');
    expect(await page.getByTestId('session-panel').getAttribute('data-disposition')).toBe('sealed');
    await screenshot(page, 'session-sealed-zh-portrait');
    await call('demo.removeCard');
    await page.getByTestId('screen-attract').waitFor();
    await insert(page, 'reported-lost');
    expect(await page.getByTestId('session-panel').getAttribute('data-disposition')).toBe(
      'pre_reported_lost',
    );
    await page.close();
  });

  it('a card pulled on the PIN screen ends the session without an error screen', async () => {
    const page = await open();
    await insert(page, 'active-2');
    await page.getByTestId('btn-inquiry').click();
    await page.getByTestId('keypad').waitFor();
    await page.getByTestId('keypad-key-1').click();
    await call('demo.removeCard');
    await page.getByTestId('screen-attract').waitFor();
    expect(await page.getByTestId('keypad').count()).toBe(0);
    await page.close();
  });
});
