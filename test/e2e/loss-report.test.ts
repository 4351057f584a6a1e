import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import type { DeviceStatus } from '../../electron/contract';
import type { KioskSync } from '../../electron/central/kiosk-sync';
import { PERSONAS, type Persona } from '../../server/src/demo/personas';
import { createEnrolmentCode } from '../../server/src/services/kiosk-auth';
import { startCentral, type RunningCentral } from '../../server/src/start';
import { LANDSCAPE, PORTRAIT, launchBrowser, screenshot } from '../support/browser';
import { openKiosk, type Viewport } from '../support/e2e';
import { FaultProxy } from '../support/fault-proxy';
import { startKiosk, type RunningKiosk } from '../support/kiosk';
import { filesContaining } from '../system/store-file-scan';

/**
 * Loss pre-reporting without the card and cancelling a pre-report, end to end: the web host
 * and the renderer in Chromium, the kiosk talking to the reference central service (demo data,
 * SMS codes read from its development sink) through a fault proxy that can cut the connection.
 * The central service runs apart from the kiosk's data directory, so the closing scan of the
 * kiosk's files finds only what the kiosk wrote.
 */
let central: RunningCentral;
let proxy: FaultProxy;
let kiosk: RunningKiosk;
let sync: KioskSync;
let browser: Browser;
let id = 500;
const call = async (command: string, payload: unknown = {}) =>
  (await kiosk.app.dispatch({ id: ++id, command, payload })).result;

const persona = (key: string): Persona => {
  const p = PERSONAS.find((x) => x.key === key);
  if (!p) throw new Error(`no persona ${key}`);
  return p;
};
const cardOf = (p: Persona) => p.cards[0]?.cardNumber ?? '';

/** Pinyin spelling of each demo name, one syllable per character. */
const SPELLING: Record<string, string[]> = {
  张伟: ['zhang', 'wei'],
  王芳: ['wang', 'fang'],
  陈静: ['chen', 'jing'],
  李娜: ['li', 'na'],
};

async function until<T>(what: string, f: () => Promise<T | null> | T | null, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  central = await startCentral({
    config: {
      demo: true,
      host: '127.0.0.1',
      port: 0,
      dataDir: join(mkdtempSync(join(tmpdir(), 'loss-central-')), 'db'),
      demoSeed: { extraPersons: 4, years: 2 },
    },
  });
  proxy = await FaultProxy.start(central.url);
  kiosk = await startKiosk({
    central: { mode: 'remote', baseUrl: proxy.url, connectTimeoutMs: 500, totalTimeoutMs: 2000 },
    loss: { resendSeconds: 10, deliveryWaitSeconds: 4 },
  });
  const s = await kiosk.app.sync;
  if (!s) throw new Error('no sync engine');
  sync = s;
  const { code } = await createEnrolmentCode(central.ctx);
  const enrolled = await sync.engine.enrol(code, 'loss e2e');
  expect(enrolled.ok).toBe(true);
  browser = await launchBrowser();
  await until('central online', async () => {
    const r = await call('device.status');
    return r.ok && (r.value as DeviceStatus).central.state === 'online' ? true : null;
  });
}, 300_000);

let kioskClosed = false;
afterAll(async () => {
  await browser?.close();
  if (!kioskClosed) await kiosk?.close();
  await proxy?.close();
  await central?.close();
});

beforeEach(async () => {
  await proxy.set('none');
  await call('prefs.set', { language: 'zh-CN', largeText: false });
  await call('demo.removeCard');
});

const open = (viewport: Viewport = PORTRAIT): Promise<Page> => openKiosk(browser, kiosk, viewport);

/** The latest SMS code the development sink holds for this person's phone. */
async function smsCode(p: Persona): Promise<string> {
  const res = await fetch(`${central.url}/v1/dev/sms`);
  const body = (await res.json()) as { messages: { phone: string; text: string; at: string }[] };
  const mine = body.messages.filter((m) => m.phone === p.phone);
  const last = mine.sort((a, b) => (a.at < b.at ? -1 : 1)).at(-1);
  const code = last?.text.match(/\d{6}/)?.[0];
  if (!code) throw new Error('no SMS for this person');
  return code;
}

async function typeId(page: Page, idNumber: string): Promise<void> {
  for (const ch of idNumber)
    await page.getByTestId(ch === 'X' ? 'id-keypad-key-x' : `id-keypad-key-${ch}`).click();
  await page.getByTestId('id-keypad-submit').click();
}

async function typeName(page: Page, name: string): Promise<void> {
  const syllables = SPELLING[name];
  if (!syllables) throw new Error(`no spelling for ${name}`);
  for (const [i, syllable] of syllables.entries()) {
    for (const letter of syllable) await page.getByTestId(`pinyin-key-${letter}`).click();
    await page.getByTestId(`pinyin-char-${Array.from(name)[i] ?? ''}`).click();
  }
  expect(await page.getByTestId('name-display').textContent()).toBe(name);
}

async function typeCode(page: Page, code: string): Promise<void> {
  for (const d of code) await page.getByTestId(`code-keypad-key-${d}`).click();
}

/** Attract → ID → name → code sent; returns the page on the code screen. */
async function startReport(page: Page, p: Persona, shots?: string): Promise<void> {
  await page.getByTestId('btn-report-lost').click();
  await page.getByTestId('id-keypad').waitFor();
  if (shots) await screenshot(page, `loss-id-keypad-${shots}`);
  await typeId(page, p.idNumber);
  await page.getByTestId('pinyin-keyboard').waitFor();
  await typeName(page, p.name);
  if (shots) await screenshot(page, `loss-pinyin-${shots}`);
  await page.getByTestId('name-next').click();
  await page.getByTestId('code-keypad').waitFor();
  expect(await page.getByTestId('loss-sent-to').textContent()).toContain(
    `${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`,
  );
}

const printouts = (): string[] => {
  try {
    return readdirSync(join(kiosk.config.dataDir, 'printouts')).filter((f) => f.endsWith('.pdf'));
  } catch {
    return [];
  }
};

async function cardStatus(cardNumber: string): Promise<string | undefined> {
  const rows = await central.ctx.db.query<{ status: string }>(
    'SELECT status FROM cards WHERE card_number = $1',
    [cardNumber],
  );
  return rows[0]?.status;
}

async function lossReports(cardNumber: string): Promise<number> {
  const rows = await central.ctx.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM loss_reports r JOIN cards c ON c.id = r.card_id WHERE c.card_number = $1',
    [cardNumber],
  );
  return rows[0]?.n ?? 0;
}

describe('loss pre-report without the card', () => {
  it('rejects a wrong check character on the keypad before anything is sent', async () => {
    const page = await open();
    await page.getByTestId('btn-report-lost').click();
    const p = persona('active-2');
    const last = p.idNumber.at(-1) === '0' ? '1' : '0';
    await typeId(page, `${p.idNumber.slice(0, 17)}${last}`);
    expect(await page.getByTestId('loss-id-error').textContent()).toContain('校验');
    await page.getByTestId('btn-loss-exit').click();
    await page.getByTestId('screen-attract').waitFor();
    await page.close();
  }, 60_000);

  it('happy path: ID, pinyin name, SMS code, card, consequences → in effect, hotlist, receipt (portrait)', async () => {
    const p = persona('active-2');
    const card = cardOf(p);
    const page = await open(PORTRAIT);
    await startReport(page, p, 'zh-portrait');
    await screenshot(page, 'loss-code-zh-portrait');
    expect(await page.getByTestId('loss-resend').isDisabled()).toBe(true);
    await typeCode(page, await smsCode(p));
    await page.getByTestId('loss-card').first().waitFor();
    await page.getByTestId('loss-card').first().click();
    await page.getByTestId('loss-confirm').waitFor();
    expect(await page.getByTestId('loss-confirm').textContent()).toContain('7 天');
    await screenshot(page, 'loss-confirm-zh-portrait');
    await page.getByTestId('btn-loss-submit').click();
    const result = page.getByTestId('loss-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-outcome')).toBe('confirmed');
    expect(await page.getByTestId('loss-reference').textContent()).toMatch(/^GS\d{8}[0-9A-F]{8}$/);
    expect(await cardStatus(card)).toBe('pre_reported_lost');
    expect(await lossReports(card)).toBe(1);
    // The local invalid list has the card at once (pulled right after the report).
    await until('hotlist has the card', () => (sync.store.hotlist.has(card) ? true : null), 20_000);
    await page.getByTestId('btn-loss-print').click();
    // The kiosk answers within its bounded wait: printed, or still printing on a loaded machine
    // (the first print loads the font) — never "failed" or "unknown" for a receipt that comes out.
    const note = page.getByTestId('loss-print-state');
    await note.waitFor({ timeout: 15_000 });
    const shown = await note.getAttribute('data-receipt');
    expect(shown).toMatch(/^print(ed|ing)$/);
    expect(await note.textContent()).toContain(shown === 'printed' ? '已打印' : '还在打印');
    // "printed" means the printer already has it (the demo's PDF folder).
    if (shown === 'printed') expect(printouts().length).toBeGreaterThan(0);
    await until('receipt PDF', () => (printouts().length > 0 ? true : null));
    await screenshot(page, 'loss-receipt-zh-portrait');
    await page.getByTestId('btn-loss-done').click();
    await page.getByTestId('screen-attract').waitFor();
    await page.close();
  }, 120_000);

  it('English, landscape: the same screens side by side; a sealed card can be pre-reported', async () => {
    const p = persona('sealed-3');
    await call('prefs.set', { language: 'en' });
    const page = await open(LANDSCAPE);
    await startReport(page, p, 'en-landscape');
    await screenshot(page, 'loss-code-en-landscape');
    await typeCode(page, await smsCode(p));
    await page.getByTestId('loss-card').first().click();
    await page.getByTestId('loss-confirm').waitFor();
    expect(await page.getByTestId('loss-confirm').textContent()).toContain('7 days');
    await screenshot(page, 'loss-confirm-en-landscape');
    await page.getByTestId('btn-loss-submit').click();
    await page.getByTestId('loss-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('loss-result').getAttribute('data-outcome')).toBe('confirmed');
    await screenshot(page, 'loss-receipt-en-landscape');
    await page.getByTestId('btn-loss-done').click();
    await page.close();
  }, 120_000);

  it('wrong code five times → lockout message, nothing reported', async () => {
    const p = persona('expired');
    const page = await open();
    await startReport(page, p);
    const right = await smsCode(p);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left -= 1) {
      await typeCode(page, wrong);
      await expect
        .poll(() => page.getByTestId('loss-code-warning').textContent())
        .toContain(String(left));
    }
    await typeCode(page, wrong);
    await page.getByTestId('loss-locked').waitFor();
    await screenshot(page, 'loss-locked-zh-portrait');
    expect(await cardStatus(cardOf(p))).toBe('active');
    await page.getByTestId('btn-loss-exit').click();
    await page.close();
  }, 120_000);

  it('the connection drops after the code: recorded with a kiosk reference, delivered once later', async () => {
    const p = persona('blocked');
    const card = cardOf(p);
    const page = await open();
    await startReport(page, p);
    await typeCode(page, await smsCode(p));
    await page.getByTestId('loss-card').first().click();
    await page.getByTestId('loss-confirm').waitFor();
    await proxy.set('down');
    await page.getByTestId('btn-loss-submit').click();
    const result = page.getByTestId('loss-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-outcome')).toBe('recorded');
    expect(await page.getByTestId('loss-reference').textContent()).toMatch(/^K\d{8}[0-9A-F]{8}$/);
    expect(await result.textContent()).toContain('自动提交');
    await screenshot(page, 'loss-recorded-zh-portrait');
    expect(await cardStatus(card)).toBe('active');
    expect(await lossReports(card)).toBe(0);

    await proxy.set('none');
    sync.engine.delivery.kick();
    await until('report delivered', async () =>
      (await cardStatus(card)) === 'pre_reported_lost' ? true : null,
    );
    await until('outbox empty', () => (sync.engine.status().outboxDepth === 0 ? true : null));
    expect(await lossReports(card)).toBe(1);
    // Delivered later, and the local invalid list follows at once.
    await until('hotlist has the card', () => (sync.store.hotlist.has(card) ? true : null), 20_000);
    await page.getByTestId('btn-loss-done').click();
    await page.close();
  }, 180_000);
});

describe('cancel a pre-report with the card + PIN', () => {
  async function toCancel(page: Page, cardId: string, pin: string): Promise<void> {
    expect((await call('demo.insertCard', { cardId })).ok).toBe(true);
    await page.getByTestId('session-panel').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('session-panel').getAttribute('data-disposition')).toBe(
      'pre_reported_lost',
    );
    await page.getByTestId('btn-cancel-loss').click();
    await page.getByTestId('keypad').waitFor();
    for (const d of pin) await page.getByTestId(`keypad-key-${d}`).click();
    const submit = page.getByTestId('keypad-submit');
    if (await submit.isVisible()) await submit.click();
    await page.getByTestId('screen-cancel-loss').waitFor({ timeout: 30_000 });
  }

  it('happy path: cancelled online, card active again, hotlist updated, receipt', async () => {
    const p = persona('reported-lost');
    const card = cardOf(p);
    expect(await cardStatus(card)).toBe('pre_reported_lost');
    const page = await open();
    await toCancel(page, 'reported-lost', '802468');
    await screenshot(page, 'cancel-loss-ask-zh-portrait');
    await page.getByTestId('btn-cancel-loss-confirm').click();
    await page.getByTestId('cancel-loss-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('cancel-reference').textContent()).toMatch(/^K\d{8}/);
    expect(await cardStatus(card)).toBe('active');
    await until('hotlist no longer has the card', () =>
      sync.store.hotlist.has(card) ? null : true,
    );
    const before = printouts().length;
    await page.getByTestId('btn-cancel-print').click();
    const cancelNote = page.getByTestId('cancel-print-state');
    await cancelNote.waitFor({ timeout: 15_000 });
    const cancelShown = await cancelNote.getAttribute('data-receipt');
    expect(cancelShown).toMatch(/^print(ed|ing)$/);
    if (cancelShown === 'printed') expect(printouts().length).toBeGreaterThan(before);
    await until('cancel receipt PDF', () => (printouts().length > before ? true : null));
    await screenshot(page, 'cancel-loss-done-zh-portrait');
    await page.getByTestId('btn-finish').click();
    await page.getByTestId('screen-take-card').waitFor();
    await page.close();
  }, 120_000);

  it('refused when a replacement card is in progress; the card stays pre-reported', async () => {
    const p = persona('replacement');
    const page = await open();
    await toCancel(page, 'replacement', '731902');
    await page.getByTestId('cancel-loss-refused').waitFor();
    expect(await page.getByTestId('cancel-loss-refused').textContent()).toContain('补办新卡');
    await screenshot(page, 'cancel-loss-refused-zh-portrait');
    expect(await cardStatus(cardOf(p))).toBe('pre_reported_lost');
    await page.close();
  }, 120_000);
});

describe('secrets (R7)', () => {
  it('after the flows, no full ID number or phone number in any kiosk file', async () => {
    // Closing the app flushes everything it writes (audit anchor, store, printouts).
    kioskClosed = true;
    await kiosk.close();
    const dir = kiosk.config.dataDir;
    for (const key of [
      'active-2',
      'sealed-3',
      'expired',
      'blocked',
      'reported-lost',
      'replacement',
    ]) {
      const p = persona(key);
      expect(filesContaining(dir, p.idNumber)).toEqual([]);
      expect(filesContaining(dir, p.phone)).toEqual([]);
    }
  });
});
