import { join } from 'node:path';
import {
  ALL_FUNCTIONS,
  type ActionOutcome,
  type AttendantActionName,
  type AuditView,
  type KioskFunction,
  type LocalSettings,
  type ReaderTest,
} from '../../attendant-contract';
import type { KioskSync } from '../../central/kiosk-sync';
import { effectiveIdleTimeout } from './idle-timeout';
import { enabledFunctionsHere } from './functions';
import type { KioskConfig } from '../../config';
import type { AppInfo, CommandError } from '../../contract';
import type { CardReaderPort } from '../../devices/card/reader-port';
import type { PrinterService } from '../../devices/printer';
import { diagnosticsPage, testPage, type PrintContext } from '../../devices/printer/receipts';
import type { CommandHandlers } from '../../dispatcher';
import type { Logger } from '../../log';
import { err, ok, type Result } from '../../result';
import type { AuditLog } from '../../store/audit-log';
import type { CardService } from '../card-service';
import type { DeviceStatusService } from '../device-status';
import { AttendantService } from './attendant-service';
import { AttendantCardWait } from './card-entry';
import type { DailyCounters } from '../daily-counters';
import { buildDashboard, type PrinterActivity } from './dashboard';
import { writeDiagnosticsBundle } from './diagnostics';
import { PASSCODE_LENGTH } from './passcode';

/** What only the host can do (Electron); the web host has neither. */
export interface HostControls {
  readonly restart?: () => void;
  readonly leaveKiosk?: () => void;
}

export interface AttendantDeps {
  readonly config: KioskConfig;
  readonly host: AppInfo['host'];
  readonly hostControls?: HostControls;
  readonly log: Logger;
  readonly appVersion: string;
  readonly devices: DeviceStatusService;
  readonly cards: CardService;
  readonly reader: CardReaderPort;
  readonly citizenBusy: () => boolean;
  /** True while a citizen's session runs (not merely a card in the slot). */
  readonly citizenSession: () => boolean;
  readonly printer: PrinterService | null;
  readonly printerName: string;
  readonly sync: () => KioskSync | null;
  readonly audit: () => Promise<AuditLog | null>;
  readonly counters: DailyCounters;
  /** Applies changed local settings (default language to the preferences service). */
  readonly applySettings: (s: LocalSettings) => void;
}

type AttendantHandlers = Pick<
  CommandHandlers,
  Extract<keyof CommandHandlers, `attendant.${string}`>
>;

const FINAL = new Set(['handed_to_printer', 'failed']);

/**
 * Attendant mode wired to the app: the gate (AttendantService), the dashboard from the
 * device status, printer, sync engine and store, the actions, settings and audit view.
 */
export function createAttendant(d: AttendantDeps) {
  const { config, log } = d;
  const service = new AttendantService({
    config: config.attendant,
    mode: config.mode,
    statePath: join(config.dataDir, 'attendant-state.json'),
    log,
    audit: d.audit,
    // A card held by the attendant-card wait is the attendant's own, not a citizen's.
    citizenBusy: (): boolean => d.citizenSession() || (d.citizenBusy() && !cardWait.holding()),
  });

  // Attendant card entry: a card inserted while the entry screen waits is held (no citizen
  // session), checked against the list, then its PIN verified by the card.
  const cardWait = new AttendantCardWait({
    cards: d.cards,
    list: config.attendant.cards ?? null,
    log,
    record: (action, details): Promise<void> => service.record(action, details),
    citizenSession: d.citizenSession,
  });

  // Out of service set by an attendant survives a restart.
  const oos = service.persisted.outOfService;
  if (oos.active) d.devices.setOutOfService(true, oos.message);

  const activity: PrinterActivity = { queue: 0, lastJob: null };
  const jobs = new Map<string, string>();
  const offPrinter = d.printer?.onEvent((e) => {
    if (e.type !== 'job_changed') return;
    const before = jobs.get(e.job.id);
    jobs.set(e.job.id, e.job.state);
    if (e.job.state === 'handed_to_printer' && before !== 'handed_to_printer')
      d.counters.add('receipts_printed');
    activity.queue = [...jobs.values()].filter((s) => !FINAL.has(s)).length;
    activity.lastJob = {
      title: e.job.title,
      state: e.job.state,
      reason: e.job.reason,
      at: new Date().toISOString(),
    };
    // Finished jobs are forgotten beyond the last few.
    if (jobs.size > 50) for (const [id, s] of jobs) if (FINAL.has(s)) jobs.delete(id);
  });

  let atr: { reader: string; atr: string } | null = null;
  const offReader = d.reader.onEvent((e) => {
    if (e.type === 'card_inserted') atr = { reader: e.reader, atr: e.atr };
    else if (e.type === 'card_removed') atr = null;
  });

  const configSettings = (): LocalSettings => ({
    idleTimeoutSeconds: config.ui.idleTimeoutSeconds,
    defaultLanguage: config.ui.defaultLanguage,
    shuffledKeypad: config.ui.shuffledKeypad,
    functions: { bureau_hall: [...ALL_FUNCTIONS], bank_lobby: [...ALL_FUNCTIONS] },
  });
  /** The settings in force: saved here, or the configuration's; the idle timeout by its rule. */
  const settings = (): LocalSettings => {
    const saved = service.persisted.settings;
    const idle = effectiveIdleTimeout({
      attendant: saved && service.persisted.idleTimeoutSetHere ? saved.idleTimeoutSeconds : null,
      central: d.sync()?.engine.remote().config?.idleTimeoutSeconds ?? null,
      config: config.ui.idleTimeoutSeconds,
    });
    return { ...(saved ?? configSettings()), idleTimeoutSeconds: idle.seconds };
  };
  d.applySettings(settings());

  const dashboard = () => {
    const printerStatus = d.printer?.status();
    return buildDashboard({
      devices: d.devices.snapshot(),
      printerReasons:
        printerStatus && printerStatus.reasons.length > 0 ? printerStatus.reasons.join(', ') : null,
      printer: activity,
      sync: d.sync(),
      centralMode: config.central.mode,
      dataDir: config.dataDir,
      appVersion: d.appVersion,
      counters: d.counters.today(),
      now: Date.now(),
    });
  };

  const printContext = (): PrintContext => ({
    kioskId: d.sync()?.engine.enrolment()?.kioskId ?? 'not-enrolled',
    siteName: config.site.name,
    language: settings().defaultLanguage,
    now: new Date(),
  });

  const outcome = async (
    action: string,
    run: () => Promise<ActionOutcome>,
  ): Promise<Result<ActionOutcome, CommandError>> => {
    const r = await run();
    await service.record('attendant.action', { action, ok: r.ok, detail: r.detail.slice(0, 200) });
    return ok(r);
  };

  const noSync = { ok: false, detail: 'no central service configured' };

  const actions: Record<AttendantActionName, () => Promise<Result<ActionOutcome, CommandError>>> = {
    test_print: () =>
      outcome('test_print', async () => {
        if (!d.printer) return { ok: false, detail: 'printer unavailable' };
        const r = await d.printer.printAndWait(testPage(printContext(), d.printerName));
        if (!r.ok) return { ok: false, detail: `${r.error.code}: ${r.error.detail}` };
        const job = r.value.job;
        return {
          ok: job.state === 'handed_to_printer',
          detail: `job ${job.id}: ${job.state}${job.reason ? ` (${job.reason})` : ''}`,
        };
      }),
    sync_now: () =>
      outcome('sync_now', async () => {
        const s = d.sync();
        if (!s) return noSync;
        s.engine.delivery.kick();
        const beat = await s.engine.heartbeatNow();
        const list = await s.engine.refreshHotlist();
        const depth = s.store.outbox.depth().count;
        return {
          ok: beat.ok && list.ok,
          detail: `heartbeat ${beat.ok ? 'ok' : beat.error}; hotlist ${list.ok ? `v${list.value}` : list.error}; outbox ${depth}`,
        };
      }),
    refresh_hotlist: () =>
      outcome('refresh_hotlist', async () => {
        const s = d.sync();
        if (!s) return noSync;
        const r = await s.engine.refreshHotlist();
        return r.ok ? { ok: true, detail: `version ${r.value}` } : { ok: false, detail: r.error };
      }),
    restart_app: async () => {
      const restart = d.hostControls?.restart;
      await service.record('attendant.action', { action: 'restart_app', ok: Boolean(restart) });
      if (!restart)
        return err({ code: 'not_available', message: 'Restart is not available on this host.' });
      await service.end('closing');
      // Answer first, then restart: the renderer shows the restart rather than a lost connection.
      setTimeout(restart, 200);
      return ok({ ok: true, detail: 'restarting' });
    },
    leave_kiosk: async () => {
      const leave = d.hostControls?.leaveKiosk;
      await service.record('attendant.action', { action: 'leave_kiosk', ok: Boolean(leave) });
      if (!leave) return err({ code: 'not_available', message: 'Kiosk mode is Electron only.' });
      leave();
      return ok({ ok: true, detail: 'kiosk mode left' });
    },
  };

  const readerTest = (): ReaderTest => {
    const c = d.cards.current();
    const base = { reader: c.state === 'no_card' ? null : c.reader, atr: atr?.atr ?? null };
    switch (c.state) {
      case 'no_card':
        return {
          reader: d.devices.snapshot().reader.name,
          atr: null,
          outcome: 'no_card',
          summary: null,
          reason: null,
        };
      case 'reading':
        return { ...base, outcome: 'reading', summary: null, reason: null };
      case 'not_ssc_card':
        return { ...base, outcome: 'not_ssc_card', summary: null, reason: null };
      case 'unreadable':
        return { ...base, outcome: 'unreadable', summary: null, reason: c.reason };
      case 'ssc_card':
        return {
          ...base,
          outcome: 'ssc_card',
          reason: null,
          summary: {
            specVersion: c.summary.specVersion,
            cardType: c.summary.cardType,
            algorithm: c.summary.algorithm,
            region: c.summary.region,
            expired: c.summary.expired,
            cardNumberValid: c.summary.cardNumberValid,
          },
        };
    }
  };

  const auditView = async (limit: number): Promise<AuditView | null> => {
    const audit = await d.audit();
    if (!audit) return null;
    const v = audit.verify();
    const head = audit.head()?.seq ?? 0;
    const entries = audit
      .entries(Math.max(1, head - limit + 1), limit)
      .reverse()
      .map((e) => ({
        seq: e.seq,
        at: new Date(e.at).toISOString(),
        actor: e.actor,
        action: e.action,
        details: JSON.stringify(e.details),
      }));
    return {
      verification: v.ok
        ? { ok: true, seq: v.value?.seq ?? 0 }
        : { ok: false, kind: v.error.kind, seq: v.error.seq, message: v.error.message },
      entries,
    };
  };

  const gated =
    <Q extends { token: string }, R>(
      f: (req: Q) => Promise<Result<R, CommandError>> | Result<R, CommandError>,
    ) =>
    async (req: Q): Promise<Result<R, CommandError>> => {
      const c = service.check(req.token);
      if (!c.ok) return c;
      return f(req);
    };

  const describeSetting = (v: unknown): string =>
    Array.isArray(v)
      ? v.join(',')
      : typeof v === 'object' && v !== null
        ? JSON.stringify(v)
        : String(v);

  const handlers: AttendantHandlers = {
    'attendant.state': () =>
      ok({
        available: service.available(),
        lockedSeconds: service.lockedSeconds(),
        passcodeLength: PASSCODE_LENGTH,
        cardEntry: cardWait.available(),
        gesture: {
          corner: config.attendant.gesture.corner,
          holdSeconds: config.attendant.gesture.holdSeconds,
        },
      }),
    'attendant.enter': async ({ passcode }) => {
      const r = await service.enter(passcode);
      if (!r.ok) return r;
      return ok({
        token: r.value.token,
        inactivitySeconds: config.attendant.inactivitySeconds,
        host: d.host,
      });
    },
    'attendant.cardWait': async ({ active }) => {
      if (!active || !cardWait.available()) {
        cardWait.disarm();
        return ok({ available: cardWait.available(), card: 'off' as const });
      }
      // A card already in the slot that the wait did not hold is a citizen's.
      if (!cardWait.holding() && d.citizenBusy())
        return err({
          code: 'citizen_session_active',
          message: 'Attendant mode cannot start while a citizen is using the kiosk.',
        });
      cardWait.arm();
      return ok({ available: true, card: await cardWait.state() });
    },
    'attendant.enterWithCard': async ({ pin }) => {
      if (!cardWait.available())
        return err({ code: 'not_available', message: 'No attendant cards are configured.' });
      const r = await service.enterWithCard(cardWait.gate(), pin);
      if (!r.ok) return r;
      cardWait.disarm();
      return ok({
        token: r.value.token,
        inactivitySeconds: config.attendant.inactivitySeconds,
        host: d.host,
      });
    },
    'attendant.leave': ({ token }) => service.leave(token),
    'attendant.dashboard': gated(() => ok(dashboard())),
    'attendant.action': gated(({ action }) => actions[action]()),
    'attendant.readerTest': gated(async () => {
      const r = readerTest();
      await service.record('attendant.action', { action: 'reader_test', outcome: r.outcome });
      return ok(r);
    }),
    'attendant.outOfService': gated(async ({ active, message }) => {
      const text = active ? message?.trim() || null : null;
      service.update((s) => {
        s.outOfService = { active, message: text };
      });
      d.devices.setOutOfService(active, text);
      await service.record('attendant.out_of_service', { active, message: text });
      // Tell the central service now rather than at the next heartbeat.
      const beat = await d.sync()?.engine.heartbeatNow();
      return ok({
        ok: true,
        detail:
          beat === undefined
            ? 'set (no central service)'
            : beat.ok
              ? 'set and reported'
              : `set; not reported: ${beat.error}`,
      });
    }),
    'attendant.reprints': gated(async () => {
      const list = (await d.printer?.listReprints()) ?? [];
      return ok(
        list.map((e) => ({ id: e.id, kind: e.kind, title: e.title, createdAt: e.createdAt })),
      );
    }),
    'attendant.reprint': gated(({ id }) =>
      outcome('reprint', async () => {
        if (!d.printer) return { ok: false, detail: 'printer unavailable' };
        const t = await d.printer.reprint(id);
        if (!t.ok) return { ok: false, detail: `${t.error.code}: ${t.error.detail}` };
        const done = await d.printer.wait(t.value);
        if (!done.ok) return { ok: false, detail: `${done.error.code}: ${done.error.detail}` };
        return {
          ok: done.value.job.state === 'handed_to_printer',
          detail: `job ${done.value.job.id}: ${done.value.job.state}`,
        };
      }),
    ),
    'attendant.diagnostics': gated(async ({ toFolder, print }) => {
      const board = dashboard();
      let folder: string | null = null;
      let files: string[] = [];
      if (toFolder) {
        const written = writeDiagnosticsBundle({
          baseDir: config.attendant.diagnosticsDir ?? join(config.dataDir, 'diagnostics'),
          at: new Date(),
          dashboard: board,
          config,
          audit: await auditView(200),
          logFile: config.log.file ?? null,
        });
        folder = written.folder;
        files = written.files;
      }
      let printed: ActionOutcome | null = null;
      if (print) {
        if (!d.printer) printed = { ok: false, detail: 'printer unavailable' };
        else {
          const rows = [
            { label: 'App', value: board.appVersion },
            { label: 'Config', value: String(board.configVersion) },
            { label: 'Kiosk', value: board.central.kioskId ?? '-' },
            { label: 'Reader', value: `${board.reader.health} ${board.reader.device}` },
            {
              label: 'Printer',
              value: `${board.printer.health} ${board.printer.device} paper ${board.printer.paper}`,
            },
            { label: 'Central', value: `${board.central.health} ${board.central.state}` },
            {
              label: 'Outbox',
              value: `${board.outbox.depth} (${board.outbox.oldestAgeSeconds} s)`,
            },
            { label: 'Hotlist', value: `v${board.hotlist.version} ${board.hotlist.size}` },
            { label: 'Uptime', value: `${board.uptimeSeconds} s` },
            ...Object.entries(board.counters).map(([k, v]) => ({ label: k, value: String(v) })),
          ];
          const r = await d.printer.printAndWait(diagnosticsPage(printContext(), rows));
          printed = r.ok
            ? {
                ok: r.value.job.state === 'handed_to_printer',
                detail: `job ${r.value.job.id}: ${r.value.job.state}`,
              }
            : { ok: false, detail: `${r.error.code}: ${r.error.detail}` };
        }
      }
      await service.record('attendant.action', {
        action: 'diagnostics',
        toFolder,
        print,
        printed: printed?.ok ?? null,
      });
      return ok({ folder, files, printed });
    }),
    'attendant.settings': gated(() => ok(settings())),
    'attendant.setSettings': gated(async ({ settings: asked }) => {
      // Functions in one order, each once: the same choice always reads (and audits) the same.
      const canonical = (list: readonly KioskFunction[]) =>
        ALL_FUNCTIONS.filter((f) => list.includes(f));
      const next: LocalSettings = {
        ...asked,
        functions: {
          bureau_hall: canonical(asked.functions.bureau_hall),
          bank_lobby: canonical(asked.functions.bank_lobby),
        },
      };
      const before = settings();
      for (const key of Object.keys(next) as (keyof LocalSettings)[]) {
        const from = describeSetting(before[key]);
        const to = describeSetting(next[key]);
        if (from !== to) await service.record('attendant.setting', { key, from, to });
      }
      service.update((s) => {
        s.settings = next;
        if (next.idleTimeoutSeconds !== before.idleTimeoutSeconds) s.idleTimeoutSetHere = true;
      });
      d.applySettings(next);
      return ok(settings());
    }),
    'attendant.audit': gated(async ({ limit }) => {
      const v = await auditView(limit ?? 50);
      if (!v) return err({ code: 'not_available', message: 'The local store is not open.' });
      return ok(v);
    }),
  };

  const enabledHere = (): KioskFunction[] =>
    enabledFunctionsHere(
      settings().functions[config.site.type],
      d.sync()?.engine.remote().config?.enabledFunctions ?? null,
    );

  /** app.info with the local settings applied. */
  const info = (base: AppInfo): AppInfo => {
    const s = settings();
    return {
      ...base,
      defaultLanguage: s.defaultLanguage,
      ui: {
        ...base.ui,
        shuffledKeypad: s.shuffledKeypad,
        idleTimeoutSeconds: s.idleTimeoutSeconds,
      },
      enabledFunctions: enabledHere(),
    };
  };

  return {
    service,
    handlers,
    info,
    /** Whether a function is enabled here (site type's local setting and central list). */
    functionEnabled: (fn: KioskFunction): boolean => enabledHere().includes(fn),
    outOfService: () => service.persisted.outOfService.active,
    /** The entry screen waits for an attendant card: a card arriving now starts no session. */
    cardWaitArmed: () => cardWait.armed(),
    close: () => {
      cardWait.close();
      service.close();
      offPrinter?.();
      offReader();
    },
  };
}
