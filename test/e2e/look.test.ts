import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import type { Language } from '../../electron/contract';
import { PORTRAIT, launchBrowser } from '../support/browser';
import { startKiosk, type RunningKiosk } from '../support/kiosk';
import { SIZE_CHECK, screenTour, waitForCentral, type Tour } from '../support/screen-tour';

/**
 * R8 and PRODUCT item 12 on every citizen screen, in both languages and in large-text mode:
 * 0 serious/critical axe violations, the page's language declared, touch targets ≥ 64 px,
 * text ≥ 24 px (≥ 32 px in large-text mode).
 */
let kiosk: RunningKiosk;
let readerDown: RunningKiosk;
let browser: Browser;
let tour: Tour;

beforeAll(async () => {
  kiosk = await startKiosk({ central: { mode: 'embedded' } });
  // A reader that is not there: the kiosk is out of service for citizens.
  readerDown = await startKiosk({ card: { reader: 'pcsc', readerName: 'no-such-reader-here' } });
  browser = await launchBrowser();
  await waitForCentral(kiosk);
  tour = screenTour(browser, kiosk, readerDown);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
  await readerDown?.close();
});

async function problems(page: Page, language: Language, largeText: boolean): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).analyze();
  const out = axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  const lang = await page.evaluate('document.documentElement.lang');
  if (lang !== language) out.push(`lang is "${String(lang)}"`);
  const sizes: unknown = await page.evaluate(`(${SIZE_CHECK})(${largeText ? 32 : 24})`);
  if (Array.isArray(sizes)) out.push(...sizes.map(String));
  return out;
}

describe('every citizen screen is accessible', () => {
  for (const language of ['zh-CN', 'en'] as const) {
    for (const largeText of [false, true]) {
      it(`${language}${largeText ? ', large text' : ''}`, async () => {
        const found: Record<string, string[]> = {};
        const screens: string[] = [];
        await tour.run({ language, largeText, viewport: PORTRAIT }, async (page, screen) => {
          screens.push(screen);
          const p = await problems(page, language, largeText);
          if (p.length > 0) found[screen] = p;
        });
        expect(found).toEqual({});
        expect(screens).toContain('out-of-service');
        expect(screens).toContain('idle-countdown');
        expect(screens.length).toBe(23);
      }, 480_000);
    }
  }
});
