/**
 * Attendant maintenance mode end to end on the web host: the hidden gesture, the passcode and
 * its lockout, the dashboard reflecting conditions we cause (central service down, outbox
 * filled while offline, CUPS queue stopped), actions and their effects (out of service on the
 * attract screen and in the heartbeat the central service receives, test print into CUPS,
 * reprint), settings across a restart, a diagnostics bundle without personal data, and the
 * audit chain verified and then caught after an entry is edited on disk.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { ALL_FUNCTIONS } from '../../electron/attendant-contract';
import { startTestCentral, testKiosk, type TestCentral } from '../../electron/central/test-support';
import { findPersona } from '../../electron/devices/card/personas';
import { createLogger } from '../../electron/log';
import { cardListEntry, newCardList } from '../../electron/services/attendant/card-list';
import { DEMO_PASSCODE } from '../../electron/services/attendant/passcode';
import { openKioskStore, storeConfigSchema } from '../../electron/store';
import { startCups, type CupsHarness } from '../system/cups-harness';
import { LANDSCAPE, PORTRAIT, launchBrowser, newPage, screenshot } from '../support/browser';
import { seriousViolations } from '../support/e2e';
import { centralOnline, startKiosk, type RunningKiosk } from '../support/kiosk';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The real app on the web host, with a log file (the diagnostics bundle reads it). */
async function start(overrides: Record<string, unknown>, dataDir?: string): Promise<RunningKiosk> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-attendant-'));
  const log = { file: join(dir, 'logs', 'kiosk.log'), level: 'debug' } as const;
  return startKiosk(
    {
      dataDir: dir,
      log,
      // A 1 s hold keeps the other tests short; the entry tests use the real 3 s default.
      attendant: { gesture: { holdSeconds: 1 } },
      ...overrides,
    },
    { log: createLogger(log) },
  );
}

async function open(kiosk: RunningKiosk, viewport: { width: number; height: number } = PORTRAIT) {
  const page = await newPage(browser, viewport);
  await page.goto(kiosk.host.url);
  await page.getByTestId('screen-attract').or(page.getByTestId('screen-out-of-service')).waitFor();
  return page;
}

/** Presses and holds the gesture corner (top right by default) for `ms`. */
async function holdCorner(page: Page, ms: number): Promise<void> {
  const box = await page.getByTestId('attendant-corner').boundingBox();
  if (!box) throw new Error('no attendant corner');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

async function typePasscode(page: Page, passcode: string): Promise<void> {
  for (const d of passcode) await page.getByTestId(`attendant-keypad-key-${d}`).click();
}

async function enter(page: Page): Promise<void> {
  await holdCorner(page, 1200);
  await page.getByTestId('attendant-passcode').waitFor();
  await typePasscode(page, DEMO_PASSCODE);
  await page.getByTestId('attendant-dashboard').waitFor();
}

const health = (page: Page, item: string) =>
  page.getByTestId(`dash-${item}`).getAttribute('data-health');

function deadPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 1));
    });
  });
}

describe('entry', () => {
  let kiosk: RunningKiosk;
  beforeAll(async () => {
    kiosk = await start({ attendant: {} });
  });
  afterAll(async () => {
    await kiosk.close();
  });

  it('a short touch does nothing; a 3 s hold opens the passcode keypad', async () => {
    const page = await open(kiosk);
    await holdCorner(page, 600);
    await page.waitForTimeout(2800);
    expect(await page.getByTestId('attendant-passcode').count()).toBe(0);
    await holdCorner(page, 3200);
    await page.getByTestId('attendant-passcode').waitFor();
    await page.getByTestId('attendant-cancel').click();
    await page.getByTestId('screen-attract').waitFor();
    await page.close();
  });

  it('no way in while a citizen card is in the slot (the main side refuses too)', async () => {
    const page = await open(kiosk);
    await kiosk.app.dispatch({
      id: 1,
      command: 'demo.insertCard',
      payload: { cardId: 'active-2' },
    });
    await expect.poll(() => page.getByTestId('attendant-corner').count()).toBe(0);
    const r = await kiosk.app.dispatch({
      id: 2,
      command: 'attendant.enter',
      payload: { passcode: DEMO_PASSCODE },
    });
    expect(r.result).toMatchObject({ ok: false, error: { code: 'citizen_session_active' } });
    await kiosk.app.dispatch({ id: 3, command: 'demo.removeCard', payload: {} });
    await page.close();
  });

  it('five wrong passcodes lock entry: even the right passcode is refused then', async () => {
    const page = await open(kiosk);
    await holdCorner(page, 3200);
    await page.getByTestId('attendant-passcode').waitFor();
    for (let i = 1; i <= 4; i += 1) {
      await typePasscode(page, '00000000');
      await expect
        .poll(() => page.getByTestId('attendant-passcode-error').innerText())
        .toContain(`还可尝试 ${5 - i} 次`);
    }
    await typePasscode(page, '00000000');
    await expect
      .poll(() => page.getByTestId('attendant-passcode-error').innerText())
      .toContain('已锁定');
    await typePasscode(page, DEMO_PASSCODE);
    await expect
      .poll(() => page.getByTestId('attendant-passcode-error').innerText())
      .toContain('已锁定');
    expect(await page.getByTestId('attendant-screen').count()).toBe(0);
    await screenshot(page, 'attendant-locked-portrait');
    await page.close();
  });
});

describe('with the central service', () => {
  let central: TestCentral;
  let dataDir: string;
  let kioskId: string;
  beforeAll(async () => {
    central = await startTestCentral();
    // Enrolled beforehand (as at installation); two operations recorded and never delivered.
    dataDir = mkdtempSync(join(tmpdir(), 'kiosk-attendant-central-'));
    const k = await testKiosk({ central, dir: dataDir });
    kioskId = k.engine.enrolment()?.kioskId ?? '';
    for (const n of ['A00000001', 'A00000002'])
      await k.store.outbox.record({ kind: 'pin_changed', payload: { cardNumber: n } });
    await k.close();
  });
  afterAll(async () => {
    await central.close();
  });

  it('central service unreachable, outbox filled while offline: red and amber on the dashboard', async () => {
    const kiosk = await start(
      { central: { mode: 'remote', baseUrl: `http://127.0.0.1:${await deadPort()}` } },
      dataDir,
    );
    try {
      for (const [name, viewport] of [
        ['portrait', PORTRAIT],
        ['landscape', LANDSCAPE],
      ] as const) {
        const page = await open(kiosk, viewport);
        await enter(page);
        await expect.poll(() => health(page, 'central'), { timeout: 20_000 }).toBe('red');
        expect(await page.getByTestId('dash-central-state').innerText()).toBe('离线');
        expect(await page.getByTestId('dash-outbox-depth').innerText()).toBe('2');
        expect(await health(page, 'outbox')).toBe('amber');
        expect(await page.getByTestId('dash-central').innerText()).toContain(kioskId);
        expect(await page.getByTestId('dash-central').innerText()).toContain('故障');
        await screenshot(page, `attendant-dashboard-degraded-${name}`);
        await page.getByTestId('attendant-leave').click();
        await page.close();
      }
    } finally {
      await kiosk.close();
    }
  });

  it('online: green, sync now drains the outbox; out of service shows on the attract screen and in the heartbeat', async () => {
    const kiosk = await start({ central: { mode: 'remote', baseUrl: central.url } }, dataDir);
    try {
      const page = await open(kiosk);
      await enter(page);
      await expect.poll(() => health(page, 'central'), { timeout: 20_000 }).toBe('green');
      await page.getByTestId('attendant-tab-actions').click();
      await page.getByTestId('att-sync').click();
      await expect
        .poll(() => page.getByTestId('attendant-result').getAttribute('data-action'))
        .toBe('sync_now');
      await page.getByTestId('attendant-tab-dashboard').click();
      await expect
        .poll(() => page.getByTestId('dash-outbox-depth').innerText(), { timeout: 20_000 })
        .toBe('0');
      expect(await health(page, 'hotlist')).toBe('green');
      for (const [name, viewport] of [
        ['portrait', PORTRAIT],
        ['landscape', LANDSCAPE],
      ] as const) {
        await page.setViewportSize(viewport);
        await expect.poll(() => health(page, 'central')).toBe('green');
        await screenshot(page, `attendant-dashboard-healthy-${name}`);
      }
      await page.setViewportSize(PORTRAIT);

      await page.getByTestId('attendant-tab-actions').click();
      await page.getByTestId('att-oos-message').fill('设备维护中，请到3号窗口');
      await page.getByTestId('att-oos').click();
      await expect
        .poll(() => page.getByTestId('attendant-result').getAttribute('data-action'))
        .toBe('out_of_service');
      await expect
        .poll(() => page.getByTestId('attendant-result').getAttribute('data-ok'))
        .toBe('true');
      const rows = await central.db.query<{ last_heartbeat: unknown }>(
        'SELECT last_heartbeat FROM kiosks WHERE id = $1',
        [kioskId],
      );
      const beat = rows[0]?.last_heartbeat;
      const report = (typeof beat === 'string' ? JSON.parse(beat) : beat) as {
        outOfService: boolean;
      };
      expect(report.outOfService).toBe(true);
      await page.getByTestId('attendant-leave').click();
      await page.getByTestId('screen-out-of-service').waitFor();
      expect(await page.getByTestId('screen-out-of-service').innerText()).toContain(
        '设备维护中，请到3号窗口',
      );
      await screenshot(page, 'attendant-out-of-service-attract-portrait');

      // Back in service, from the out-of-service screen (the corner is there too).
      await enter(page);
      await page.getByTestId('attendant-tab-actions').click();
      await page.getByTestId('att-oos').click();
      await expect
        .poll(async () => {
          const r = await central.db.query<{ last_heartbeat: unknown }>(
            'SELECT last_heartbeat FROM kiosks WHERE id = $1',
            [kioskId],
          );
          const b = r[0]?.last_heartbeat;
          return ((typeof b === 'string' ? JSON.parse(b) : b) as { outOfService: boolean })
            .outOfService;
        })
        .toBe(false);
      await page.getByTestId('attendant-leave').click();
      await page.getByTestId('screen-attract').waitFor();
      await page.close();
    } finally {
      await kiosk.close();
    }
  });
});

describe('accessibility (axe, serious and critical)', () => {
  let kiosk: RunningKiosk;
  beforeAll(async () => {
    kiosk = await start({});
  });
  afterAll(async () => {
    await kiosk.close();
  });

  it('passcode keypad, dashboard, actions, settings and audit view have no serious findings', async () => {
    const page = await open(kiosk);
    const found: Record<string, string[]> = {};
    await holdCorner(page, 1200);
    await page.getByTestId('attendant-passcode').waitFor();
    found.passcode = await seriousViolations(page);
    // With the "wrong passcode" message up as well.
    await typePasscode(page, '11111111');
    await page.getByTestId('attendant-passcode-error').waitFor();
    found.passcodeWrong = await seriousViolations(page);
    await screenshot(page, 'attendant-passcode-wrong-portrait');
    await typePasscode(page, DEMO_PASSCODE);
    await page.getByTestId('attendant-dashboard').waitFor();
    found.dashboard = await seriousViolations(page);
    await page.setViewportSize(LANDSCAPE);
    await screenshot(page, 'attendant-dashboard-landscape');
    await page.setViewportSize(PORTRAIT);
    await page.getByTestId('attendant-tab-actions').click();
    await page.getByTestId('attendant-actions').waitFor();
    found.actions = await seriousViolations(page);
    await page.getByTestId('attendant-tab-settings').click();
    await page.getByTestId('attendant-settings').waitFor();
    found.settings = await seriousViolations(page);
    await screenshot(page, 'attendant-settings-portrait');
    await page.getByTestId('attendant-tab-audit').click();
    await page.getByTestId('att-audit-entry').first().waitFor();
    found.audit = await seriousViolations(page);
    await screenshot(page, 'attendant-audit-portrait');
    expect(found).toEqual({
      passcode: [],
      passcodeWrong: [],
      dashboard: [],
      actions: [],
      settings: [],
      audit: [],
    });
    await page.getByTestId('attendant-leave').click();
    await page.close();
  });
});

describe('enabled functions per site type', () => {
  let kiosk: RunningKiosk;
  beforeAll(async () => {
    // The embedded central service: it is what says a card is sealed (activation offered).
    kiosk = await start({ central: { mode: 'embedded' } });
    await centralOnline(kiosk);
  }, 240_000);
  afterAll(async () => {
    await kiosk.close();
  });
  let id = 100;
  const call = async (command: string, payload: unknown = {}) =>
    (await kiosk.app.dispatch({ id: ++id, command, payload })).result;

  /** Ticks (or unticks) functions for the bureau hall (this kiosk's site type) and saves. */
  async function setFunctions(page: Page, on: boolean, fns: readonly string[]): Promise<void> {
    await enter(page);
    await page.getByTestId('attendant-tab-settings').click();
    for (const fn of fns) {
      const box = page.getByTestId(`att-set-fn-bureau_hall-${fn}`);
      if (on) await box.check();
      else await box.uncheck();
    }
    await page.getByTestId('att-set-save').click();
    await page.getByTestId('att-set-saved').waitFor();
    await page.getByTestId('attendant-leave').click();
    await page.getByTestId('screen-attract').waitFor();
  }

  it('switched off: gone from the attract screen and the session panel, refused by the main side (also from a stale page); on again: back', async () => {
    const off = ['loss_report', 'guide', 'activation', 'change_pin'] as const;
    // A second visitor page opened before the change still shows the old buttons.
    const stale = await open(kiosk);
    const page = await open(kiosk);
    await setFunctions(page, false, off);

    await expect.poll(() => page.getByTestId('btn-report-lost').count()).toBe(0);
    expect(await page.getByTestId('btn-guide').count()).toBe(0);
    await screenshot(page, 'attendant-functions-off-attract-portrait');
    await page.setViewportSize(LANDSCAPE);
    await screenshot(page, 'attendant-functions-off-attract-landscape');
    await page.setViewportSize(PORTRAIT);
    expect(await stale.getByTestId('btn-report-lost').count()).toBe(1);
    expect(
      await call('loss.start', { idNumber: '11010519491231002X', name: '张三' }),
    ).toMatchObject({ ok: false, error: { code: 'function_disabled', function: 'loss_report' } });

    // A sealed card: no activation here, said in words; the stale page's button is refused.
    await call('demo.insertCard', { cardId: 'sealed-3' });
    const panel = page.locator('[data-testid="session-panel"][data-disposition="sealed"]');
    await panel.waitFor();
    expect(await page.getByTestId('btn-activate').count()).toBe(0);
    expect(await page.getByTestId('function-off').getAttribute('data-function')).toBe('activation');
    expect(await page.getByTestId('function-off').innerText()).toContain('启用社保卡');
    await screenshot(page, 'attendant-functions-off-session-portrait');
    await stale.locator('[data-testid="session-panel"][data-disposition="sealed"]').waitFor();
    await stale.getByTestId('btn-activate').click();
    await stale.getByTestId('btn-activation-start').click();
    for (const d of findPersona('sealed-3')?.pin ?? '123456')
      await stale.getByTestId(`keypad-key-${d}`).click();
    const submit = stale.getByTestId('keypad-submit');
    if (await submit.isVisible()) await submit.click();
    const unavailable = stale.locator(
      '[data-testid="screen-unavailable"][data-function="activation"]',
    );
    await unavailable.waitFor();
    expect(await unavailable.innerText()).toContain('启用社保卡');
    await screenshot(stale, 'attendant-functions-off-stale-refused-portrait');
    // Back to the card's panel, which now knows the setting.
    await stale.getByTestId('btn-home').click();
    await stale.getByTestId('function-off').waitFor();
    await call('demo.removeCard');
    await page.getByTestId('screen-attract').waitFor();
    // An active card: inquiry stays, changing the PIN is not offered here.
    await call('demo.insertCard', { cardId: 'active-2' });
    await page.locator('[data-testid="session-panel"][data-disposition="normal"]').waitFor();
    await page.getByTestId('btn-inquiry').waitFor();
    expect(await page.getByTestId('btn-change-pin').count()).toBe(0);
    expect(await page.getByTestId('function-off').getAttribute('data-function')).toBe('change_pin');
    await call('demo.removeCard');
    await page.getByTestId('screen-attract').waitFor();

    await setFunctions(page, true, off);
    await page.getByTestId('btn-report-lost').waitFor();
    await page.getByTestId('btn-guide').waitFor();
    await call('demo.insertCard', { cardId: 'sealed-3' });
    await page.getByTestId('btn-activate').waitFor();
    expect(await page.getByTestId('function-off').count()).toBe(0);
    expect(await call('app.info')).toMatchObject({
      ok: true,
      value: { enabledFunctions: [...ALL_FUNCTIONS] },
    });
    await call('demo.removeCard');
    await stale.close();
    await page.close();
  }, 120_000);
});

describe('settings, diagnostics, audit', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-attendant-settings-'));

  it('settings persist across a restart and take effect', async () => {
    let kiosk = await start({}, dataDir);
    let page = await open(kiosk);
    await enter(page);
    await page.getByTestId('attendant-tab-settings').click();
    await page.getByTestId('att-set-idle').fill('90');
    await page.getByTestId('att-set-language').selectOption('en');
    await page.getByTestId('att-set-shuffled').check();
    await page.getByTestId('att-set-fn-bureau_hall-activation').uncheck();
    await screenshot(page, 'attendant-settings-portrait');
    await page.getByTestId('att-set-save').click();
    await page.getByTestId('att-set-saved').waitFor();
    await page.close();
    await kiosk.close();

    kiosk = await start({}, dataDir);
    try {
      const info = await kiosk.app.dispatch({ id: 1, command: 'app.info', payload: {} });
      expect(info.result).toMatchObject({
        ok: true,
        value: {
          defaultLanguage: 'en',
          ui: { idleTimeoutSeconds: 90, shuffledKeypad: true },
          enabledFunctions: ALL_FUNCTIONS.filter((f) => f !== 'activation'),
        },
      });
      page = await open(kiosk);
      // The new default language greets the next visitor.
      await expect.poll(() => page.locator('h1').first().innerText()).toContain('insert');
      await enter(page);
      await page.getByTestId('attendant-tab-settings').click();
      expect(await page.getByTestId('att-set-idle').inputValue()).toBe('90');
      expect(await page.getByTestId('att-set-shuffled').isChecked()).toBe(true);
      await page.close();
    } finally {
      await kiosk.close();
    }
  });

  it('the diagnostics bundle holds status, config and logs but no personal data', async () => {
    const kiosk = await start({}, dataDir);
    try {
      const persona = findPersona('active-2');
      const card = persona?.card;
      if (!persona || !card) throw new Error('no persona active-2');
      const page = await open(kiosk);
      // A citizen visit first: the card is read (number, name on the card) and removed.
      await kiosk.app.dispatch({
        id: 1,
        command: 'demo.insertCard',
        payload: { cardId: 'active-2' },
      });
      await expect
        .poll(async () => {
          const r = await kiosk.app.dispatch({ id: 2, command: 'card.current', payload: {} });
          return r.result.ok && (r.result.value as { state: string }).state;
        })
        .toBe('read');
      await kiosk.app.dispatch({ id: 3, command: 'demo.removeCard', payload: {} });
      await page.getByTestId('screen-attract').waitFor();
      await enter(page);
      await page.getByTestId('attendant-tab-actions').click();
      await page.getByTestId('att-diagnostics').click();
      await expect
        .poll(() => page.getByTestId('attendant-result').getAttribute('data-action'))
        .toBe('diagnostics');
      await expect
        .poll(() => page.getByTestId('attendant-result').getAttribute('data-ok'))
        .toBe('true');
      const folder = (await page.getByTestId('attendant-result').innerText())
        .replace(/^✓\s*/, '')
        .trim();
      const files = readdirSync(folder).sort();
      expect(files).toEqual(['audit.json', 'config.json', 'kiosk.log', 'status.json']);
      const all = files.map((f) => readFileSync(join(folder, f), 'utf8')).join('\n');
      expect(readFileSync(join(folder, 'kiosk.log'), 'utf8').length).toBeGreaterThan(100);
      expect(all).toContain('"appVersion"');
      const secrets = [card.cardNumber, card.idNumber, card.name, persona.pin];
      for (const s of secrets)
        expect(all.includes(s), `bundle contains ${s.slice(0, 2)}…`).toBe(false);
      await page.close();
    } finally {
      await kiosk.close();
    }
  });

  it('the audit view verifies the chain, and catches an entry edited on disk', async () => {
    let kiosk = await start({}, dataDir);
    let page = await open(kiosk);
    await enter(page);
    await page.getByTestId('attendant-tab-audit').click();
    await expect
      .poll(() => page.getByTestId('att-audit-verification').getAttribute('data-ok'))
      .toBe('true');
    const actions = await page
      .getByTestId('att-audit-entry')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(
      expect.arrayContaining([
        'attendant.enter',
        'attendant.setting',
        'attendant.action',
        'attendant.leave',
      ]),
    );
    await screenshot(page, 'attendant-audit-verified-portrait');
    await page.close();
    await kiosk.close();

    // Someone edits entry 2 in the database while the kiosk is off.
    const opened = await openKioskStore({
      config: storeConfigSchema.parse({ dataDir: join(dataDir, 'store') }),
      log: createLogger({ level: 'silent' }),
    });
    if (!opened.ok) throw new Error(opened.error.kind);
    const edited = await opened.value.store.transaction((tx) => {
      tx.run(`UPDATE audit_log SET action = 'attendant.nothing_happened' WHERE seq = 2`);
      return true;
    });
    expect(edited.ok).toBe(true);
    await opened.value.close();

    kiosk = await start({}, dataDir);
    try {
      page = await open(kiosk);
      await enter(page);
      await page.getByTestId('attendant-tab-audit').click();
      await expect
        .poll(() => page.getByTestId('att-audit-verification').getAttribute('data-ok'))
        .toBe('false');
      expect(await page.getByTestId('att-audit-verification').innerText()).toContain('entry 2');
      await screenshot(page, 'attendant-audit-broken-portrait');
      await page.close();
    } finally {
      await kiosk.close();
    }
  });
});

describe('printing through CUPS', () => {
  let cups: CupsHarness;
  let kiosk: RunningKiosk;
  beforeAll(async () => {
    cups = await startCups();
    kiosk = await start({
      printer: {
        kind: 'cups',
        cups: { server: `ipp://127.0.0.1:${cups.port}`, queue: 'pdf', statusIntervalMs: 500 },
      },
    });
  });
  afterAll(async () => {
    await kiosk.close();
    await cups.stop();
  });

  const outputs = () => readdirSync(cups.outDir).filter((f) => f.endsWith('.pdf'));

  it('test print reaches CUPS, reprint prints it again; a stopped queue turns the printer red', async () => {
    const page = await open(kiosk);
    await enter(page);
    await expect.poll(() => health(page, 'printer'), { timeout: 15_000 }).toBe('amber'); // cups-pdf: paper unknown
    await page.getByTestId('attendant-tab-actions').click();
    await page.getByTestId('att-test-print').click();
    await expect
      .poll(() => page.getByTestId('attendant-result').getAttribute('data-ok'), { timeout: 60_000 })
      .toBe('true');
    expect(await page.getByTestId('attendant-result').innerText()).toContain('handed_to_printer');
    await expect.poll(() => outputs().length, { timeout: 30_000 }).toBe(1);

    const reprint = page.locator('[data-testid^="att-reprint-"]').first();
    await reprint.waitFor();
    await reprint.click();
    await expect
      .poll(() => page.getByTestId('attendant-result').getAttribute('data-action'), {
        timeout: 60_000,
      })
      .toBe('reprint');
    await expect
      .poll(() => page.getByTestId('attendant-result').getAttribute('data-ok'), { timeout: 60_000 })
      .toBe('true');
    await expect.poll(() => outputs().length, { timeout: 30_000 }).toBe(2);

    await cups.lp(['cupsdisable', 'pdf']);
    await page.getByTestId('attendant-tab-dashboard').click();
    await expect.poll(() => health(page, 'printer'), { timeout: 15_000 }).toBe('red');
    await expect
      .poll(() => page.getByTestId('dash-printer').innerText(), { timeout: 15_000 })
      .toContain('queue-stopped');
    expect(await page.getByTestId('dash-printer').innerText()).toContain('故障');
    await screenshot(page, 'attendant-dashboard-printer-stopped-portrait');
    await cups.lp(['cupsenable', 'pdf']);
    await expect.poll(() => health(page, 'printer'), { timeout: 15_000 }).toBe('amber');
    await page.close();
  });
});

describe('attendant card (card on the list + its PIN)', () => {
  const listed = findPersona('name-extension');
  const citizen = findPersona('active-2');
  let kiosk: RunningKiosk;
  beforeAll(async () => {
    if (!listed?.card || !citizen?.card) throw new Error('no demo persona');
    const list = newCardList();
    const entry = await cardListEntry(list, listed.card.cardNumber, 'staff 0417');
    kiosk = await start({
      attendant: { gesture: { holdSeconds: 1 }, cards: { ...list, entries: [entry] } },
    });
  });
  afterAll(async () => {
    await kiosk.close();
  });
  const call = async (command: string, payload: unknown = {}) =>
    (await kiosk.app.dispatch({ id: 1, command, payload })).result;

  it('gesture → a card not on the list is refused (no citizen screens) → the listed card and its PIN open the dashboard; audited, no card number logged', async () => {
    if (!listed?.card || !citizen?.card) throw new Error('no demo persona');
    const page = await open(kiosk);
    const found: Record<string, string[]> = {};
    await holdCorner(page, 1200);
    await page.getByTestId('attendant-card-hint').waitFor();
    expect(await page.getByTestId('attendant-card-hint').innerText()).toBe('或插入工作人员卡');
    found.hint = await seriousViolations(page);

    expect((await call('demo.insertCard', { cardId: citizen.id })).ok).toBe(true);
    await page.getByTestId('attendant-card-refused').waitFor();
    expect(await page.getByTestId('attendant-card-refused').innerText()).toBe(
      '这不是工作人员卡，请取出卡片',
    );
    expect(await page.getByTestId('screen-card').count()).toBe(0);
    expect(await call('session.state')).toEqual({ ok: true, value: { phase: 'idle' } });
    found.refused = await seriousViolations(page);
    await screenshot(page, 'attendant-card-refused-portrait');
    await page.setViewportSize(LANDSCAPE);
    await screenshot(page, 'attendant-card-refused-landscape');
    await page.setViewportSize(PORTRAIT);
    expect((await call('demo.removeCard')).ok).toBe(true);
    await page.getByTestId('attendant-card-hint').waitFor();

    expect((await call('demo.insertCard', { cardId: listed.id })).ok).toBe(true);
    await page.getByTestId('attendant-pin').waitFor();
    for (const d of '000000') await page.getByTestId(`attendant-pin-key-${d}`).click();
    await expect
      .poll(() => page.getByTestId('attendant-passcode-error').innerText())
      .toBe('密码错误，此卡还可尝试 2 次');
    found.wrongPin = await seriousViolations(page);
    await screenshot(page, 'attendant-card-pin-wrong-portrait');
    await page.setViewportSize(LANDSCAPE);
    await screenshot(page, 'attendant-card-pin-wrong-landscape');
    await page.setViewportSize(PORTRAIT);
    for (const d of listed.pin) await page.getByTestId(`attendant-pin-key-${d}`).click();
    await page.getByTestId('attendant-dashboard').waitFor();
    found.dashboard = await seriousViolations(page);
    expect(found).toEqual({ hint: [], refused: [], wrongPin: [], dashboard: [] });
    expect(await page.getByTestId('screen-card').count()).toBe(0);

    await page.getByTestId('attendant-tab-audit').click();
    await page.getByTestId('att-audit-entry').first().waitFor();
    const entries = await page.getByTestId('att-audit-entry').allInnerTexts();
    const text = entries.join('\n');
    expect(text).toContain('attendant.enter');
    expect(text).toContain('"method":"card"');
    expect(text).toContain('not_attendant_card');
    await page.getByTestId('attendant-leave').click();
    // The attendant's card is still in the slot: take it before the next citizen.
    await page.getByTestId('screen-take-card').waitFor();
    expect(await call('session.state')).toEqual({ ok: true, value: { phase: 'idle' } });
    expect((await call('demo.removeCard')).ok).toBe(true);
    await page.getByTestId('screen-attract').waitFor();
    await page.close();

    const logText = readFileSync(join(kiosk.config.dataDir, 'logs', 'kiosk.log'), 'utf8');
    expect(logText).toContain('attendant card checked');
    for (const secret of [listed.card.cardNumber, citizen.card.cardNumber, listed.pin])
      expect(logText).not.toContain(secret);
  });
});
