import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { LANDSCAPE, PORTRAIT, screenshot } from '../support/browser';
import {
  e2eSuite,
  insertFromPanel,
  removeFromPanel,
  seriousViolations,
  type Viewport,
} from '../support/e2e';

const suite = e2eSuite();
const openKiosk = (viewport: Viewport) => suite.open(viewport);

const heading = (page: Page) => page.locator('h1').innerText();

/** Nothing off-screen; body text ≥ 24 px; every button ≥ 64 px both ways. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('main button, main h1, main p, main dt, main dd')) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 || r.bottom > window.innerHeight + 1 || r.left < -1)
        out.push(`off-screen: ${el.textContent ?? ''}`);
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 24) out.push(`small text (${size}px): ${el.textContent ?? ''}`);
      if (el.tagName === 'BUTTON' && (r.height < 64 || r.width < 64))
        out.push(`small target: ${el.textContent ?? ''}`);
    }
    return out;
  });
}

describe('card screen: each demo card shows its outcome', () => {
  it('active 2.0 card: reading, then the masked summary; removal returns to attract', async () => {
    const page = await openKiosk(PORTRAIT);
    await insertFromPanel(page, 'active-2', 'ssc_card');
    await expect.poll(() => heading(page)).toBe('已读取您的社会保障卡');
    expect(await page.getByTestId('card-holder').innerText()).toContain('*伟');
    const number = await page.getByTestId('card-number').innerText();
    expect(number).toMatch(/A0\*{5}\w{2}/);
    expect(await page.getByTestId('card-type').innerText()).toContain('成人卡');
    expect(await page.getByTestId('card-expires').innerText()).toContain('2029年6月1日');
    expect(await page.getByTestId('card-expired-warning').count()).toBe(0);
    // Nothing personal beyond the masked name: no ID number, no full name, no full card number.
    const text = await page.locator('main').innerText();
    expect(text).not.toContain('张伟');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(await layoutProblems(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'card-summary-zh-portrait');
    await removeFromPanel(page);
    await page.close();
  });

  it('expired card: the summary with the expired warning (English, landscape)', async () => {
    const page = await openKiosk(LANDSCAPE);
    await page.getByTestId('btn-language').click();
    await expect.poll(() => heading(page)).toBe('Please insert your social security card');
    await insertFromPanel(page, 'expired', 'ssc_card');
    await expect.poll(() => heading(page)).toBe('Your social security card has expired');
    expect(await page.getByTestId('card-expired-warning').innerText()).toContain('expiry date');
    expect(await page.getByTestId('card-type').innerText()).toContain('Senior card');
    expect(await layoutProblems(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'card-expired-en-landscape');
    await removeFromPanel(page);
    await page.close();
  });

  it('sealed 3.0 card without the central service: summary, name shown after verification', async () => {
    const page = await openKiosk(LANDSCAPE);
    await insertFromPanel(page, 'sealed-3', 'ssc_card');
    expect(await page.getByTestId('card-holder').innerText()).toContain('联网验证后显示');
    expect(await page.getByTestId('card-generation').innerText()).toContain('第三代');
    expect(await layoutProblems(page)).toEqual([]);
    await screenshot(page, 'card-summary-zh-landscape');
    await removeFromPanel(page);
    await page.close();
  });

  it('every other persona reads as an SSC card', async () => {
    const page = await openKiosk(PORTRAIT);
    for (const id of ['blocked', 'reported-lost', 'name-extension']) {
      await insertFromPanel(page, id, 'ssc_card');
      await removeFromPanel(page);
    }
    await page.close();
  });

  it('another ISO 7816 card: "not a social security card", re-insert guidance', async () => {
    const page = await openKiosk(PORTRAIT);
    await insertFromPanel(page, 'non-ssc', 'not_ssc_card');
    await expect.poll(() => heading(page)).toBe('这不是社会保障卡');
    expect(await page.locator('main p').first().innerText()).toContain('重新插入');
    expect(await page.getByTestId('card-summary').count()).toBe(0);
    expect(await layoutProblems(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'card-not-ssc-zh-portrait');
    await removeFromPanel(page);
    await page.close();
  });

  it('a mute card: "cannot be read", re-insert guidance (large text, landscape)', async () => {
    const page = await openKiosk(LANDSCAPE);
    await page.getByTestId('btn-large-text').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('large-text'));
    await insertFromPanel(page, 'mute', 'unreadable');
    await expect.poll(() => heading(page)).toBe('无法读取此卡');
    expect(await page.locator('main p').first().innerText()).toContain('擦拭芯片');
    expect(await layoutProblems(page)).toEqual([]);
    await screenshot(page, 'card-unreadable-zh-large-landscape');
    await page.getByTestId('btn-finish').click();
    await expect.poll(() => heading(page)).toBe('请取走您的卡片');
    await removeFromPanel(page);
    await page.close();
  });

  it('a page opened while a card is in the slot shows that card (state from card.current)', async () => {
    await suite.call('demo.insertCard', { cardId: 'non-ssc' });
    const context = await suite.browser.newContext({ viewport: PORTRAIT });
    const page = await context.newPage();
    await page.goto(suite.kiosk.host.url);
    await page.locator('[data-testid="screen-card"][data-state="not_ssc_card"]').waitFor();
    await suite.call('demo.removeCard');
    await page.getByTestId('screen-attract').waitFor();
    await context.close();
  });
});
