/**
 * Keypad and IdleCountdown in Chromium before any screen uses them: a harness page
 * (renderer/src/harness/ui-harness.tsx) built with Vite into a temporary directory and served
 * from loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright';
import { LANDSCAPE, PORTRAIT, launchBrowser, newPage, screenshot } from '../support/browser';

declare global {
  interface Window {
    harness: { submitted: string[]; timeouts: number };
  }
}

let outDir: string;
let server: Server;
let base: string;
let browser: Browser;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'ui-harness-'));
  await build({
    root: process.cwd(),
    base: './',
    configFile: false,
    logLevel: 'error',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome120',
      rollupOptions: { input: join(process.cwd(), 'test/e2e/harness/ui-harness.html') },
    },
  });
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(outDir, path);
    if (!file.startsWith(outDir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/test/e2e/harness/ui-harness.html`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await new Promise((resolve) => server.close(resolve));
  rmSync(outDir, { recursive: true, force: true });
});

async function open(
  query: string,
  viewport: { width: number; height: number },
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await newPage(browser, viewport);
  if (beforeLoad) await beforeLoad(page);
  await page.goto(`${base}?${query}`);
  return page;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const smallestKey = (page: Page) =>
  page.evaluate(() =>
    Math.min(
      ...[...document.querySelectorAll('.keypad button')].map((b) => {
        const r = b.getBoundingClientRect();
        return Math.min(r.width, r.height);
      }),
    ),
  );

const keyOrder = (page: Page) =>
  page
    .locator('.keypad-grid button')
    .evaluateAll((els) => els.map((e) => e.textContent ?? '').join(''));

const display = (page: Page) => page.getByTestId('keypad-display').innerText();
const submitted = (page: Page) => page.evaluate(() => window.harness.submitted);

describe('Keypad', () => {
  it('takes six digits masked, with back and clear, submits once and forgets', async () => {
    const page = await open('component=keypad', PORTRAIT);
    await page.getByTestId('keypad').waitFor();
    expect(await display(page)).toBe('○○○○○○');
    expect(await page.getByTestId('keypad-submit').isDisabled()).toBe(true);
    for (const d of '1289') await page.getByTestId(`keypad-key-${d}`).click();
    await page.getByTestId('keypad-back').click();
    expect(await display(page)).toBe('●●●○○○');
    expect(await page.getByTestId('keypad-count').innerText()).toBe('已输入 3 位，共 6 位');
    await page.getByTestId('keypad-clear').click();
    expect(await display(page)).toBe('○○○○○○');
    for (const d of '4829137') await page.getByTestId(`keypad-key-${d}`).click();
    expect(await display(page)).toBe('●●●●●●');
    // The digits are nowhere on the page, not even for a screen reader.
    expect(await page.locator('body').innerText()).not.toContain('482913');
    expect(await smallestKey(page)).toBeGreaterThanOrEqual(64);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'keypad-zh-portrait');
    await page.getByTestId('keypad-submit').click();
    expect(await submitted(page)).toEqual(['482913']);
    expect(await display(page)).toBe('○○○○○○');
    await page.close();
  });

  it('is a telephone layout by default and a different shuffle each time when asked', async () => {
    const plain = await open('component=keypad', PORTRAIT);
    expect(await keyOrder(plain)).toBe('1234567890');
    await plain.close();
    const orders = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const page = await open('component=keypad&shuffled=1', PORTRAIT);
      const order = await keyOrder(page);
      expect(Array.from(order).sort().join('')).toBe('0123456789');
      orders.add(order);
      if (i === 0) await screenshot(page, 'keypad-shuffled-zh-portrait');
      await page.close();
    }
    // Three equal shuffles in a row: one chance in 13 trillion.
    expect(orders.size).toBeGreaterThan(1);
  });

  it('an entry is gone when the keypad is taken away and shown again', async () => {
    const page = await open('component=keypad', PORTRAIT);
    for (const d of '123') await page.getByTestId(`keypad-key-${d}`).click();
    await page.getByTestId('toggle').click();
    await page.getByTestId('keypad').waitFor({ state: 'detached' });
    await page.getByTestId('toggle').click();
    expect(await display(page)).toBe('○○○○○○');
    await page.close();
  });

  it('ID number variant: X only as the last character, typed keys work, large text, landscape', async () => {
    const page = await open('component=keypad&x=1&length=18&masked=0&lang=en&large=1', LANDSCAPE);
    await page.getByTestId('keypad').waitFor();
    expect(await page.getByTestId('keypad-key-x').isDisabled()).toBe(true);
    await page.keyboard.type('11010519491231002');
    expect(await display(page)).toBe('11010519491231002');
    expect(await page.getByTestId('keypad-key-x').isEnabled()).toBe(true);
    await page.getByTestId('keypad-key-x').click();
    expect(await display(page)).toBe('11010519491231002X');
    expect(await page.getByTestId('keypad-count').innerText()).toBe('18 of 18 digits entered');
    expect(await smallestKey(page)).toBeGreaterThanOrEqual(64);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'keypad-id-en-large-landscape');
    await page.keyboard.press('Enter');
    expect(await submitted(page)).toEqual(['11010519491231002X']);
    await page.close();
  });
});

describe('IdleCountdown', () => {
  // Playwright's clock: time still flows at its real pace (a paused clock would stop the
  // animation frames Playwright itself waits on), and runFor() jumps it ahead. Checks leave a
  // few seconds of slack for the real time a busy machine spends between steps.
  const installClock = async (page: Page) => page.clock.install();
  const overlays = (page: Page) => page.getByTestId('idle-countdown').count();

  it('warns after the idle time, "I need more time" restarts it, and at zero times out', async () => {
    const page = await open('component=idle&idle=60&warning=30', PORTRAIT, installClock);
    await page.locator('h1').waitFor();
    await page.clock.runFor(50_000);
    expect(await overlays(page)).toBe(0);
    // A touch before the warning starts the idle period again.
    await page.getByTestId('touch-target').click();
    await page.clock.runFor(55_000);
    expect(await overlays(page)).toBe(0);
    await page.clock.runFor(7_000);
    await page.getByTestId('idle-countdown').waitFor();
    const left = Number(await page.getByTestId('idle-seconds').innerText());
    expect(left).toBeGreaterThanOrEqual(20);
    expect(left).toBeLessThanOrEqual(28);
    expect(await page.getByTestId('idle-more-time').innerText()).toBe('我需要更多时间');
    // The button has the focus, so a keyboard or switch user reaches it at once.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'idle-more-time',
    );
    // (axe runs on the overlay in the next test: here the countdown is running in real time.)
    await screenshot(page, 'idle-countdown-zh-portrait');
    await page.getByTestId('idle-more-time').click();
    await page.getByTestId('idle-countdown').waitFor({ state: 'detached' });

    await page.clock.runFor(55_000);
    expect(await overlays(page)).toBe(0);
    expect(await page.evaluate(() => window.harness.timeouts)).toBe(0);
    await page.clock.runFor(40_000);
    await expect.poll(() => page.locator('h1').innerText()).toBe('timed out');
    expect(await page.evaluate(() => window.harness.timeouts)).toBe(1);
    await page.close();
  });

  it('reads well in English large text in landscape', async () => {
    const page = await open(
      'component=idle&idle=60&warning=30&lang=en&large=1',
      LANDSCAPE,
      installClock,
    );
    await page.locator('h1').waitFor();
    await page.clock.runFor(61_000);
    await page.getByTestId('idle-countdown').waitFor();
    expect(await page.getByTestId('idle-more-time').innerText()).toBe('I need more time');
    const height = await page
      .getByTestId('idle-more-time')
      .evaluate((b) => b.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(64);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'idle-countdown-en-large-landscape');
    await page.close();
  });
});
