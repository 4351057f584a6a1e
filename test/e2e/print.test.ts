import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import type { DeviceStatus, InquiryAnswer } from '../../electron/contract';
import { formatFen } from '../../electron/devices/printer';
import { maskIdNumber } from '../../electron/domain/mask';
import { PERSONAS } from '../../server/src/demo/personas';
import { LANDSCAPE, PORTRAIT, launchBrowser, newPage, screenshot } from '../support/browser';
import { startKiosk, type RunningKiosk } from '../support/kiosk';

/**
 * Printing from the inquiry end to end: web host, embedded reference central service,
 * simulated reader, PDF-folder printer. The statement PDF is read back with pdftotext and
 * checked against the central service's figures for the persona; its verification code is
 * checked at GET /v1/statements/{code}. A printer that goes down is announced before the
 * citizen waits, with "continue without printing".
 */
let kiosk: RunningKiosk;
let browser: Browser;
let centralUrl: string;
const folder = mkdtempSync(join(tmpdir(), 'kiosk-print-e2e-'));
const persona = PERSONAS.find((p) => p.key === 'active-2');
let id = 100;
const call = async (command: string, payload: unknown = {}) =>
  (await kiosk.app.dispatch({ id: ++id, command, payload })).result;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  centralUrl = `http://127.0.0.1:${port}`;
  kiosk = await startKiosk({
    central: { mode: 'embedded', embeddedPort: port },
    printer: { kind: 'pdf-folder', folder },
  });
  browser = await launchBrowser();
  for (;;) {
    const r = await call('device.status');
    if (r.ok && (r.value as DeviceStatus).central.state === 'online') break;
    await new Promise((res) => setTimeout(res, 500));
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
  rmSync(folder, { recursive: true, force: true });
});

beforeEach(async () => {
  await call('prefs.set', { language: 'zh-CN', largeText: false });
  await call('demo.removeCard');
});

async function openInquiry(viewport: { width: number; height: number }): Promise<Page> {
  const page = await newPage(browser, viewport);
  await page.goto(kiosk.host.url);
  await page.getByTestId('screen-attract').waitFor();
  expect((await call('demo.insertCard', { cardId: 'active-2' })).ok).toBe(true);
  await page.getByTestId('session-panel').waitFor({ timeout: 30_000 });
  await page.getByTestId('btn-inquiry').click();
  await page.getByTestId('keypad').waitFor();
  for (const d of '135790') await page.getByTestId(`keypad-key-${d}`).click();
  const submit = page.getByTestId('keypad-submit');
  if (await submit.isVisible()) await submit.click();
  await page.getByTestId('inquiry-contributions').waitFor({ timeout: 30_000 });
  return page;
}

const dialog = (page: Page) => page.getByTestId('print-dialog');
const step = (page: Page) => dialog(page).getAttribute('data-step');

async function seriousViolations(page: Page) {
  return (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id);
}

/** Every control of the dialog is at least 64 px high and wide enough to hit. */
async function smallTargets(page: Page): Promise<string[]> {
  const sizes = await dialog(page)
    .locator('button')
    .evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent ?? '', h: r.height, w: r.width };
      }),
    );
  return sizes.filter((s) => s.h < 64 || s.w < 64).map((s) => s.text);
}

function newestPdf(): string {
  const pdfs = readdirSync(folder)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => join(folder, f))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  const last = pdfs.at(-1);
  if (!last) throw new Error('no PDF printed');
  return last;
}

const pdfText = (file: string): string =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('printing from the inquiry', () => {
  it("contribution statement: years chosen, printed with the persona's figures and a code that verifies", async () => {
    if (!persona) throw new Error('persona');
    const page = await openInquiry(PORTRAIT);
    await page.getByTestId('inquiry-contributions').click();
    await page.getByTestId('view-contributions').waitFor();
    await page.getByTestId('btn-print').click();
    expect(await step(page)).toBe('choose');
    const latest = Number((await page.getByTestId('print-to-year').textContent())?.slice(0, 4));
    await page.getByTestId('print-from-earlier').click();
    expect(await page.getByTestId('print-range').textContent()).toContain(
      `将打印 ${latest - 1} 年至 ${latest} 年的缴费证明，共 2 年`,
    );
    expect(await smallTargets(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'print-choose-zh-portrait');

    const before = readdirSync(folder).length;
    await page.getByTestId('btn-print-start').click();
    await expect.poll(() => step(page), { timeout: 30_000 }).toBe('done');
    expect(await dialog(page).textContent()).toContain('打印完成，请取走您的凭证');
    await screenshot(page, 'print-done-zh-portrait');
    const code = (await page.getByTestId('print-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(readdirSync(folder).length).toBe(before + 1);

    // The central service's figures for these years (the session's own answer)
    const answer = await call('session.inquiry', {
      kind: 'contributions',
      fromYear: latest - 1,
      toYear: latest,
    });
    if (!answer.ok) throw new Error('inquiry failed');
    const data = (answer.value as Extract<InquiryAnswer, { kind: 'contributions' }>).data;
    const text = pdfText(newestPdf());
    expect(text).toContain(code);
    expect(text).toContain('社会保险个人参保缴费证明');
    expect(text).toContain(maskIdNumber(persona.idNumber));
    expect(text).not.toContain(persona.idNumber);
    expect(text).toContain('*伟');
    expect(data.years.length).toBe(2);
    for (const y of data.years) {
      expect(text).toContain(formatFen(y.totalFen));
      const jan = y.types.find((t) => t.type === 'endowment')?.months.find((m) => m.month === 1);
      expect(jan).toBeDefined();
      if (jan) {
        const line = text.split('\n').find((l) => l.includes(`${y.year}-01`) && l.includes('养老'));
        expect(line).toBeDefined();
        expect(line).toContain(formatFen(jan.baseFen));
        expect(line).toContain(formatFen(jan.personalFen));
        expect(line).toContain(formatFen(jan.employerFen));
      }
    }

    // Anyone can verify the code at the central service: same person, same yearly totals.
    const res = await fetch(`${centralUrl}/v1/statements/${code}`);
    expect(res.status).toBe(200);
    const verified = (await res.json()) as {
      kind: string;
      idNumberMasked: string;
      summary: { years: { year: number; totalFen: number }[] };
    };
    expect(verified.kind).toBe('contributions');
    expect(verified.idNumberMasked).toBe(maskIdNumber(persona.idNumber));
    const totals = (years: readonly { year: number; totalFen: number }[]) =>
      years.map((y) => ({ year: y.year, totalFen: y.totalFen }));
    expect(totals(verified.summary.years)).toEqual(totals(data.years));

    await page.getByTestId('btn-print-done').click();
    await expect.poll(() => dialog(page).count()).toBe(0);
    await page.close();
  }, 240_000);

  it('in English and landscape: the year chooser, then an inquiry page printed', async () => {
    await call('prefs.set', { language: 'en', largeText: true });
    const page = await openInquiry(LANDSCAPE);
    await page.getByTestId('inquiry-contributions').click();
    await page.getByTestId('view-contributions').waitFor();
    await page.getByTestId('btn-print').click();
    for (let i = 0; i < 6; i++) {
      const earlier = page.getByTestId('print-from-earlier');
      if (await earlier.isDisabled()) break;
      await earlier.click();
    }
    // five years at most: the earlier button stops there
    expect(await page.getByTestId('print-range').textContent()).toMatch(/5 years/);
    expect(await page.getByTestId('print-from-earlier').isDisabled()).toBe(true);
    expect(await smallTargets(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'print-choose-en-landscape-large');
    await page.getByTestId('btn-print-cancel').click();
    await expect.poll(() => dialog(page).count()).toBe(0);

    await page.getByTestId('btn-inquiry-menu').click();
    await page.getByTestId('inquiry-pension').click();
    await page.getByTestId('view-pension').waitFor();
    await page.getByTestId('btn-print').click();
    await expect.poll(() => step(page), { timeout: 30_000 }).toBe('done');
    expect(await dialog(page).textContent()).toContain('Please take your statement');
    await screenshot(page, 'print-done-en-landscape-large');
    const code = (await page.getByTestId('print-code').textContent())?.trim() ?? '';
    const text = pdfText(newestPdf());
    expect(text).toContain(code);
    const pension = await call('session.inquiry', { kind: 'pensionAccount' });
    if (!pension.ok) throw new Error('inquiry failed');
    const account = (pension.value as Extract<InquiryAnswer, { kind: 'pensionAccount' }>).data;
    expect(text).toContain(formatFen(account.totalFen));
    const res = await fetch(`${centralUrl}/v1/statements/${code}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { kind: string }).kind).toBe('pension_account');
    await page.close();
  }, 240_000);

  it('replacement progress: an honest page when there is none', async () => {
    const page = await openInquiry(PORTRAIT);
    await page.getByTestId('inquiry-replacement').click();
    await page.getByTestId('view-replacement').waitFor();
    expect(await page.getByTestId('view-replacement').getAttribute('data-stage')).toBe('none');
    expect(await page.getByTestId('replacement-none').textContent()).toContain(
      '没有正在办理的补换卡申请',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'inquiry-replacement-zh-portrait');
    await page.close();
  }, 240_000);

  it('printer down: told before any wait, "continue without printing" keeps the inquiry going', async () => {
    const page = await openInquiry(PORTRAIT);
    await page.getByTestId('inquiry-medical').click();
    await page.getByTestId('view-medical').waitFor();
    // The printer fails: its output folder becomes a file.
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(folder, 'not a folder');
    try {
      // The first attempt finds out (the folder printer learns it on writing)…
      await page.getByTestId('btn-print').click();
      await expect.poll(() => step(page), { timeout: 30_000 }).toBe('blocked');
      expect(await dialog(page).getAttribute('data-reason')).toBe('printer_down');
      await page.getByTestId('btn-print-continue-without').click();
      await expect
        .poll(async () => {
          const r = await call('device.status');
          return r.ok ? (r.value as DeviceStatus).printer.device : null;
        })
        .toBe('hardware_error');

      // …from then on the citizen is told at once: no printing step, no command sent.
      await page.evaluate(`(() => {
        window.__printSteps = [];
        new MutationObserver(() => {
          const d = document.querySelector('[data-testid="print-dialog"]');
          if (d) window.__printSteps.push(d.getAttribute('data-step'));
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      })()`);
      await page.getByTestId('btn-print').click();
      expect(await step(page)).toBe('blocked');
      expect(await dialog(page).getAttribute('data-reason')).toBe('printer_down');
      expect(await dialog(page).textContent()).toContain('打印机暂时不能使用');
      expect(await dialog(page).textContent()).toContain('不打印，继续查询');
      expect(await page.evaluate('window.__printSteps')).not.toContain('printing');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'print-blocked-zh-portrait');

      await page.getByTestId('btn-print-continue-without').click();
      await expect.poll(() => dialog(page).count()).toBe(0);
      // the inquiry goes on
      await page.getByTestId('btn-inquiry-menu').click();
      await page.getByTestId('inquiry-pension').click();
      await page.getByTestId('view-pension').waitFor();

      await call('prefs.set', { language: 'en', largeText: false });
      await page.setViewportSize(LANDSCAPE);
      await page.getByTestId('btn-print').click();
      expect(await step(page)).toBe('blocked');
      expect(await dialog(page).textContent()).toContain('Continue without printing');
      await screenshot(page, 'print-blocked-en-landscape');
      await page.getByTestId('btn-print-continue-without').click();
      await page.close();
    } finally {
      rmSync(folder, { force: true });
    }
  }, 240_000);
});
