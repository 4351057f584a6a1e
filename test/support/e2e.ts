/**
 * The shared set-up of the Playwright e2e suites: the real app on the web host
 * (`startKiosk`), Debian's Chromium, a fresh browser context per page opened at the attract
 * screen, and the demo card slot driven from the demo panel or straight through the contract.
 * `e2eSuite()` registers the vitest hooks; each suite keeps only what it tests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Browser, Page } from 'playwright';
import type { SessionState } from '../../electron/contract';
import { PORTRAIT, launchBrowser, newPage } from './browser';
import { startReferenceCentral, type ReferenceCentral } from './reference-central';
import { command, centralOnline, startKiosk, type Answer, type RunningKiosk } from './kiosk';

export { centralOnline, command };
export type Viewport = { readonly width: number; readonly height: number };
/** A new visitor's page (own browser context) on the attract screen. */
export async function openKiosk(
  browser: Browser,
  kiosk: { readonly host: { readonly url: string } },
  viewport: Viewport = PORTRAIT,
): Promise<Page> {
  const page = await newPage(browser, viewport);
  await page.goto(kiosk.host.url);
  await page.getByTestId('screen-attract').waitFor();
  return page;
}

/** Inserts a demo card from the panel, waits for the read's outcome, closes the panel. */
export async function insertFromPanel(page: Page, cardId: string, outcome: string): Promise<void> {
  await page.getByTestId('demo-open').click();
  await page.getByTestId(`demo-insert-${cardId}`).click();
  await page.locator(`[data-testid="screen-card"][data-state="${outcome}"]`).waitFor();
  await page.locator('.demo-close').click();
}

/** Takes the card out through the demo panel and waits for the attract screen. */
export async function removeFromPanel(page: Page): Promise<void> {
  await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-remove').click();
  await page.getByTestId('screen-attract').waitFor();
  await page.locator('.demo-close').click();
}

/** Types the PIN on the on-screen keypad and confirms it (when the keypad does not by itself). */
export async function typePin(page: Page, pin: string): Promise<void> {
  for (const d of pin) await page.getByTestId(`keypad-key-${d}`).click();
  const submit = page.getByTestId('keypad-submit');
  if (await submit.isVisible()) await submit.click();
}

/** axe-core's serious and critical findings on the page as it is, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export interface E2eSuite {
  readonly kiosk: RunningKiosk;
  readonly browser: Browser;
  call(name: string, payload?: unknown): Promise<Answer>;
  /** The main side's citizen session state (`session.state`). */
  session(): Promise<SessionState>;
  open(viewport?: Viewport): Promise<Page>;
  /** Inserts a demo card through the contract and waits for the card screen's outcome. */
  insert(page: Page, cardId: string, outcome?: string): Promise<void>;
  /** Takes the demo card out through the contract and waits for the attract screen. */
  remove(page: Page): Promise<void>;
}

export interface SuiteOptions {
  /** Kiosk configuration overrides (see `startKiosk`); may be computed when the suite starts. */
  readonly config?: Record<string, unknown> | (() => Record<string, unknown>);
  /** Wait for the central service to be online before the first test. */
  readonly waitOnline?: boolean;
  /** Runs before the kiosk starts (e.g. a central service the kiosk is pointed at). */
  readonly before?: () => Promise<void>;
  /** Runs after the kiosk and the browser are closed. */
  readonly after?: () => Promise<void>;
}

/**
 * Registers the suite's hooks: kiosk and browser before all, closed after all, and before each
 * test the site defaults (Chinese, normal text) and an empty card slot, as a new visitor finds
 * the kiosk. The returned object's kiosk and browser exist from `beforeAll` on.
 */
export function e2eSuite(options: SuiteOptions = {}): E2eSuite {
  let kiosk: RunningKiosk | null = null;
  let browser: Browser | null = null;
  const need = <T>(x: T | null, what: string): T => {
    if (x === null) throw new Error(`the e2e suite has no ${what} yet (used before beforeAll?)`);
    return x;
  };
  const suite: E2eSuite = {
    get kiosk() {
      return need(kiosk, 'kiosk');
    },
    get browser() {
      return need(browser, 'browser');
    },
    call: (name, payload) => command(suite.kiosk, name, payload),
    async session() {
      const r = await suite.call('session.state');
      if (!r.ok) throw new Error(`session.state: ${r.error.code}`);
      return r.value as SessionState;
    },
    open: (viewport) => openKiosk(suite.browser, suite.kiosk, viewport),
    async insert(page, cardId, outcome) {
      const r = await suite.call('demo.insertCard', { cardId });
      if (!r.ok) throw new Error(`demo.insertCard ${cardId}: ${r.error.code}`);
      await page
        .locator(
          outcome
            ? `[data-testid="screen-card"][data-state="${outcome}"]`
            : '[data-testid="session-panel"]',
        )
        .waitFor({ timeout: 30_000 });
    },
    async remove(page) {
      await suite.call('demo.removeCard');
      await page.getByTestId('screen-attract').waitFor();
    },
  };

  beforeAll(async () => {
    await options.before?.();
    const config = typeof options.config === 'function' ? options.config() : options.config;
    kiosk = await startKiosk(config ?? {});
    browser = await launchBrowser();
    if (options.waitOnline) await centralOnline(kiosk);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
    await options.after?.();
  });

  beforeEach(async () => {
    await suite.call('prefs.set', { language: 'zh-CN', largeText: false });
    await suite.call('demo.removeCard');
  });

  return suite;
}

export interface CentralSuite extends E2eSuite {
  /** The reference central service the kiosk is enrolled with (exists from `beforeAll` on). */
  readonly central: ReferenceCentral;
}

/**
 * An e2e suite whose kiosk talks to a reference central service with the demo data that the
 * suite holds (`startReferenceCentral`): enrolled before the kiosk starts, online before the
 * first test, closed after the last.
 */
export function e2eSuiteWithCentral(
  config: Record<string, unknown> = {},
  centralSettings: Record<string, unknown> = {},
): CentralSuite {
  let central: ReferenceCentral | null = null;
  const need = (): ReferenceCentral => {
    if (!central) throw new Error('the reference central service has not started yet');
    return central;
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-central-'));
  const suite = e2eSuite({
    before: async () => {
      central = await startReferenceCentral(centralSettings);
      await central.enrol(dataDir);
    },
    config: () => ({ ...config, dataDir, central: need().kioskCentral }),
    waitOnline: true,
    after: async () => {
      await central?.close();
    },
  });
  return Object.defineProperty(suite, 'central', { get: need }) as CentralSuite;
}
