/**
 * The composition root: configuration → adapters → services → contract handlers. Only this
 * file knows which adapter is plugged in (demo, test, production); hosts (Electron main, web
 * host) call `createKioskApp` and connect its `dispatch` and `subscribe` to their transport.
 */
import pkg from '../package.json' with { type: 'json' };
import type { AppInfo, KioskEvent, PrinterStatus as ContractPrinterStatus } from './contract';
import { createPrinter, type PrinterService, type PrinterStatus } from './devices/printer';
import { PROTOCOL_VERSION } from './contract';
import { cardReaderKind, type KioskConfig } from './config';
import { createCardReader } from './devices/card/config';
import { FilteredReader } from './devices/card/reader-filter';
import type { CardReaderPort } from './devices/card/reader-port';
import { SimulatedReader } from './devices/card/simulated-reader';
import { createDispatcher, type Dispatch } from './dispatcher';
import { EventBus } from './event-bus';
import type { Logger } from './log';
import {
  connectDeviceStatus,
  heartbeatFromDevices,
  startKioskSync,
  type KioskSync,
} from './central/kiosk-sync';
import { err, ok } from './result';
import { CardService } from './services/card-service';
import { cardCommands, wireCardEvents } from './services/card-wiring';
import { DemoCardSlot } from './services/demo-cards';
import { SessionService, type CentralCardApi } from './services/session';
import { centralCardApi } from './central/card-api';
import { sessionCommands, wireSessionEvents } from './services/session-wiring';
import { PinChangeService } from './services/pin-change';
import { pinCommands } from './services/pin-wiring';
import { failureCategory } from './devices/card/failure-category';
import { DeviceStatusService } from './services/device-status';
import { PreferencesService } from './services/preferences';
import { StatementPrintService } from './services/statement-print';
import { printCommands } from './services/print-wiring';
import { centralLossApi } from './central/loss-api';
import { CancelLossService } from './services/cancel-loss';
import { DailyCounters } from './services/daily-counters';
import { storeDailyCounts } from './store/daily-counts';
import { LossReportService, type LossAudit, type LossCentralApi } from './services/loss-report';
import { lossCommands } from './services/loss-wiring';
import { createAttendant, type HostControls } from './services/attendant/wiring';
import { functionOfCommand } from './services/attendant/counters';
import { gateFunctions } from './services/attendant/functions';
import { join } from 'node:path';
import { openKioskStore, storeConfigSchema, type KioskStore } from './store';
import type { AuditLog } from './store/audit-log';

export interface KioskApp {
  readonly info: AppInfo;
  readonly dispatch: Dispatch;
  subscribe(listener: (event: KioskEvent) => void): () => void;
  /** The central sync (store, engine, embedded service) once started; tests and drills look in. */
  readonly sync: Promise<KioskSync | null>;
  close(): Promise<void>;
}

export interface AppOptions {
  readonly host: AppInfo['host'];
  readonly log: Logger;
  /** The card service's clock (expiry is judged on its calendar day); tests pin it. */
  readonly now?: () => Date;
  /** Restart and leaving kiosk mode, for attendant mode (Electron); absent: not available. */
  readonly hostControls?: HostControls;
}

/** The configured reader: the demo panel's simulated one, or pcscd's (optionally filtered). */
function buildCardReader(config: KioskConfig, log: Logger): CardReaderPort {
  const kind = cardReaderKind(config);
  const reader = createCardReader({ ...config.card, reader: kind }, log);
  return kind === 'pcsc' && config.card.readerName
    ? new FilteredReader(reader, config.card.readerName)
    : reader;
}

/**
 * The configured printer, its status fed to device status. A receipt font that cannot be
 * opened does not stop the kiosk: printing is reported unavailable (the attendant sees why).
 */
function startPrinter(
  config: KioskConfig,
  log: Logger,
  setPrinter: (s: ContractPrinterStatus) => void,
): PrinterService | null {
  const name = config.printer.kind === 'cups' ? config.printer.cups.queue : config.printer.folder;
  const created = createPrinter(config.printer, { logger: log, dataDir: config.dataDir });
  if (!created.ok) {
    log.error({ code: created.error.code }, 'printer unavailable: receipt font');
    setPrinter({ device: 'hardware_error', paper: 'unknown', name, lastError: created.error.code });
    return null;
  }
  const service = created.value;
  const publish = (s: PrinterStatus) =>
    setPrinter({
      device: s.device,
      paper: s.paper,
      name,
      lastError: s.reasons.length > 0 ? s.reasons.join(', ') : s.message || null,
    });
  service.onEvent((e) => {
    if (e.type === 'status_changed') publish(e.status);
  });
  service.start();
  publish(service.status());
  return service;
}

export function createKioskApp(config: KioskConfig, options: AppOptions): KioskApp {
  const { log } = options;
  const bus = new EventBus();
  const devices = new DeviceStatusService(bus);
  const prefs = new PreferencesService(
    { language: config.ui.defaultLanguage, largeText: config.ui.largeTextDefault },
    bus,
  );
  const reader = buildCardReader(config, log);
  // The session opens the central card session a 3.00 card's EXTERNAL AUTHENTICATE needs, so
  // the card service asks it for the cryptogram (the session exists before any card is read).
  let session: SessionService | null = null;
  const cards = new CardService({
    reader,
    logger: log,
    now: options.now,
    authenticate: (req) =>
      session
        ? session.externalAuthenticator(req)
        : Promise.resolve(err({ code: 'central_unavailable', detail: 'no session service' })),
  });
  // The sync engine starts in the background (below); until it is up the session works from
  // the card alone, then from the central service, or the local hotlist when offline.
  let syncNow: KioskSync | null = null;
  let cardApi: { client: unknown; api: CentralCardApi } | null = null;
  const centralForSession = (): CentralCardApi | null => {
    const client = syncNow?.engine.client;
    if (!client) return null;
    if (cardApi?.client !== client) cardApi = { client, api: centralCardApi(client) };
    return cardApi.api;
  };
  // The idle timeout in force (attendant, bureau or configuration: idle-timeout.ts), once the
  // attendant settings are read below; the configuration's until then.
  let idleTimeoutSeconds = (): number => config.ui.idleTimeoutSeconds;
  // The attendant entry screen waiting for an attendant card (set once attendant mode is up).
  let attendantCardWait = (): boolean => false;
  const citizen = new SessionService({
    cards,
    central: centralForSession,
    // A hotlist never pulled (version 0) knows nothing: "no hotlist", not "not listed".
    hotlist: () => (syncNow && syncNow.store.hotlist.version > 0 ? syncNow.store.hotlist : null),
    logger: log,
    // The renderer's visible countdown ends an idle session first; this is the backstop for a
    // renderer that is gone (crashed, disconnected) with a card in the slot.
    idleTimeoutMs: () => (idleTimeoutSeconds() + config.ui.idleWarningSeconds) * 2000,
    failureCategory,
    holdCard: () => attendantCardWait(),
  });
  session = citizen;
  const offAtr = reader.onEvent((e) => {
    if (e.type === 'card_inserted') citizen.noteAtr(e.atr);
  });
  const offSessionEvents = wireSessionEvents(citizen, bus);
  citizen.start();
  const offCardEvents = wireCardEvents(cards, reader, bus, (s) => devices.setReader(s));
  cards.start();
  const printer = startPrinter(config, log, (s) => devices.setPrinter(s));
  const printing = new StatementPrintService({
    session: citizen,
    printer: () => printer,
    language: () => prefs.get().language,
    kioskId: () => syncNow?.engine.enrolment()?.kioskId ?? 'not-enrolled',
    siteName: config.site.name,
    timeZone: config.printer.timeZone,
    logger: log,
  });
  // Activation and change PIN: the card, the session's card, the sync engine's outbox and the
  // local store's audit log once they are up (`storeNow`: the local store once open).
  let storeNow: KioskStore | null = null;
  // Today's counters per function, for the attendant and the heartbeat.
  const counters = new DailyCounters();
  const pins = new PinChangeService({
    counters,
    session: citizen,
    cards,
    engine: () => syncNow?.engine ?? null,
    audit: () => storeNow?.audit ?? null,
    printer: () => printer,
    printContext: () => ({
      kioskId: syncNow?.engine.enrolment()?.kioskId ?? 'unenrolled',
      siteName: config.site.name,
      language: prefs.get().language,
    }),
    policy: config.pinPolicy,
    centralPolicy: () => syncNow?.engine.remote().config?.pinPolicy ?? null,
    logger: log,
    failureCategory,
    confirmWaitMs: config.central.totalTimeoutMs,
    recheckList: () => syncNow?.store.pinRecheck ?? null,
  });
  const offCounters = bus.subscribe((e) => {
    if (e.event === 'card.inserted' && !attendantCardWait()) counters.add('card_sessions');
  });
  // The one way to the audit log (attendant, loss report, PIN services): the local store
  // (`localStore`, below) — the sync engine's, or our own without a central service.
  // `storeNow` is the same store once open, for services that write without waiting.
  const audit = (): Promise<AuditLog | null> => localStore.then((s) => s?.audit ?? null);
  const attendant = createAttendant({
    config,
    host: options.host,
    ...(options.hostControls ? { hostControls: options.hostControls } : {}),
    log,
    appVersion: pkg.version,
    devices,
    cards,
    reader,
    citizenBusy: () => citizen.state().phase !== 'idle' || cards.current().state !== 'no_card',
    citizenSession: () => citizen.state().phase !== 'idle',
    printer,
    printerName: config.printer.kind === 'cups' ? config.printer.cups.queue : config.printer.folder,
    sync: () => syncNow,
    audit,
    counters,
    applySettings: (s) => {
      prefs.setDefaults({ language: s.defaultLanguage, largeText: config.ui.largeTextDefault });
      if (citizen.state().phase === 'idle') prefs.reset();
    },
  });
  attendantCardWait = () => attendant.cardWaitArmed();
  const demoSlot =
    config.mode === 'demo' && reader instanceof SimulatedReader ? new DemoCardSlot(reader) : null;

  const info: AppInfo = {
    name: 'SSC Kiosk',
    version: pkg.version,
    protocolVersion: PROTOCOL_VERSION,
    mode: config.mode,
    host: options.host,
    siteType: config.site.type,
    siteName: config.site.name,
    defaultLanguage: config.ui.defaultLanguage,
    ui: {
      shuffledKeypad: config.ui.shuffledKeypad,
      idleTimeoutSeconds: config.ui.idleTimeoutSeconds,
      idleWarningSeconds: config.ui.idleWarningSeconds,
    },
    guide: config.guide,
  };
  idleTimeoutSeconds = () => attendant.info(info).ui.idleTimeoutSeconds;

  // Loss pre-report without the card, and cancelling one with card + PIN.
  const lossAudit: LossAudit = {
    // Through the one audit accessor: written once the local store is open.
    audit: (action, details) => {
      audit()
        .then(async (auditLog) => {
          if (!auditLog) {
            log.warn({ action }, 'audit: no local store; entry not written');
            return;
          }
          const r = await auditLog.append('citizen', action, details);
          if (!r.ok) log.error({ action, problem: r.error.kind }, 'audit entry not written');
        })
        .catch((e: unknown) => log.error({ action, e }, 'audit entry not written'));
    },
    count: (name) => counters.add(name),
  };
  let lossApi: { client: unknown; api: LossCentralApi } | null = null;
  const centralForLoss = (): LossCentralApi | null => {
    const client = syncNow?.engine.client;
    if (!client) return null;
    if (lossApi?.client !== client) lossApi = { client, api: centralLossApi(client) };
    return lossApi.api;
  };
  const loss = new LossReportService({
    central: centralForLoss,
    outbox: () => syncNow?.engine ?? null,
    audit: lossAudit,
    logger: log,
    settings: {
      resendSeconds: config.loss.resendSeconds,
      maxCodeAttempts: config.loss.maxCodeAttempts,
      validityDays: config.loss.validityDays,
      deliveryWaitMs: config.loss.deliveryWaitSeconds * 1000,
    },
    centralValidityDays: () => syncNow?.engine.remote().config?.preReportValidityDays ?? null,
  });
  const cancelLoss = new CancelLossService({
    session: citizen,
    central: centralForLoss,
    refreshHotlist: () => syncNow?.engine.refreshHotlist() ?? null,
    audit: lossAudit,
    logger: log,
  });

  const notDemo = () =>
    err({ code: 'not_available' as const, message: 'The demo panel exists only in demo mode.' });

  // Functions switched off at this site type are refused here, whatever a stale page shows.
  const dispatchCommand = createDispatcher(
    gateFunctions(
      {
        'app.info': () => ok(attendant.info(info)),
        'device.status': () => ok(devices.snapshot()),
        'prefs.get': () => ok(prefs.get()),
        'prefs.set': (req) => ok(prefs.set(req)),
        'demo.cards': () => (demoSlot ? ok(demoSlot.list()) : notDemo()),
        'demo.insertCard': ({ cardId }) => {
          if (!demoSlot) return notDemo();
          const r = demoSlot.insert(cardId);
          if (r.ok) return ok({});
          if (r.error === 'reader_stopped')
            return err({ code: 'not_available' as const, message: 'The reader is stopped.' });
          return err({
            code: r.error,
            message:
              r.error === 'no_such_card'
                ? `There is no demo card "${cardId}".`
                : 'A card is already in the reader; remove it first.',
          });
        },
        'demo.removeCard': () => {
          if (!demoSlot) return notDemo();
          demoSlot.remove();
          return ok({});
        },
        ...cardCommands(cards),
        ...sessionCommands(citizen),
        ...printCommands(printing),
        ...pinCommands(pins),
        ...lossCommands(loss, cancelLoss, citizen, {
          printer: () => printer,
          kioskId: () => syncNow?.engine.enrolment()?.kioskId ?? 'unenrolled',
          siteName: config.site.name,
          language: () => prefs.get().language,
          logger: log,
        }),
        ...attendant.handlers,
      },
      (fn) => attendant.functionEnabled(fn),
    ),
    log,
  );
  const dispatch: Dispatch = async (raw) => {
    const answer = await dispatchCommand(raw);
    if (answer.result.ok && typeof raw === 'object' && raw !== null && 'command' in raw) {
      const fn = typeof raw.command === 'string' ? functionOfCommand(raw.command) : null;
      if (fn) counters.add(fn);
    }
    return answer;
  };

  log.info(
    { mode: config.mode, host: options.host, version: pkg.version, reader: cardReaderKind(config) },
    'kiosk app composed',
  );

  // Central service + sync engine, started in the background (demo: embedded service, enrolled).
  const sync: Promise<KioskSync | null> = startKioskSync({
    config,
    log,
    appVersion: pkg.version,
    heartbeatSource: () => ({
      ...heartbeatFromDevices(devices.snapshot()),
      counters: counters.today(),
      outOfService: attendant.outOfService(),
    }),
  }).then(
    (s) => {
      if (s) connectDeviceStatus(s.engine, devices);
      syncNow = s;
      return s;
    },
    (e: unknown) => {
      log.error({ e }, 'central: not started');
      return null;
    },
  );

  // The local store: the sync engine's, or (no central service) our own. It holds the audit
  // log and today's counters (kept across a restart).
  let ownStore: KioskStore | null = null;
  const localStore: Promise<KioskStore | null> = sync.then(async (s) => {
    if (s) return s.store;
    const opened = await openKioskStore({
      config: storeConfigSchema.parse({ dataDir: join(config.dataDir, 'store') }),
      log,
    });
    if (!opened.ok) {
      log.error({ problem: opened.error.kind }, 'local store did not open: no audit log');
      return null;
    }
    ownStore = opened.value;
    return opened.value;
  });
  localStore
    .then((s) => {
      storeNow = s;
      if (s) counters.attach(storeDailyCounts(s.store, log));
    })
    .catch((e: unknown) => log.error({ e }, 'daily counters: not kept in the store'));

  return {
    info,
    dispatch,
    subscribe: (listener) => bus.subscribe(listener),
    sync,
    close: async () => {
      loss.end();
      await attendant.service.end('closing');
      attendant.close();
      offCounters();
      await printer?.stop();
      citizen.stop();
      offSessionEvents();
      offAtr();
      await cards.stop();
      offCardEvents();
      await (await sync)?.close();
      await localStore;
      await ownStore?.close();
    },
  };
}
