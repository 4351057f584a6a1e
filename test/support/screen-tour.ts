/**
 * Every citizen screen, reached the way a citizen reaches it (taps on the real web host; the
 * card slot driven through the demo commands). Shared by the accessibility e2e test
 * (test/e2e/look.test.ts) and `npm run screenshots`: both walk the same tour and do their
 * own thing at each stop.
 */
import type { Browser, Page } from 'playwright';
import { newPage } from './browser';
import type { DeviceStatus, Language } from '../../electron/contract';
import type { RunningKiosk } from './kiosk';

export interface TourLook {
  readonly language: Language;
  readonly largeText: boolean;
  readonly viewport: { readonly width: number; readonly height: number };
}

/** What the tour does at every screen: check it, photograph it. */
export type AtScreen = (page: Page, screen: string) => Promise<void>;

export interface Tour {
  /** Walks every screen of the card-free and card flows; `at` runs at each one. */
  run(look: TourLook, at: AtScreen): Promise<void>;
}

let commandId = 10_000;

export function kioskCall(kiosk: RunningKiosk) {
  return async (command: string, payload: unknown = {}) =>
    (await kiosk.app.dispatch({ id: ++commandId, command, payload })).result;
}

/** Waits until the kiosk's central service is online (the embedded one seeds on first start). */
export async function waitForCentral(kiosk: RunningKiosk): Promise<void> {
  const call = kioskCall(kiosk);
  for (;;) {
    const r = await call('device.status');
    if (r.ok && (r.value as DeviceStatus).central.state === 'online') return;
    await new Promise((res) => setTimeout(res, 500));
  }
}

/**
 * The tour over `kiosk` (with a central service online, for the inquiry pages) and, when
 * given, `outOfService`: a kiosk whose reader is down, for the out-of-service screen.
 */
export function screenTour(
  browser: Browser,
  kiosk: RunningKiosk,
  outOfService?: RunningKiosk,
): Tour {
  const call = kioskCall(kiosk);

  const open = async (look: TourLook, url: string, fakeClock = false): Promise<Page> => {
    const page = await newPage(browser, look.viewport);
    if (fakeClock) await page.clock.install();
    await page.goto(url);
    await page
      .getByTestId('screen-attract')
      .or(page.getByTestId('screen-out-of-service'))
      .waitFor();
    await page.locator(`html[lang="${look.language}"]`).waitFor();
    return page;
  };

  const insert = async (page: Page, cardId: string, settled: string): Promise<void> => {
    const r = await call('demo.insertCard', { cardId });
    if (!r.ok) throw new Error(`demo card ${cardId}: ${JSON.stringify(r.error)}`);
    await page.locator(settled).waitFor({ timeout: 30_000 });
  };
  const remove = async (page: Page): Promise<void> => {
    await call('demo.removeCard');
    await page.getByTestId('screen-attract').waitFor();
  };
  const typePin = async (page: Page, pin: string): Promise<void> => {
    for (const d of pin) await page.getByTestId(`keypad-key-${d}`).click();
    const submit = page.getByTestId('keypad-submit');
    if (await submit.isVisible()) await submit.click();
  };
  const panel = (disposition: string) =>
    `[data-testid="session-panel"][data-disposition="${disposition}"]`;

  return {
    async run(look, at) {
      await call('demo.removeCard');
      const prefs = await call('prefs.set', {
        language: look.language,
        largeText: look.largeText,
      });
      if (!prefs.ok) throw new Error('prefs.set failed');

      const page = await open(look, kiosk.host.url);
      try {
        await at(page, 'attract');

        await page.getByTestId('btn-report-lost').click();
        await page.getByTestId('screen-loss').waitFor();
        await at(page, 'loss-id-number');
        await page.getByTestId('btn-loss-exit').click();
        await page.getByTestId('screen-attract').waitFor();

        await page.getByTestId('btn-guide').click();
        await page.getByTestId('screen-guide').waitFor();
        await at(page, 'guide-list');
        await page.locator('[data-testid^="guide-topic-"]').first().click();
        await page.locator('[data-testid^="guide-entry-"]').first().waitFor();
        await at(page, 'guide-search');
        await page.locator('[data-testid^="guide-entry-"]').first().click();
        await page.getByTestId('guide-article').waitFor();
        await at(page, 'guide-article');
        await page.getByTestId('guide-back-list').click();
        await page.getByTestId('guide-home').click();
        await page.getByTestId('screen-attract').waitFor();

        const outcomes: ReadonlyArray<readonly [string, string, string]> = [
          ['sealed-3', panel('sealed'), 'card-sealed'],
          ['reported-lost', panel('pre_reported_lost'), 'card-reported-lost'],
          ['blocked', '[data-testid="session-panel"]', 'card-blocked'],
          ['expired', panel('expired'), 'card-expired'],
          ['non-ssc', '[data-testid="screen-card"][data-state="not_ssc_card"]', 'card-not-ssc'],
          ['mute', '[data-testid="screen-card"][data-state="unreadable"]', 'card-unreadable'],
        ];
        for (const [cardId, settled, name] of outcomes) {
          await insert(page, cardId, settled);
          await at(page, name);
          await remove(page);
        }

        await insert(page, 'active-2', panel('normal'));
        await at(page, 'card-normal');
        await page.getByTestId('btn-inquiry').click();
        await page.getByTestId('keypad').waitFor();
        await at(page, 'pin');
        await typePin(page, '000000');
        await page.getByTestId('pin-warning').waitFor();
        await at(page, 'pin-wrong');
        await typePin(page, '135790');
        await page.getByTestId('inquiry-contributions').waitFor();
        await at(page, 'inquiry-menu');
        const pages: ReadonlyArray<readonly [string, string]> = [
          ['person', 'view-person'],
          ['contributions', 'table-months'],
          ['medical', 'medical-balance'],
          ['pension', 'pension-total'],
          ['benefits', 'view-benefits'],
        ];
        for (const [p, ready] of pages) {
          await page.getByTestId(`inquiry-${p}`).click();
          await page.getByTestId(ready).waitFor();
          if (p === 'contributions') await page.locator('[data-testid^="bar-"]').first().waitFor();
          await at(page, `inquiry-${p}`);
          await page.getByTestId('btn-inquiry-menu').click();
          await page.getByTestId('inquiry-contributions').waitFor();
        }
        await page.getByTestId('btn-finish').click();
        await page.getByTestId('screen-take-card').waitFor();
        await at(page, 'take-card');
        await remove(page);
      } finally {
        await page.close();
      }

      // The idle countdown: the page's clock is moved on instead of waiting a minute.
      const idle = await open(look, kiosk.host.url, true);
      try {
        await insert(idle, 'active-2', panel('normal'));
        const info = kiosk.config.ui;
        await idle.clock.fastForward((info.idleTimeoutSeconds + 2) * 1000);
        await idle.getByTestId('idle-countdown').waitFor();
        await at(idle, 'idle-countdown');
        await remove(idle);
      } finally {
        await idle.close();
      }

      if (outOfService) {
        await kioskCall(outOfService)('prefs.set', {
          language: look.language,
          largeText: look.largeText,
        });
        const oos = await open(look, outOfService.host.url);
        try {
          await oos.getByTestId('screen-out-of-service').waitFor();
          await at(oos, 'out-of-service');
        } finally {
          await oos.close();
        }
      }
    },
  };
}

/**
 * Checks a page can measure in the browser: controls smaller than 64 px, and text smaller
 * than the body minimum (24 px, 32 px in large-text mode). Returns descriptions of offenders.
 * Plain JavaScript text: tsx would add helpers that do not exist in the page.
 */
export const SIZE_CHECK = `(minText) => {
  const out = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' &&
      r.bottom > 0 && r.right > 0 && r.left < innerWidth && r.top < innerHeight;
  };
  const name = (el) => (el.getAttribute('data-testid') || el.className || el.tagName) + ' "' +
    (el.textContent || '').trim().slice(0, 24) + '"';
  for (const el of document.querySelectorAll('button, [role="button"], [role="tab"], input, a[href]')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 63.5 || r.height < 63.5)
      out.push('target ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' ' + name(el));
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || seen.has(el) || !(n.textContent || '').trim()) continue;
    seen.add(el);
    if (el.closest('[aria-hidden="true"]') || !visible(el)) continue;
    // SVG text is scaled with its drawing: judge it by the height it is drawn at.
    const size = el instanceof SVGElement
      ? el.getBoundingClientRect().height / 1.15
      : parseFloat(getComputedStyle(el).fontSize);
    if (size < minText - 0.5) out.push('text ' + size + 'px ' + name(el));
  }
  return out;
}`;
