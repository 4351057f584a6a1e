import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { createKioskApp, type KioskApp } from '../../electron/app';
import { startKioskSync } from '../../electron/central/kiosk-sync';
import { ConfigSchema, type KioskConfig } from '../../electron/config';
import { findPersona } from '../../electron/devices/card/personas';
import { createLogger } from '../../electron/log';
import { startWebHost, type WebHost } from '../../electron/web-host';
import { startCentral, type RunningCentral } from '../../server/src/start';
import { createEnrolmentCode } from '../../server/src/services/kiosk-auth';
import { FaultProxy } from '../support/fault-proxy';
import { LANDSCAPE, PORTRAIT, launchBrowser, screenshot } from '../support/browser';
import { openKiosk, seriousViolations, type Viewport } from '../support/e2e';
import { filesContaining } from '../system/store-file-scan';

/**
 * Activation of a sealed card and change PIN end to end on the web host: the reference central
 * service (its own PGlite) behind a fault proxy, the kiosk enrolled against it in remote mode,
 * the simulated reader. Outcomes: wrong initial PIN then right, each policy refusal with its
 * reason, card pulled before CHANGE PIN, central down during activation → pending → delivered
 * later exactly once, change PIN confirmed, card pulled after CHANGE PIN. Then R7: no PIN in
 * the kiosk's log, store files, journal or receipts.
 */
let central: RunningCentral;
let proxy: FaultProxy;
let app: KioskApp;
let host: WebHost;
let config: KioskConfig;
let browser: Browser;
let id = 100;
const call = async (command: string, payload: unknown = {}) =>
  (await app.dispatch({ id: ++id, command, payload })).result;

const SEALED = 'sealed-3';
const INITIAL = '123456';
const ACTIVATED = '258036';
const CHANGED = '147036';
const ACTIVE2 = '135790';
const ACTIVE2_NEW = '369258';
const WRONG = '000000';
/** wrong PINs typed at the re-check (the R7 scan looks for them too) */
const WRONG_A = '258037';
const WRONG_B = '741963';
const WRONG_C = '852014';

function cardNumberOf(persona: string): string {
  const n = findPersona(persona)?.card?.cardNumber;
  if (!n) throw new Error(`no persona ${persona}`);
  return n;
}

async function centralRows(cardNumber: string) {
  const [card] = await central.ctx.db.query<{ status: string }>(
    'SELECT status FROM cards WHERE card_number = $1',
    [cardNumber],
  );
  const events = await central.ctx.db.query<{ reason: string }>(
    'SELECT e.reason FROM card_events e JOIN cards c ON c.id = e.card_id WHERE c.card_number = $1 ORDER BY e.id',
    [cardNumber],
  );
  const ops = await central.ctx.db.query<{ operation: string; n: number }>(
    'SELECT operation, count(*)::int AS n FROM idempotency_records GROUP BY operation',
  );
  return {
    status: card?.status ?? null,
    events: events.map((e) => e.reason),
    ops: Object.fromEntries(ops.map((o) => [o.operation, o.n])),
  };
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-activation-'));
  central = await startCentral({
    config: { demo: true, host: '127.0.0.1', port: 0, dataDir: join(dir, 'central-db') },
    logger: false,
  });
  proxy = await FaultProxy.start(central.url);
  config = ConfigSchema.parse({
    dataDir: join(dir, 'kiosk'),
    central: { mode: 'remote', baseUrl: proxy.url, totalTimeoutMs: 3_000, connectTimeoutMs: 1_000 },
  });
  // Enrol once with the attendant's one-time code, as on site; the app then uses the
  // stored credentials.
  const log = createLogger({ level: 'debug', file: join(config.dataDir, 'kiosk.log') });
  const sync = await startKioskSync({
    config,
    log,
    appVersion: 'test',
    heartbeatSource: () => ({
      devices: { cardReader: 'online', printer: 'online', paper: 'full' },
    }),
  });
  if (!sync) throw new Error('sync did not start');
  const enrolled = await sync.engine.enrol((await createEnrolmentCode(central.ctx)).code, 'e2e');
  expect(enrolled.ok).toBe(true);
  await sync.close();

  app = createKioskApp(config, { host: 'web', log });
  host = await startWebHost(app, {
    host: '127.0.0.1',
    port: 0,
    rendererDir: join(process.cwd(), 'dist', 'renderer'),
    log,
  });
  browser = await launchBrowser();
  for (;;) {
    const r = await call('device.status');
    if (r.ok && (r.value as { central: { state: string } }).central.state === 'online') break;
    await new Promise((res) => setTimeout(res, 300));
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await app?.close();
  await proxy?.close();
  await central?.close();
});

beforeEach(async () => {
  await proxy.set('none');
  await call('prefs.set', { language: 'zh-CN', largeText: false });
  await call('demo.removeCard');
});

const open = (viewport: Viewport = PORTRAIT): Promise<Page> =>
  openKiosk(browser, { host }, viewport);

async function insert(page: Page, cardId: string, disposition: string): Promise<void> {
  expect((await call('demo.insertCard', { cardId })).ok).toBe(true);
  await page
    .locator(`[data-testid="session-panel"][data-disposition="${disposition}"]`)
    .waitFor({ timeout: 30_000 });
}

async function typePin(page: Page, pin: string): Promise<void> {
  const keypad = page.getByTestId('keypad');
  await keypad.waitFor();
  for (const d of pin) await page.getByTestId(`keypad-key-${d}`).click();
  await page.getByTestId('keypad-submit').click();
}

const state = (page: Page) => page.getByTestId('screen-pin-change').getAttribute('data-state');
const waitState = (page: Page, s: string) =>
  page.locator(`[data-testid="screen-pin-change"][data-state="${s}"]`).waitFor({ timeout: 30_000 });

/**
 * The kiosk remembers (its store) that a CHANGE PIN answer for the card was lost, as after a
 * pull and a restart; the card comes back and the citizen opens the re-check from the card
 * panel. Returns the page on the re-check screen, asking for the new PIN.
 */
async function openRecheck(
  persona: string,
  pass: { readonly viewport: Viewport; readonly language: 'zh-CN' | 'en'; largeText?: boolean },
): Promise<Page> {
  const sync = await app.sync;
  if (!sync) throw new Error('no central sync');
  expect((await sync.store.pinRecheck.add(cardNumberOf(persona), 'change')).ok).toBe(true);
  await call('prefs.set', { language: pass.language, largeText: pass.largeText ?? false });
  const page = await open(pass.viewport);
  await insert(page, persona, 'normal');
  await page.getByTestId('btn-pin-recheck').click();
  await waitState(page, 'recheck');
  expect(await page.getByTestId('screen-pin-change').getAttribute('data-which')).toBe('new');
  return page;
}

describe('activation and change PIN', () => {
  it('activation: wrong initial PIN then right; every policy refusal with its reason; card pulled before CHANGE PIN changes nothing', async () => {
    const page = await open();
    await insert(page, SEALED, 'sealed');
    await page.getByTestId('btn-activate').click();
    await waitState(page, 'explain');
    expect(await page.getByTestId('activation-steps').locator('li').count()).toBe(4);
    await screenshot(page, 'activation-explain-zh-portrait');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('btn-activation-start').click();

    await waitState(page, 'old');
    await typePin(page, WRONG);
    await expect.poll(() => page.getByTestId('pin-warning').textContent()).toContain('2');
    await screenshot(page, 'activation-wrong-initial-zh-portrait');
    await typePin(page, INITIAL);
    await waitState(page, 'new');
    expect(await page.getByTestId('policy-rules').textContent()).toContain('出生日期');
    await screenshot(page, 'activation-new-pin-zh-portrait');

    for (const [pin, reason, words] of [
      [INITIAL, 'same_as_current', '原密码相同'],
      ['888888', 'forbidden', '太常见'], // on the central configuration's forbidden list
      ['222222', 'all_same', '相同的数字'],
      ['345678', 'sequence', '连续'],
      ['920718', 'birth_date', '出生日期'], // 李娜, born 1992-07-18
    ] as const) {
      await typePin(page, pin);
      const shown = page.locator(`[data-testid="policy-reason"][data-reason="${reason}"]`);
      await shown.waitFor();
      expect(await shown.textContent()).toContain(words);
    }
    await screenshot(page, 'activation-policy-birth-date-zh-portrait');
    // two different entries: back to choosing, with the reason
    await typePin(page, ACTIVATED);
    await waitState(page, 'again');
    await typePin(page, '258037');
    await page.locator('[data-testid="policy-reason"][data-reason="mismatch"]').waitFor();

    // Card pulled while entering the PIN again: nothing was sent to the card.
    await typePin(page, ACTIVATED);
    await waitState(page, 'again');
    await call('demo.removeCard');
    await page.locator('[data-ending="removed_before"]').waitFor();
    expect(await page.getByTestId('pin-change-title').textContent()).toContain('密码没有修改');
    await screenshot(page, 'activation-removed-before-zh-portrait');
    expect((await centralRows(cardNumberOf(SEALED))).status).toBe('sealed');

    // Re-inserted: still sealed and the initial PIN still works (tries reset by the right PIN).
    await insert(page, SEALED, 'sealed');
    await page.getByTestId('btn-activate').click();
    await page.getByTestId('btn-activation-start').click();
    await typePin(page, INITIAL);
    await waitState(page, 'new');
    await page.getByTestId('btn-pin-change-cancel').click();
    await page.getByTestId('session-panel').waitFor();
    await page.close();
  }, 120_000);

  it('activation with the central service down: "your new PIN works now", reference, receipt; delivered later exactly once', async () => {
    const page = await open();
    await insert(page, SEALED, 'sealed');
    await page.getByTestId('btn-activate').click();
    await page.getByTestId('btn-activation-start').click();
    await typePin(page, INITIAL);
    await typePin(page, ACTIVATED);
    await waitState(page, 'again');
    await proxy.set('down');
    await typePin(page, ACTIVATED);
    const outcome = page.locator('[data-testid="screen-pin-change"][data-state="outcome"]');
    await outcome.waitFor({ timeout: 30_000 });
    expect(await outcome.getAttribute('data-ending')).toBe('activation_pending');
    expect(await page.getByTestId('pin-change-title').textContent()).toContain('新密码已生效');
    const reference = (await page.getByTestId('pin-change-reference').textContent()) ?? '';
    expect(reference).toMatch(/JH[0-9A-F]{12}/);
    expect(await page.getByTestId('bank-note').textContent()).toContain('银行');
    // handed to the printer (finished, or still rendering on a busy machine)
    expect(await page.getByTestId('receipt-note').getAttribute('data-receipt')).toMatch(
      /^print(ed|ing)$/,
    );
    await screenshot(page, 'activation-pending-zh-portrait');
    expect(await seriousViolations(page)).toEqual([]);
    await call('prefs.set', { language: 'en', largeText: true });
    await expect
      .poll(() => page.getByTestId('pin-change-title').textContent())
      .toContain('works now');
    await screenshot(page, 'activation-pending-en-large-portrait');

    // Back to the menu (before the idle countdown): the card now serves as an active card.
    await page.getByTestId('btn-pin-change-menu').click();
    await page.locator('[data-testid="session-panel"][data-disposition="normal"]').waitFor();
    const cardNumber = cardNumberOf(SEALED);
    expect((await centralRows(cardNumber)).status).toBe('sealed');
    await proxy.set('none');
    await expect
      .poll(async () => (await centralRows(cardNumber)).status, { timeout: 90_000, interval: 500 })
      .toBe('active');
    // Exactly once: one activation applied, one "activated" event for the card.
    await new Promise((r) => setTimeout(r, 3_000));
    const rows = await centralRows(cardNumber);
    expect(rows.ops.activation).toBe(1);
    expect(rows.events.filter((e) => e === 'activated at kiosk')).toHaveLength(1);

    await page.close();
  }, 180_000);

  it('change PIN of the activated card: confirmed, receipt printed, pin_changed recorded once', async () => {
    const page = await open(LANDSCAPE);
    await call('prefs.set', { language: 'en', largeText: false });
    await insert(page, SEALED, 'normal');
    await page.getByTestId('btn-change-pin').click();
    await waitState(page, 'old');
    await typePin(page, ACTIVATED);
    await waitState(page, 'new');
    await screenshot(page, 'change-pin-new-en-landscape');
    await typePin(page, ACTIVATED);
    await page.locator('[data-reason="same_as_current"]').waitFor();
    expect(await page.getByTestId('policy-reason').textContent()).toContain('differ from the old');
    await typePin(page, CHANGED);
    await waitState(page, 'again');
    await typePin(page, CHANGED);
    const outcome = page.locator('[data-testid="screen-pin-change"][data-state="outcome"]');
    await outcome.waitFor({ timeout: 30_000 });
    expect(await outcome.getAttribute('data-ending')).toBe('changed');
    expect(await page.getByTestId('pin-change-title').textContent()).toContain('changed');
    expect(await page.getByTestId('pin-change-reference').textContent()).toMatch(/MM[0-9A-F]{12}/);
    await screenshot(page, 'change-pin-confirmed-en-landscape');
    expect(await seriousViolations(page)).toEqual([]);
    await expect
      .poll(async () => (await centralRows(cardNumberOf(SEALED))).ops.pin_changed)
      .toBe(1);
    // The card took the new PIN: the inquiry PIN screen accepts it.
    expect((await call('session.verifyPin', { pin: CHANGED })).ok).toBe(true);
    await page.close();
  }, 120_000);

  it('card pulled after CHANGE PIN while the centre is unreachable: the screen says the PIN changed and the record follows', async () => {
    const page = await open();
    await insert(page, 'active-2', 'normal');
    await page.getByTestId('btn-change-pin').click();
    await typePin(page, ACTIVE2);
    await typePin(page, ACTIVE2_NEW);
    await waitState(page, 'again');
    const before = (await centralRows(cardNumberOf('active-2'))).ops.pin_changed ?? 0;
    await proxy.set('down');
    await typePin(page, ACTIVE2_NEW);
    await waitState(page, 'confirming');
    expect(await state(page)).toBe('confirming');
    await call('demo.removeCard');
    const outcome = page.locator('[data-testid="screen-pin-change"][data-state="outcome"]');
    await outcome.waitFor({ timeout: 30_000 });
    expect(await outcome.getAttribute('data-ending')).toBe('change_pending');
    expect(await page.getByTestId('pin-change-body').textContent()).toContain('新密码现在即可使用');
    await screenshot(page, 'change-pin-pulled-after-zh-portrait');
    await page.getByTestId('btn-pin-change-done').click();
    await page.getByTestId('screen-attract').waitFor();
    await proxy.set('none');
    await expect
      .poll(async () => (await centralRows(cardNumberOf('active-2'))).ops.pin_changed ?? 0, {
        timeout: 90_000,
        interval: 500,
      })
      .toBe(before + 1);
    // The card has the new PIN.
    await insert(page, 'active-2', 'normal');
    expect((await call('session.verifyPin', { pin: ACTIVE2_NEW })).ok).toBe(true);
    await page.close();
  }, 180_000);

  it('re-check after a lost CHANGE PIN answer: a wrong new PIN settles nothing, tries left and the offer of the previous PIN; the previous PIN says "not changed" (portrait zh, landscape en)', async () => {
    // active-2's PIN is ACTIVE2_NEW by now.
    const before = (await centralRows(cardNumberOf('active-2'))).ops.pin_changed ?? 0;
    for (const pass of [
      { viewport: PORTRAIT, language: 'zh-CN', name: 'zh-portrait' },
      { viewport: LANDSCAPE, language: 'en', name: 'en-landscape' },
      { viewport: LANDSCAPE, language: 'zh-CN', name: 'zh-landscape-large', largeText: true },
    ] as const) {
      const page = await openRecheck('active-2', pass);
      const screen = page.getByTestId('screen-pin-change');
      expect(await page.getByTestId('recheck-offer').count()).toBe(0);
      // A mistyped new PIN: tries left, the entry stays, the previous PIN offered.
      await typePin(page, WRONG_A);
      await page.getByTestId('recheck-offer').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('pin-warning').textContent()).toMatch(/2/);
      expect(await page.getByTestId('recheck-offer').textContent()).toContain(
        pass.language === 'en' ? 'enter your previous PIN' : '请输入原来的密码',
      );
      expect(await call('pin.recheckNeeded')).toEqual({ ok: true, value: { purpose: 'change' } });
      await screenshot(page, `pin-recheck-wrong-new-${pass.name}`);
      expect(await seriousViolations(page)).toEqual([]);
      // To the previous PIN and back, then the previous PIN.
      await page.getByTestId('btn-recheck-old').click();
      expect(await screen.getAttribute('data-which')).toBe('old');
      await screenshot(page, `pin-recheck-old-${pass.name}`);
      await page.getByTestId('btn-recheck-new').click();
      expect(await screen.getAttribute('data-which')).toBe('new');
      await page.getByTestId('btn-recheck-old').click();
      await typePin(page, ACTIVE2_NEW);
      const outcome = page.locator('[data-testid="screen-pin-change"][data-state="outcome"]');
      await outcome.waitFor({ timeout: 30_000 });
      expect(await outcome.getAttribute('data-ending')).toBe('recheck_not_changed');
      await screenshot(page, `pin-recheck-not-changed-${pass.name}`);
      expect(await call('pin.recheckNeeded')).toEqual({ ok: true, value: { purpose: null } });
      await page.close();
      await call('demo.removeCard');
    }
    expect((await centralRows(cardNumberOf('active-2'))).ops.pin_changed ?? 0).toBe(before);
    await call('prefs.set', { language: 'zh-CN', largeText: false });
  }, 240_000);

  it('re-check that blocks the card: "PIN blocked, cannot tell whether it changed, go to the counter"; the re-check entry kept; nothing recorded (new PINs zh portrait, previous PIN en landscape)', async () => {
    const sync = await app.sync;
    if (!sync) throw new Error('no central sync');
    // What the kiosk recorded: operations waiting in its outbox, and those the central service
    // applied (anything recorded while the centre is reachable is delivered at once).
    const recorded = async () => {
      const { ops } = await centralRows(cardNumberOf('active-2'));
      return {
        pending: sync.store.outbox.pendingKeys().sort(),
        pin_changed: ops.pin_changed ?? 0,
        activation: ops.activation ?? 0,
      };
    };
    for (const pass of [
      // every try spent on "the new PIN"
      {
        persona: 'active-2',
        viewport: PORTRAIT,
        language: 'zh-CN',
        name: 'zh-portrait',
        wrong: [
          ['new', WRONG_A],
          ['new', WRONG_B],
          ['new', WRONG_C],
        ],
        then: { language: 'en', largeText: true, name: 'en-large-portrait' },
      },
      // a wrong new PIN, then the last two tries on "my previous PIN"
      {
        persona: 'name-extension',
        viewport: LANDSCAPE,
        language: 'en',
        name: 'en-landscape',
        wrong: [
          ['new', WRONG_A],
          ['old', WRONG_B],
          ['old', WRONG_C],
        ],
        then: {
          language: 'zh-CN',
          largeText: true,
          name: 'zh-large-landscape',
        },
      },
    ] as const) {
      const before = await recorded();
      const page = await openRecheck(pass.persona, pass);
      const screen = page.getByTestId('screen-pin-change');
      for (const [i, [which, pin]] of pass.wrong.entries()) {
        if ((await screen.getAttribute('data-which')) !== which)
          await page.getByTestId(`btn-recheck-${which}`).click();
        expect(await screen.getAttribute('data-which')).toBe(which);
        await typePin(page, pin);
        if (i === pass.wrong.length - 1) break;
        // tries left shown; the last one announced as the last
        await page
          .locator(
            `[data-testid="screen-pin-change"][data-state="recheck"] [data-testid="pin-warning"]`,
          )
          .waitFor({ timeout: 30_000 });
        await expect
          .poll(() => page.getByTestId('pin-warning').textContent())
          .toContain(i === 0 ? '2' : pass.language === 'en' ? 'Only 1 try left' : '只剩最后 1 次');
      }
      const outcome = page.locator('[data-testid="screen-pin-change"][data-state="outcome"]');
      await outcome.waitFor({ timeout: 30_000 });
      expect(await outcome.getAttribute('data-ending')).toBe('recheck_blocked');
      const text = {
        'zh-CN': { title: '卡片密码已被锁定', body: ['无法确定密码是否已修改', '人工窗口'] },
        en: {
          title: 'The PIN is blocked',
          body: ['cannot tell whether it changed', 'service counter'],
        },
      } as const;
      const expectText = async (language: 'zh-CN' | 'en') => {
        await expect
          .poll(() => page.getByTestId('pin-change-title').textContent())
          .toBe(text[language].title);
        const body = (await page.getByTestId('pin-change-body').textContent()) ?? '';
        for (const words of text[language].body) expect(body).toContain(words);
      };
      await expectText(pass.language);
      // No reference, no receipt, no bank note: nothing was done. The card is still in.
      expect(await page.getByTestId('pin-change-reference').count()).toBe(0);
      expect(await page.getByTestId('receipt-note').count()).toBe(0);
      expect(await page.getByTestId('bank-note').count()).toBe(0);
      await page.getByTestId('btn-pin-change-menu').waitFor();
      await screenshot(page, `pin-recheck-blocked-${pass.name}`);
      expect(await seriousViolations(page)).toEqual([]);

      // The card says so too; the kiosk still does not know, so the entry stays; nothing recorded.
      expect(await call('card.pinState')).toEqual({ ok: true, value: { state: 'blocked' } });
      expect(await call('pin.recheckNeeded')).toEqual({ ok: true, value: { purpose: 'change' } });
      expect(await recorded()).toEqual(before);

      // The other language (large text) on the same ending.
      await call('prefs.set', { language: pass.then.language, largeText: pass.then.largeText });
      await expectText(pass.then.language);
      await screenshot(page, `pin-recheck-blocked-${pass.then.name}`);
      expect(await seriousViolations(page)).toEqual([]);

      // Taken out and back in: the entry outlives the session (the counter settles it).
      await call('demo.removeCard');
      await page.getByTestId('btn-pin-change-done').waitFor();
      await insert(page, pass.persona, 'normal');
      await screenshot(page, `pin-recheck-blocked-reinserted-${pass.then.name}`);
      expect(await call('pin.recheckNeeded')).toEqual({ ok: true, value: { purpose: 'change' } });
      // Checking again tells the blocked ending at once: no keypad to type into for nothing.
      await page.getByTestId('btn-pin-recheck').click();
      await outcome.waitFor();
      expect(await outcome.getAttribute('data-ending')).toBe('recheck_blocked');
      await page.getByTestId('btn-pin-change-menu').click();
      await page.getByTestId('btn-pin-recheck').waitFor();
      await page.close();
      await call('demo.removeCard');
      expect(await recorded()).toEqual(before);
    }
    await call('prefs.set', { language: 'zh-CN', largeText: false });
  }, 240_000);

  it('R7: no PIN in the kiosk log, store files, journal or receipts; no full ID number', () => {
    const printouts = join(config.dataDir, 'printouts');
    expect(readdirSync(printouts).filter((n) => n.endsWith('.pdf')).length).toBeGreaterThanOrEqual(
      3,
    );
    // The central configuration the kiosk keeps names the issuer's default initial PIN
    // (pinPolicy.initialPin): public policy data, not a citizen's PIN.
    const policyFile = (f: string) => f.endsWith('central-remote.json');
    for (const pin of [
      INITIAL,
      ACTIVATED,
      CHANGED,
      ACTIVE2,
      ACTIVE2_NEW,
      WRONG_A,
      WRONG_B,
      WRONG_C,
    ]) {
      const hits = filesContaining(config.dataDir, pin).filter(
        (f) => !(pin === INITIAL && policyFile(f)),
      );
      expect({ pin, hits }).toEqual({ pin, hits: [] });
    }
    for (const persona of [SEALED, 'active-2']) {
      const idNumber = findPersona(persona)?.card?.idNumber ?? '';
      expect(idNumber).toHaveLength(18);
      expect(filesContaining(config.dataDir, idNumber)).toEqual([]);
    }
  });
});
