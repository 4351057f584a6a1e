import { describe, expect, it } from 'vitest';
import { LANDSCAPE, PORTRAIT, screenshot } from '../support/browser';
import { e2eSuite, seriousViolations, type Viewport } from '../support/e2e';

// Each test starts as a new visitor would: site defaults, no card (e2eSuite's beforeEach).
const suite = e2eSuite();
const openKiosk = (viewport: Viewport) => suite.open(viewport);

describe('attract screen', () => {
  it('greets in Chinese by default and offers the no-card functions', async () => {
    const page = await openKiosk(PORTRAIT);
    await expect.poll(() => page.locator('h1').innerText()).toBe('请插入社会保障卡');
    expect(await page.getByTestId('btn-report-lost').innerText()).toContain('社保卡挂失');
    expect(await page.getByTestId('btn-guide').innerText()).toContain('服务指南');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // The token is taken out of the address bar once the page has it.
    expect(page.url()).not.toContain('token');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'attract-zh-portrait');
    await page.close();
  });

  it('switches to English and back, and the main side remembers the choice', async () => {
    const page = await openKiosk(LANDSCAPE);
    await page.getByTestId('btn-language').click();
    await expect
      .poll(() => page.locator('h1').innerText())
      .toBe('Please insert your social security card');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const prefs = await suite.call('prefs.get');
    expect(prefs).toEqual({ ok: true, value: { language: 'en', largeText: false } });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'attract-en-landscape');
    await page.getByTestId('btn-language').click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('请插入社会保障卡');
    await page.close();
  });

  it('large-text mode makes body text at least 32 px and keeps targets at least 64 px', async () => {
    const page = await openKiosk(PORTRAIT);
    const bodySize = () =>
      page.evaluate(() =>
        parseFloat(getComputedStyle(document.querySelector('.attract-hint') as Element).fontSize),
      );
    expect(await bodySize()).toBeGreaterThanOrEqual(24);
    await page.getByTestId('btn-large-text').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('large-text'));
    expect(await bodySize()).toBeGreaterThanOrEqual(32);
    const smallest = await page.evaluate(() =>
      Math.min(
        ...[...document.querySelectorAll('button')].map((b) =>
          Math.min(b.getBoundingClientRect().height, b.getBoundingClientRect().width),
        ),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(64);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'attract-zh-large-portrait');
    await page.getByTestId('btn-large-text').click();
    await page.close();
  });

  it('looks right in both orientations: nothing overflows the screen', async () => {
    for (const [name, viewport] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      const page = await openKiosk(viewport);
      const overflow = await page.evaluate(() => {
        const out: string[] = [];
        for (const el of document.querySelectorAll('button, h1, h2, p')) {
          const r = el.getBoundingClientRect();
          if (
            r.right > window.innerWidth + 1 ||
            r.bottom > window.innerHeight + 1 ||
            r.left < -1 ||
            r.top < -1
          )
            out.push(el.textContent ?? '');
        }
        return out;
      });
      expect(overflow, name).toEqual([]);
      await screenshot(page, `attract-zh-${name}`);
      await page.close();
    }
  });

  it('the no-card loss report opens on the ID number step and leads back', async () => {
    const page = await openKiosk(PORTRAIT);
    await page.getByTestId('btn-report-lost').click();
    await page.locator('[data-testid="screen-loss"][data-step="id"]').waitFor();
    await page.getByTestId('btn-loss-exit').click();
    await page.getByTestId('screen-attract').waitFor();
    await page.close();
  });
});

describe('demo card insertion', () => {
  it('reaches the screen, and removing the card returns to the attract screen', async () => {
    const page = await openKiosk(PORTRAIT);
    await page.getByTestId('demo-open').click();
    await page.getByTestId('demo-insert-active-2').click();
    await page.locator('[data-testid="screen-card"][data-state="ssc_card"]').waitFor();
    const status = await suite.call('device.status');
    expect(status.ok && (status.value as { reader: { media: string } }).reader.media).toBe(
      'present',
    );
    await screenshot(page, 'card-read-zh-portrait');
    await page.getByTestId('demo-remove').click();
    await page.getByTestId('screen-attract').waitFor();
    await page.close();
  });
});
