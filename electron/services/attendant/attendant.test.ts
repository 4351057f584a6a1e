import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskApp } from '../../app';
import { PERSONAS } from '../../../server/src/demo/personas';
import { silentLogger } from '../../log';
import { openKioskStore, storeConfigSchema, type KioskStore } from '../../store';
import { AttendantService } from './attendant-service';
import { attendantConfigSchema } from './config';
import { DEMO_PASSCODE, hashPasscode, parsePasscodeHash, verifyPasscode } from './passcode';
import { redactText, redactValue } from './redact';
import { contractApp } from './test-app';

const stores: KioskStore[] = [];
const apps: KioskApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const s of stores.splice(0)) await s.close();
});

async function store(dir: string): Promise<KioskStore> {
  const r = await openKioskStore({
    config: storeConfigSchema.parse({ dataDir: join(dir, 'store') }),
    log: silentLogger(),
  });
  if (!r.ok) throw new Error(r.error.kind);
  stores.push(r.value);
  return r.value;
}

describe('attendant passcode hash', () => {
  it('verifies the passcode it was made from and nothing else', async () => {
    const hash = await hashPasscode('12345678');
    expect(parsePasscodeHash(hash)).not.toBeNull();
    expect(hash).not.toContain('12345678');
    expect(await verifyPasscode('12345678', hash)).toBe(true);
    expect(await verifyPasscode('12345679', hash)).toBe(false);
    expect(await verifyPasscode('12345678', 'scrypt$3$8$1$x$y')).toBe(false);
  });

  it('the configuration refuses a value that is not such a hash', () => {
    expect(attendantConfigSchema.safeParse({ passcodeHash: '12345678' }).success).toBe(false);
  });
});

describe('AttendantService', () => {
  function service(
    dir: string,
    opts: { busy?: boolean; clock?: { t: number }; hash?: string } = {},
  ) {
    const clock = opts.clock ?? { t: 1_000_000 };
    return new AttendantService({
      config: attendantConfigSchema.parse(opts.hash ? { passcodeHash: opts.hash } : {}),
      mode: opts.hash ? 'production' : 'demo',
      statePath: join(dir, 'attendant-state.json'),
      log: silentLogger(),
      audit: async () => (await storeP(dir)).audit,
      citizenBusy: () => opts.busy ?? false,
      now: () => clock.t,
    });
  }
  const opened = new Map<string, Promise<KioskStore>>();
  const storeP = (dir: string) => {
    let p = opened.get(dir);
    if (!p) {
      p = store(dir);
      opened.set(dir, p);
    }
    return p;
  };

  it('5 wrong passcodes lock entry, also for the right one, across a restart; all audited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attendant-'));
    const clock = { t: 1_000_000 };
    const a = service(dir, { clock });
    for (let i = 1; i <= 4; i += 1) {
      const r = await a.enter('00000000');
      expect(r.ok ? null : r.error).toMatchObject({ code: 'wrong_passcode', triesLeft: 5 - i });
    }
    const fifth = await a.enter('00000000');
    expect(fifth.ok ? null : fifth.error).toMatchObject({
      code: 'attendant_locked',
      retryAfterSeconds: 300,
    });
    const b = service(dir, { clock }); // restarted
    const locked = await b.enter(DEMO_PASSCODE);
    expect(locked.ok ? null : locked.error.code).toBe('attendant_locked');
    clock.t += 301_000;
    expect((await b.enter(DEMO_PASSCODE)).ok).toBe(true);
    const audit = (await storeP(dir)).audit;
    expect(audit.entries().map((e) => e.action)).toEqual([
      'attendant.entry_failed',
      'attendant.entry_failed',
      'attendant.entry_failed',
      'attendant.entry_failed',
      'attendant.entry_failed',
      'attendant.locked',
      'attendant.entry_refused',
      'attendant.enter',
    ]);
    expect(audit.verify().ok).toBe(true);
  });

  it('refuses entry while a citizen session is active', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attendant-'));
    const r = await service(dir, { busy: true }).enter(DEMO_PASSCODE);
    expect(r.ok ? null : r.error.code).toBe('citizen_session_active');
  });

  it('the token is checked, and expires after inactivity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attendant-'));
    const clock = { t: 1_000_000 };
    const a = service(dir, { clock });
    const r = await a.enter(DEMO_PASSCODE);
    if (!r.ok) throw new Error(r.error.code);
    expect(a.check('ab'.repeat(32)).ok).toBe(false);
    expect(a.check(r.value.token).ok).toBe(true);
    clock.t += 119_000;
    expect(a.check(r.value.token).ok).toBe(true); // activity moves the deadline
    clock.t += 121_000;
    expect(a.check(r.value.token).ok).toBe(false);
    a.close();
  });

  it('with a configured hash the demo passcode no longer works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attendant-'));
    const a = service(dir, { hash: await hashPasscode('97531864') });
    expect((await a.enter(DEMO_PASSCODE)).ok).toBe(false);
    expect((await a.enter('97531864')).ok).toBe(true);
    a.close();
  });
});

describe('diagnostics redaction', () => {
  it('removes ID, card and phone numbers, PIN-like digits and secrets', () => {
    const text = redactText(
      'id 11010519491231002X card A12345678 phone 13800138000 pin 135790 at 2026-11-30T06:20:31.000Z',
    );
    expect(text).not.toMatch(/11010519491231002X|A12345678|13800138000|135790/);
    expect(text).toContain('2026-11-30T06:20:31.000Z');
    expect(
      redactValue({ attendant: { passcodeHash: 'scrypt$x' }, central: { secret: 's', ok: 'v' } }),
    ).toEqual({
      attendant: { passcodeHash: '[removed]' },
      central: { secret: '[removed]', ok: 'v' },
    });
  });
});

describe('attendant mode through the contract', () => {
  const app = (dir?: string) => contractApp({ central: { mode: 'off' } }, apps, dir);

  it('gates every attendant command on the token; enter → dashboard, settings, out of service, audit', async () => {
    const { call } = app();
    expect(await call('attendant.dashboard', { token: 'ab'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'attendant_required' },
    });
    const entered = await call('attendant.enter', { passcode: DEMO_PASSCODE });
    if (!entered.ok) throw new Error(entered.error.code);
    const { token } = entered.value as { token: string };
    const board = await call('attendant.dashboard', { token });
    expect(board).toMatchObject({
      ok: true,
      value: {
        reader: { health: 'green', device: 'online' },
        central: { state: 'not_configured' },
      },
    });
    const settings = await call('attendant.settings', { token });
    if (!settings.ok) throw new Error('settings');
    const next = { ...(settings.value as object), idleTimeoutSeconds: 90, shuffledKeypad: true };
    expect((await call('attendant.setSettings', { token, settings: next })).ok).toBe(true);
    const info = await call('app.info');
    expect(info).toMatchObject({
      ok: true,
      value: { ui: { idleTimeoutSeconds: 90, shuffledKeypad: true } },
    });
    expect(
      await call('attendant.outOfService', { token, active: true, message: '维护中' }),
    ).toMatchObject({ ok: true });
    expect(await call('device.status')).toMatchObject({
      ok: true,
      value: { service: { inService: false, reason: 'attendant', message: '维护中' } },
    });
    const diag = await call('attendant.diagnostics', { token, toFolder: true, print: false });
    if (!diag.ok) throw new Error('diagnostics');
    const folder = (diag.value as { folder: string }).folder;
    expect(readdirSync(folder).sort()).toEqual([
      'audit.json',
      'config.json',
      'kiosk.log',
      'status.json',
    ]);
    expect(readFileSync(join(folder, 'config.json'), 'utf8')).toContain('"dataDir"');
    const audit = await call('attendant.audit', { token });
    expect(audit).toMatchObject({ ok: true, value: { verification: { ok: true } } });
    const actions = (
      audit.ok ? (audit.value as { entries: { action: string }[] }).entries : []
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['attendant.enter', 'attendant.setting', 'attendant.out_of_service']),
    );
    expect((await call('attendant.action', { token, action: 'restart_app' })).ok).toBe(false);
    expect(await call('attendant.leave', { token })).toEqual({ ok: true, value: {} });
    expect((await call('attendant.dashboard', { token })).ok).toBe(false);
  });

  it('an idle timeout changed by the attendant is the one in force, across a restart; saving other settings does not pin it', async () => {
    const first = app();
    const enter = async (call: typeof first.call) => {
      const entered = await call('attendant.enter', { passcode: DEMO_PASSCODE });
      if (!entered.ok) throw new Error(entered.error.code);
      return (entered.value as { token: string }).token;
    };
    const idleInForce = async (call: typeof first.call) => {
      const info = await call('app.info');
      return info.ok
        ? (info.value as { ui: { idleTimeoutSeconds: number } }).ui.idleTimeoutSeconds
        : 0;
    };
    const setHere = (dataDir: string) =>
      (
        JSON.parse(readFileSync(join(dataDir, 'attendant-state.json'), 'utf8')) as {
          idleTimeoutSetHere: boolean;
        }
      ).idleTimeoutSetHere;

    let token = await enter(first.call);
    const current = await first.call('attendant.settings', { token });
    if (!current.ok) throw new Error('settings');
    const s = current.value as { idleTimeoutSeconds: number; shuffledKeypad: boolean };
    expect(s.idleTimeoutSeconds).toBe(60); // the configuration file's default
    // Another setting saved: the idle timeout is still nobody's choice here.
    expect(
      (
        await first.call('attendant.setSettings', {
          token,
          settings: { ...s, shuffledKeypad: !s.shuffledKeypad },
        })
      ).ok,
    ).toBe(true);
    expect(setHere(first.dataDir)).toBe(false);
    // Changed: in force for the renderer's countdown at once, and marked as the attendant's.
    expect(
      (
        await first.call('attendant.setSettings', {
          token,
          settings: { ...s, idleTimeoutSeconds: 90 },
        })
      ).ok,
    ).toBe(true);
    expect(await idleInForce(first.call)).toBe(90);
    expect(setHere(first.dataDir)).toBe(true);
    await first.a.close();
    apps.splice(apps.indexOf(first.a), 1);

    const again = app(first.dataDir);
    expect(await idleInForce(again.call)).toBe(90);
    token = await enter(again.call);
    expect(await again.call('attendant.settings', { token })).toMatchObject({
      ok: true,
      value: { idleTimeoutSeconds: 90 },
    });
  });

  it('a function switched off for this site type is refused by the main side (function_disabled); on again, it runs', async () => {
    const { call } = app();
    const entered = await call('attendant.enter', { passcode: DEMO_PASSCODE });
    if (!entered.ok) throw new Error(entered.error.code);
    const { token } = entered.value as { token: string };
    const settings = await call('attendant.settings', { token });
    if (!settings.ok) throw new Error('settings');
    const all = settings.value as { functions: { bureau_hall: string[]; bank_lobby: string[] } };
    const off = {
      ...all,
      functions: { bureau_hall: ['guide'], bank_lobby: all.functions.bank_lobby },
    };
    expect((await call('attendant.setSettings', { token, settings: off })).ok).toBe(true);
    expect(await call('app.info')).toMatchObject({
      ok: true,
      value: { enabledFunctions: ['guide'] },
    });

    const refused = (fn: string) => ({
      ok: false,
      error: { code: 'function_disabled', function: fn },
    });
    expect(await call('session.inquiry', { kind: 'person' })).toMatchObject(refused('inquiry'));
    expect(await call('print.statement', { fromYear: 2024, toYear: 2025 })).toMatchObject(
      refused('print'),
    );
    expect(await call('pin.verifyCurrent', { purpose: 'activation', pin: '123456' })).toMatchObject(
      refused('activation'),
    );
    expect(
      await call('loss.start', { idNumber: '11010519491231002X', name: '张三' }),
    ).toMatchObject(refused('loss_report'));
    expect(await call('cancelLoss.submit')).toMatchObject(refused('cancel_loss_report'));
    expect(await call('pin.verifyCurrent', { purpose: 'change', pin: '123456' })).toMatchObject(
      refused('change_pin'),
    );
    // A malformed request is still a bad request.
    expect(await call('session.inquiry', { kind: 'nonsense' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });

    expect((await call('attendant.setSettings', { token, settings: all })).ok).toBe(true);
    const inquiry = await call('session.inquiry', { kind: 'person' });
    // No card session: the inquiry itself answers now, not the gate.
    expect(inquiry.ok ? null : inquiry.error.code).not.toBe('function_disabled');
    const audit = await call('attendant.audit', { token });
    const changes = (
      audit.ok ? (audit.value as { entries: { action: string; details: string }[] }).entries : []
    )
      .filter((e) => e.action === 'attendant.setting')
      .map((e) => e.details);
    expect(changes.some((d) => d.includes('functions'))).toBe(true);
  });

  it("today's counters on the dashboard survive a restart of the app (kept in the local store)", async () => {
    const first = app();
    expect((await first.call('demo.insertCard', { cardId: 'active-2' })).ok).toBe(true);
    expect((await first.call('demo.removeCard')).ok).toBe(true);
    await first.a.close();
    apps.splice(apps.indexOf(first.a), 1);

    const { call } = app(first.dataDir);
    const entered = await call('attendant.enter', { passcode: DEMO_PASSCODE });
    if (!entered.ok) throw new Error(entered.error.code);
    const { token } = entered.value as { token: string };
    // The store opens in the background after the app starts.
    await expect
      .poll(async () => {
        const board = await call('attendant.dashboard', { token });
        return board.ok ? (board.value as { counters: Record<string, number> }).counters : null;
      })
      .toMatchObject({ card_sessions: 1 });
  });

  it("one audit log: a loss report's entries and the attendant's are in the same verified chain (embedded central service)", async () => {
    const { call } = contractApp({ central: { mode: 'embedded' } }, apps);
    await expect
      .poll(
        async () => {
          const st = await call('device.status');
          return st.ok ? (st.value as { central: { state: string } }).central.state : null;
        },
        { timeout: 90_000, interval: 250 },
      )
      .toBe('online');
    const p = PERSONAS.find((x) => x.key === 'active-2');
    if (!p) throw new Error('no persona');
    expect(await call('loss.start', { idNumber: p.idNumber, name: p.name })).toMatchObject({
      ok: true,
    });
    const entered = await call('attendant.enter', { passcode: DEMO_PASSCODE });
    if (!entered.ok) throw new Error(entered.error.code);
    const { token } = entered.value as { token: string };
    type View = {
      verification: { ok: boolean };
      entries: { actor: string; action: string; details: string }[];
    };
    let view: View | null = null;
    await expect
      .poll(async () => {
        const r = await call('attendant.audit', { token });
        view = r.ok ? (r.value as View) : null;
        return view?.entries.map((e) => `${e.actor} ${e.action}`) ?? [];
      })
      .toEqual(
        expect.arrayContaining(['citizen loss_report.challenge_sent', 'attendant attendant.enter']),
      );
    expect(view).toMatchObject({ verification: { ok: true } });
    expect(JSON.stringify(view)).not.toContain(p.idNumber);
    await call('loss.end');
  }, 120_000);
});
