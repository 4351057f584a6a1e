/**
 * The composition root: configuration → adapters → services → contract handlers. Only this
 * file knows which adapter is plugged in (demo, test, production); hosts (Electron main, web
 * host) call `createKioskApp` and connect its `dispatch` and `subscribe` to their transport.
 */
import pkg from '../package.json' with { type: 'json' };
import type { AppInfo, KioskEvent } from './contract';
import { PROTOCOL_VERSION } from './contract';
import type { KioskConfig } from './config';
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
import { DemoCardSlot } from './services/demo-cards';
import { DeviceStatusService } from './services/device-status';
import { PreferencesService } from './services/preferences';

export interface KioskApp {
  readonly info: AppInfo;
  readonly dispatch: Dispatch;
  subscribe(listener: (event: KioskEvent) => void): () => void;
  close(): Promise<void>;
}

export interface AppOptions {
  readonly host: AppInfo['host'];
  readonly log: Logger;
}

export function createKioskApp(config: KioskConfig, options: AppOptions): KioskApp {
  const { log } = options;
  const bus = new EventBus();
  const devices = new DeviceStatusService(bus);
  const prefs = new PreferencesService(
    { language: config.ui.defaultLanguage, largeText: config.ui.largeTextDefault },
    bus,
  );
  const demoSlot =
    config.mode === 'demo' ? new DemoCardSlot(bus, (s) => devices.setReader(s)) : null;

  const info: AppInfo = {
    name: 'SSC Kiosk',
    version: pkg.version,
    protocolVersion: PROTOCOL_VERSION,
    mode: config.mode,
    host: options.host,
    siteType: config.site.type,
    siteName: config.site.name,
    defaultLanguage: config.ui.defaultLanguage,
  };

  const notDemo = () =>
    err({ code: 'not_available' as const, message: 'The demo panel exists only in demo mode.' });

  const dispatch = createDispatcher(
    {
      'app.info': () => ok(info),
      'device.status': () => ok(devices.snapshot()),
      'prefs.get': () => ok(prefs.get()),
      'prefs.set': (req) => ok(prefs.set(req)),
      'demo.cards': () => (demoSlot ? ok(demoSlot.list()) : notDemo()),
      'demo.insertCard': ({ cardId }) => {
        if (!demoSlot) return notDemo();
        const r = demoSlot.insert(cardId);
        if (r.ok) return ok({});
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
    },
    log,
  );

  log.info({ mode: config.mode, host: options.host, version: pkg.version }, 'kiosk app composed');

  // Central service + sync engine, started in the background (demo: embedded service, enrolled).
  const sync: Promise<KioskSync | null> = startKioskSync({
    config,
    log,
    appVersion: pkg.version,
    heartbeatSource: () => heartbeatFromDevices(devices.snapshot()),
  }).then(
    (s) => {
      if (s) connectDeviceStatus(s.engine, devices);
      return s;
    },
    (e: unknown) => {
      log.error({ e }, 'central: not started');
      return null;
    },
  );

  return {
    info,
    dispatch,
    subscribe: (listener) => bus.subscribe(listener),
    close: async () => {
      await (await sync)?.close();
    },
  };
}
