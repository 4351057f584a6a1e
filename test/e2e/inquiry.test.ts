import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { DEMO_PERSONAS } from '../../electron/devices/card/personas';
import { maskCardNumber, maskName } from '../../electron/domain/mask';
import { formatDate, formatYuan } from '../../renderer/src/screens/inquiry/inquiry-model';
import { screenshot } from '../support/browser';
import { centralOnline, e2eSuiteWithCentral, seriousViolations, typePin } from '../support/e2e';
import { demoCardNumber, type CitizenRecords } from '../support/reference-central';

/**
 * The inquiry pages against what the central service holds for the citizen (read from its
 * database with its own queries, not through the kiosk), the offline message, and the session
 * ending safely: card pulled at every step, "take your card", nothing personal left behind.
 */
const suite = e2eSuiteWithCentral();
const central = () => suite.central;

const CARD = 'active-2';
const PIN = '135790';
const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();
const zh = (fen: number) => formatYuan(fen, 'zh-CN');

/** Card inserted, PIN entered: the inquiry menu. */
async function signIn(page: Page): Promise<void> {
  await suite.insert(page, CARD);
  await page.getByTestId('btn-inquiry').click();
  await typePin(page, PIN);
  await page.locator('[data-testid="screen-inquiry"][data-state="menu"]').waitFor();
}

async function openPage(page: Page, name: string, view: string): Promise<void> {
  await page.getByTestId(`inquiry-${name}`).click();
  await page.getByTestId(view).waitFor();
}

/** Everything that would identify the citizen, full or masked. */
function personalStrings(records: CitizenRecords): string[] {
  const card = DEMO_PERSONAS.find((p) => p.id === CARD)?.card;
  if (!card) throw new Error('no demo card');
  return [
    records.person.name,
    maskName(records.person.name),
    records.person.idNumberMasked,
    records.person.phoneMasked,
    card.idNumber,
    card.cardNumber,
    maskCardNumber(card.cardNumber),
  ];
}

/** Which of `needles` the page still holds: its DOM, and its JS heap after a full GC. */
async function leftBehind(page: Page, needles: readonly string[]): Promise<string[]> {
  const html = await page.evaluate('document.documentElement.outerHTML');
  const inDom = needles.filter((n) => String(html).includes(n)).map((n) => `DOM: ${n}`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  const snapshot = chunks.join('');
  const escaped = (s: string) => JSON.stringify(s).slice(1, -1);
  const ascii = (s: string) =>
    s.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const inHeap = needles
    .filter((n) => snapshot.includes(escaped(n)) || snapshot.includes(ascii(n)))
    .map((n) => `heap: ${n}`);
  return [...inDom, ...inHeap];
}

const idle = async () => (await suite.session()).phase === 'idle';

/** Back on the attract screen with no session, no error and nothing personal left. */
async function expectClean(page: Page, records: CitizenRecords): Promise<void> {
  await page.getByTestId('screen-attract').waitFor();
  expect(await idle()).toBe(true);
  expect(await page.locator('[role="alert"], [data-testid="inquiry-failed"]').count()).toBe(0);
  expect(await page.getByTestId('idle-countdown').count()).toBe(0);
  expect(await leftBehind(page, personalStrings(records))).toEqual([]);
}

describe('inquiry pages show the central service’s records', () => {
  it('personal information, insurances, contributions, medical and pension accounts, benefits', async () => {
    const records = await central().records(demoCardNumber(CARD));
    const page = await suite.open();
    await signIn(page);

    await openPage(page, 'person', 'view-person');
    expect(await text(page, 'person-name')).toBe(records.person.name);
    expect(await text(page, 'person-id')).toBe(records.person.idNumberMasked);
    const view = await text(page, 'view-person');
    for (const s of [
      records.person.phoneMasked,
      records.person.cardNumberMasked,
      records.person.bank,
    ])
      expect(view).toContain(s);
    expect(view).not.toContain(DEMO_PERSONAS.find((p) => p.id === CARD)?.card?.idNumber);
    const rows = page.getByTestId('table-insurances').locator('tbody tr');
    expect(await rows.count()).toBe(records.insurances.insurances.length);
    for (const [i, ins] of records.insurances.insurances.entries()) {
      const row = await rows.nth(i).innerText();
      expect(row).toContain(formatDate(ins.startDate, 'zh-CN'));
      expect(row).toContain(ins.employer);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'inquiry-person-zh-portrait');
    await page.getByTestId('btn-inquiry-menu').click();

    await openPage(page, 'contributions', 'table-months');
    const thisYear = new Date().getFullYear();
    const data = await records.contributions(thisYear - 19, thisYear);
    const years = data.years.map((y) => y.year).sort((a, b) => a - b);
    // The chart shows a window of the latest years (8 wide buttons), all of them real years.
    const bars = await page
      .locator('[data-testid^="bar-"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')?.slice(4))));
    expect(bars.length).toBeGreaterThan(1);
    expect(bars).toEqual(years.slice(-bars.length));
    for (const year of [years[years.length - 1], years[years.length - 2]]) {
      if (year === undefined) throw new Error('no contribution years');
      if (year !== years[years.length - 1]) await page.getByTestId('year-previous').click();
      await expect.poll(() => text(page, 'year-title')).toBe(`${year}年`);
      const months =
        data.years.find((y) => y.year === year)?.types.find((t) => t.type === 'endowment')
          ?.months ?? [];
      const paid = months.filter((m) => m.paid);
      const sum = (k: 'employerFen' | 'personalFen') => paid.reduce((n, m) => n + m[k], 0);
      expect(await text(page, 'year-summary')).toBe(
        `已缴 ${paid.length} 个月，欠缴 ${months.length - paid.length} 个月；单位缴纳 ${zh(sum('employerFen'))}，个人缴纳 ${zh(sum('personalFen'))}`,
      );
      const table = page.getByTestId('table-months').locator('tbody tr');
      expect(await table.count()).toBe(12);
      for (const m of months) {
        const row = await table.nth(m.month - 1).innerText();
        expect(row).toContain(`${m.month}月`);
        expect(row).toContain(zh(m.baseFen));
        expect(row).toContain(zh(m.employerFen));
        expect(row).toContain(zh(m.personalFen));
        expect(row).toContain(m.paid ? '已缴' : '欠缴');
      }
    }
    await screenshot(page, 'inquiry-contributions-previous-year-zh-portrait');
    await page.getByTestId('btn-inquiry-menu').click();

    await openPage(page, 'medical', 'view-medical');
    expect(await text(page, 'medical-balance')).toBe(zh(records.medicalAccount.balanceFen));
    const txs = records.medicalTransactions.transactions;
    const perPage = await page.getByTestId('table-transactions').locator('tbody tr').count();
    expect(perPage).toBe(Math.min(txs.length, 6));
    const pages = Math.ceil(txs.length / perPage);
    if (pages > 1) expect(await text(page, 'page-label')).toBe(`第 1 / ${pages} 页`);
    for (let p = 0; p < Math.min(pages, 2); p++) {
      if (p > 0) {
        await page.getByTestId('page-next').click();
        await expect.poll(() => text(page, 'page-label')).toBe(`第 2 / ${pages} 页`);
      }
      const shown = page.getByTestId('table-transactions').locator('tbody tr');
      for (const [i, tx] of txs.slice(p * perPage, (p + 1) * perPage).entries()) {
        const row = await shown.nth(i).innerText();
        expect(row).toContain(formatDate(tx.at, 'zh-CN'));
        expect(row).toContain(tx.place);
        expect(row).toContain(zh(tx.amountFen));
        expect(row).toContain(zh(tx.balanceAfterFen));
      }
    }
    await screenshot(page, 'inquiry-medical-zh-portrait');
    await page.getByTestId('btn-inquiry-menu').click();

    await openPage(page, 'pension', 'view-pension');
    expect(await text(page, 'pension-total')).toBe(zh(records.pensionAccount.totalFen));
    expect(await text(page, 'pension-months')).toBe(`${records.pensionAccount.monthsPaid} 个月`);
    expect(await text(page, 'view-pension')).toContain(zh(records.pensionAccount.personalFen));
    await page.getByTestId('btn-inquiry-menu').click();

    await openPage(page, 'benefits', 'view-benefits');
    const benefits = records.benefits.benefits;
    if (benefits.length === 0) expect(await text(page, 'view-benefits')).toContain('暂无记录');
    else {
      const shown = page.getByTestId('table-benefits').locator('tbody tr');
      for (const [i, b] of benefits.slice(0, 6).entries())
        expect(await shown.nth(i).innerText()).toContain(zh(b.amountFen));
    }
    await page.getByTestId('btn-finish').click();
    await page.getByTestId('screen-take-card').waitFor();
    await suite.remove(page);
    await expectClean(page, records);
    await page.close();
  }, 300_000);

  it('central service unreachable during inquiry: "temporarily unavailable", the kiosk stays usable', async () => {
    const page = await suite.open();
    await signIn(page);
    await central().stop();
    try {
      const started = Date.now();
      await page.getByTestId('inquiry-pension').click();
      await page.getByTestId('inquiry-failed').waitFor({ timeout: 15_000 });
      const waited = Date.now() - started;
      expect(await text(page, 'inquiry-failed')).toBe(
        '社保中心暂时无法连接，查询服务暂不可用。请稍后再试，或到人工窗口办理。',
      );
      // Within the kiosk's own deadline for a central call (3 s here) plus the page's work.
      expect(waited).toBeLessThan(10_000);
      await screenshot(page, 'inquiry-offline-zh-portrait');
      await page.getByTestId('btn-inquiry-menu').click();
      await page.locator('[data-testid="screen-inquiry"][data-state="menu"]').waitFor();
      await page.getByTestId('btn-finish').click();
      await page.getByTestId('screen-take-card').waitFor();
      await suite.remove(page);
    } finally {
      await central().start();
    }
    await centralOnline(suite.kiosk);
    await page.close();
  }, 180_000);
});

describe('the session ends safely', () => {
  it('card pulled on the card screen, at the PIN, on an inquiry page, while one loads: back to attract, nothing left', async () => {
    const records = await central().records(demoCardNumber(CARD));
    const page = await suite.open();

    await suite.insert(page, CARD);
    await suite.remove(page);
    await expectClean(page, records);

    await suite.insert(page, CARD);
    await page.getByTestId('btn-inquiry').click();
    for (const d of '135') await page.getByTestId(`keypad-key-${d}`).click();
    await suite.remove(page);
    expect(await page.getByTestId('keypad').count()).toBe(0);
    await expectClean(page, records);

    await signIn(page);
    await openPage(page, 'person', 'view-person');
    await suite.remove(page);
    await expectClean(page, records);

    // Pulled while the page's answer is on its way: the late answer must not bring back a
    // screen or an error.
    await signIn(page);
    await page.getByTestId('inquiry-contributions').click();
    await suite.remove(page);
    await page.waitForTimeout(1500);
    await expectClean(page, records);
    await page.close();
  }, 300_000);

  it('finish with the card in the slot: "please take your card" until it is taken', async () => {
    const records = await central().records(demoCardNumber(CARD));
    const page = await suite.open();
    await signIn(page);
    await openPage(page, 'medical', 'view-medical');
    await page.getByTestId('btn-finish').click();
    const reminder = page.getByTestId('screen-take-card');
    await reminder.waitFor();
    expect(await reminder.getAttribute('role')).toBe('alert');
    expect(await page.locator('h1').innerText()).toBe('请取走您的卡片');
    expect(await idle()).toBe(true);
    // The session is over: nothing personal on the reminder.
    expect(
      (await leftBehind(page, personalStrings(records))).filter((s) => s.startsWith('DOM')),
    ).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'take-card-zh-portrait');
    await suite.remove(page);
    await expectClean(page, records);
    await page.close();
  }, 180_000);
});
