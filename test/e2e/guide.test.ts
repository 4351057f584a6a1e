import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { LANDSCAPE, PORTRAIT, screenshot } from '../support/browser';
import { e2eSuite, seriousViolations, type Viewport } from '../support/e2e';

const suite = e2eSuite();

async function openGuide(viewport: Viewport): Promise<Page> {
  const page = await suite.open(viewport);
  await page.getByTestId('btn-guide').click();
  await page.getByTestId('screen-guide').waitFor();
  return page;
}

/** Entries listed, in order (all pages: the list is paged, not cut). */
const listed = (page: Page) =>
  page
    .locator('[data-testid^="guide-entry-"]')
    .evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-testid')?.replace('guide-entry-', '')),
    );

/** Elements of the visible page that stick out of the window. */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('button, h1, h2, input, label, p')) {
      if (el.closest('.pager-area')) continue; // later pages sit to the right on purpose
      const r = el.getBoundingClientRect();
      if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1 || r.left < -1 || r.top < -1)
        out.push(el.textContent ?? '');
    }
    return out;
  });

/** The first entry (or block) of a paged area is shown whole, not clipped by the area. */
const firstItemFits = (page: Page) =>
  page.evaluate(() => {
    const area = document.querySelector('.pager-area');
    const first = area?.querySelector('li') ?? area?.firstElementChild;
    if (!area || !first) return false;
    const a = area.getBoundingClientRect();
    const f = first.getBoundingClientRect();
    return f.top >= a.top - 1 && f.bottom <= a.bottom + 1 && f.right <= a.right + 1;
  });

const smallestTarget = (page: Page) =>
  page.evaluate(() =>
    Math.min(
      ...[...document.querySelectorAll('button, input')]
        .filter((b) => !b.closest('.demo-panel'))
        .map((b) => {
          const r = b.getBoundingClientRect();
          return Math.min(r.height, r.width);
        }),
    ),
  );

describe('service guide', () => {
  it('opens from the attract screen with every topic and the hotline, and goes back', async () => {
    const page = await openGuide(PORTRAIT);
    await expect.poll(() => page.locator('h1').innerText()).toBe('服务指南');
    expect(await listed(page)).toEqual([
      'lost-card',
      'where-to-reissue',
      'materials',
      'replacement-process',
      'medical-card-vs-ssc',
      'card-functions',
      'activation',
      'legal-basis',
      'hotline',
      'outlets',
    ]);
    expect(await page.getByTestId('guide-hotline').innerText()).toContain('12333');
    expect(await overflowing(page)).toEqual([]);
    expect(await smallestTarget(page)).toBeGreaterThanOrEqual(64);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'guide-list-zh-portrait');
    await page.getByTestId('guide-home').click();
    await page.getByTestId('screen-attract').waitFor();
    await page.close();
  });

  it('searches in Chinese, including full-width input, and opens an article', async () => {
    const page = await openGuide(PORTRAIT);
    await page.getByTestId('guide-search').fill('补卡需要什么材料');
    await expect.poll(() => listed(page).then((l) => l[0])).toBe('materials');
    await page.getByTestId('guide-search').fill('１２３３３');
    await expect.poll(() => listed(page).then((l) => l[0])).toBe('hotline');
    await page.getByTestId('guide-topic-lost').click();
    await expect.poll(() => listed(page).then((l) => l[0])).toBe('lost-card');
    expect(await page.getByTestId('guide-search').inputValue()).toBe('挂失');
    await page.getByTestId('guide-search').fill('火星旅游');
    await expect
      .poll(() => page.getByTestId('guide-count').innerText())
      .toContain('没有找到相关内容');
    await page.getByTestId('guide-clear').click();
    await expect.poll(() => listed(page).then((l) => l.length)).toBe(10);

    await page.getByTestId('guide-search').fill('材料');
    await page.getByTestId('guide-entry-materials').click();
    await page.getByTestId('guide-article').waitFor();
    await expect.poll(() => page.locator('h1').innerText()).toBe('补换卡需要带什么材料');
    expect(await page.getByTestId('guide-pages').innerText()).toContain('居民身份证原件');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'guide-article-zh-portrait');
    await page.getByTestId('guide-back-list').click();
    await page.getByTestId('screen-guide').waitFor();
    await page.close();
  });

  it('searches in English in the English guide, and shows the configured outlets', async () => {
    const page = await openGuide(LANDSCAPE);
    await page.getByTestId('guide-home').click();
    await page.getByTestId('btn-language').click();
    await page.getByTestId('btn-guide').click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Service guide');
    await page.getByTestId('guide-search').fill('How do I ACTIVATE my card?');
    await expect.poll(() => listed(page).then((l) => l[0])).toBe('activation');
    // English words find articles on a Chinese screen too, and Chinese words on an English one.
    await page.getByTestId('guide-search').fill('医保卡');
    await expect.poll(() => listed(page).then((l) => l[0])).toBe('medical-card-vs-ssc');
    await page.getByTestId('guide-search').fill('opening hours');
    await expect.poll(() => listed(page).then((l) => l[0])).toBe('outlets');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'guide-search-en-landscape');
    await page.getByTestId('guide-entry-outlets').click();
    await page.getByTestId('guide-article').waitFor();
    expect(await page.getByTestId('outlet-hall-central').innerText()).toContain(
      'City Human Resources and Social Security Service Hall',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'guide-outlets-en-landscape');
    await page.close();
  });

  it('large-text mode: 32 px text, 64 px targets, long articles paged by buttons', async () => {
    const page = await openGuide(PORTRAIT);
    await page.getByTestId('guide-home').click();
    await page.getByTestId('btn-large-text').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('large-text'));
    await page.getByTestId('btn-guide').click();
    expect(await smallestTarget(page)).toBeGreaterThanOrEqual(64);
    expect(await overflowing(page)).toEqual([]);
    expect(await firstItemFits(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'guide-list-zh-large-portrait');

    await page.getByTestId('guide-entry-legal-basis').click();
    await page.getByTestId('guide-article').waitFor();
    const textSize = await page.evaluate(() =>
      parseFloat(getComputedStyle(document.querySelector('.guide-p') as Element).fontSize),
    );
    expect(textSize).toBeGreaterThanOrEqual(32);
    const area = page.locator('.pager-area');
    const pages = Number(await area.getAttribute('data-pages'));
    expect(pages).toBeGreaterThan(1);
    expect(await page.getByTestId('page-position').innerText()).toBe(`第 1 页，共 ${pages} 页`);
    expect(await page.getByTestId('page-previous').isDisabled()).toBe(true);
    // No scrollbar to find: the text area does not scroll by itself.
    expect(await area.evaluate((el) => getComputedStyle(el).overflowX)).toBe('hidden');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'guide-article-zh-large-portrait-p1');
    for (let p = 2; p <= pages; p++) {
      await page.getByTestId('page-next').click();
      await expect.poll(() => area.getAttribute('data-page')).toBe(String(p));
      // The page in view is the page the buttons say.
      const left = await area.evaluate(
        (el) => el.scrollLeft / (el.clientWidth + parseFloat(getComputedStyle(el).columnGap)),
      );
      expect(Math.round(left)).toBe(p - 1);
    }
    expect(await page.getByTestId('page-next').isDisabled()).toBe(true);
    await screenshot(page, 'guide-article-zh-large-portrait-last');
    await page.getByTestId('page-previous').click();
    await expect.poll(() => area.getAttribute('data-page')).toBe(String(pages - 1));
    await page.close();
  });

  it('looks right in landscape in large text, in English', async () => {
    await suite.call('prefs.set', { language: 'en', largeText: true });
    const page = await openGuide(LANDSCAPE);
    await screenshot(page, 'guide-list-en-large-landscape');
    expect(await overflowing(page)).toEqual([]);
    expect(await firstItemFits(page)).toBe(true);
    expect(await smallestTarget(page)).toBeGreaterThanOrEqual(64);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('guide-entry-replacement-process').click();
    await page.getByTestId('guide-article').waitFor();
    expect(await overflowing(page)).toEqual([]);
    expect(await firstItemFits(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'guide-article-en-large-landscape');
    await page.close();
  });
});
