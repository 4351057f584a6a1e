import { join } from 'node:path';
import type { KioskConfig } from '../config';
import type { DeviceStatus } from '../contract';
import type { Logger } from '../log';
import { openKioskStore, storeConfigSchema, type KioskStore } from '../store';
import type { DemoCentral } from './demo-central';
import type { HeartbeatSnapshot } from './heartbeat';
import { createSyncEngine, type SyncEngine } from './sync-engine';

export interface KioskSync {
  readonly engine: SyncEngine;
  readonly store: KioskStore;
  readonly central: DemoCentral | null;
  close(): Promise<void>;
}

/**
 * What the composition root calls: opens the local store, starts the embedded central
 * service when configured (demo), creates the sync engine and, in demo, enrols it with a
 * fresh code. Production enrols through the attendant screen (`engine.enrol`).
 */
export async function startKioskSync(deps: {
  readonly config: KioskConfig;
  readonly log: Logger;
  readonly appVersion: string;
  readonly heartbeatSource: () => HeartbeatSnapshot;
  readonly store?: KioskStore;
}): Promise<KioskSync | null> {
  const { config, log } = deps;
  const settings = config.central;
  if (settings.mode === 'off') return null;
  if (settings.mode === 'embedded' && config.mode !== 'demo') {
    log.error('central: the embedded reference service is for demo mode only; set central.mode');
    return null;
  }
  const dataDir = config.dataDir;
  let store = deps.store;
  const ownStore = store === undefined;
  if (!store) {
    const opened = await openKioskStore({
      config: storeConfigSchema.parse({ dataDir: join(dataDir, 'store') }),
      log,
    });
    if (!opened.ok) {
      log.error({ error: opened.error.kind }, 'central: local store did not open; no sync');
      return null;
    }
    store = opened.value;
  }
  let central: DemoCentral | null = null;
  if (settings.mode === 'embedded') {
    const { startDemoCentral } = await import('./demo-central');
    central = await startDemoCentral({ dataDir, log, port: settings.embeddedPort });
  }
  const baseUrl = central?.url ?? settings.baseUrl;
  if (!baseUrl) {
    log.error('central: mode "remote" needs central.baseUrl');
    if (ownStore) await store.close();
    await central?.close();
    return null;
  }
  const made = createSyncEngine({
    store,
    config: settings,
    dataDir,
    log,
    appVersion: deps.appVersion,
    baseUrl,
    heartbeatSource: deps.heartbeatSource,
  });
  if (!made.ok) {
    log.error({ problem: made.error.message }, 'central: sync engine not started');
    if (ownStore) await store.close();
    await central?.close();
    return null;
  }
  const engine = made.value;
  if (central) {
    const known = engine.enrolment();
    if (!known || !(await central.knowsKiosk(known.kioskId))) {
      const r = await engine.enrol(await central.enrolmentCode(), `${config.site.name} (demo)`);
      if (!r.ok) log.error({ problem: r.error.kind }, 'central: demo enrolment failed');
    }
  }
  engine.start();
  const s = store;
  return {
    engine,
    store: s,
    central,
    async close() {
      await engine.close();
      if (ownStore) await s.close();
      await central?.close();
    },
  };
}

/** The heartbeat's device block from the app's device status (the API has no "jammed" paper). */
export function heartbeatFromDevices(d: DeviceStatus): HeartbeatSnapshot {
  return {
    devices: {
      cardReader: d.reader.device,
      printer: d.printer.device,
      paper: d.printer.paper === 'jammed' ? 'unknown' : d.printer.paper,
    },
  };
}

/**
 * Keeps the app's device status in step with the engine: the central service's online state
 * (current value first, then changes) and the out-of-service state set remotely (persisted
 * across restarts, so applied at once too).
 */
export function connectDeviceStatus(
  engine: SyncEngine,
  devices: {
    setCentral(s: { state: 'online' | 'offline'; lastError: string | null }): void;
    setOutOfService(active: boolean, message: string | null): void;
  },
): void {
  const apply = (st: { state: 'online' | 'offline'; lastError: string | null }): void =>
    devices.setCentral({ state: st.state, lastError: st.lastError });
  engine.onStatus(apply);
  apply(engine.status());
  const oos = engine.remote().outOfService;
  if (oos.active) devices.setOutOfService(true, oos.message);
  engine.onEvent((e) => {
    if (e.type === 'out_of_service') devices.setOutOfService(e.active, e.message);
  });
}
