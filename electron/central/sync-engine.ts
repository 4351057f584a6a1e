import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import type { KioskStore } from '../store/kiosk-store';
import type { OutboxError, OutboxLookup, Summary } from '../store/outbox';
import { CentralClient, type CentralStatus, type ClientTuning } from './client';
import type { CentralSettings } from './config';
import { CredentialFile, type Enrolment } from './credentials';
import { enrolKiosk, type EnrolError } from './enrolment';
import { describeError } from './errors';
import { HeartbeatWorker, type HeartbeatSnapshot, type RemoteEvent } from './heartbeat';
import { describeHotlistError, HotlistSync, publicKeyFrom } from './hotlist-sync';
import {
  OutboxDelivery,
  type DeliveryEvent,
  type DeliveryTuning,
  type OperationKind,
  type RejectedOperation,
} from './outbox-delivery';
import { loadRemoteState, type RemoteState } from './remote-state';

export type SyncEvent =
  | DeliveryEvent
  | RemoteEvent
  | { readonly type: 'enrolled'; readonly kioskId: string }
  | { readonly type: 'hotlist_updated'; readonly version: number; readonly kind: string }
  | { readonly type: 'hotlist_rejected'; readonly reason: string };

/** Operations whose acknowledgement changes the central invalid list (hotlist). */
const CHANGES_INVALID_LIST: ReadonlySet<string> = new Set(['loss_report', 'loss_report_cancel']);

export interface SyncStatus extends CentralStatus {
  readonly enrolled: boolean;
  readonly outboxDepth: number;
  readonly hotlistVersion: number;
}

export interface SyncEngineOptions {
  readonly store: KioskStore;
  readonly config: CentralSettings;
  /** Where the sealed credentials and the remote state live. */
  readonly dataDir: string;
  readonly log: Logger;
  readonly appVersion: string;
  readonly baseUrl: string;
  readonly heartbeatSource: () => HeartbeatSnapshot;
  readonly now?: () => number;
  /** Test knobs: timeouts, backoff, breaker, batch size. */
  readonly tuning?: Partial<ClientTuning> & { readonly delivery?: Partial<DeliveryTuning> };
}

export interface SyncEngine {
  readonly client: CentralClient;
  readonly delivery: OutboxDelivery;
  /** Starts the loops: hotlist and heartbeat now and periodically, outbox delivery. */
  start(): void;
  close(): Promise<void>;
  enrolment(): Enrolment | null;
  enrol(code: string, name: string): Promise<Result<Enrolment, EnrolError>>;
  status(): SyncStatus;
  onStatus(listener: (s: SyncStatus) => void): () => void;
  onEvent(listener: (e: SyncEvent) => void): () => void;
  /** Records an operation durably (resolves when on disk) and wakes delivery. */
  record(
    kind: OperationKind,
    payload: unknown,
    summary?: Summary,
  ): Promise<Result<{ key: string }, OutboxError>>;
  deliveryState(key: string): OutboxLookup | null;
  rejectedOperations(limit?: number): RejectedOperation[];
  refreshHotlist(): Promise<Result<number, string>>;
  heartbeatNow(): Promise<Result<void, string>>;
  remote(): Readonly<RemoteState>;
  /** The last heartbeat the service answered: when, and its round trip (attendant dashboard). */
  lastHeartbeat(): { readonly at: number; readonly latencyMs: number } | null;
}

/**
 * The kiosk side of the central service: one signed client, and on it outbox delivery,
 * hotlist pulls and heartbeats. Everything is a loop that survives failures; status and
 * events go to the app (device-status 'central', attendant screen).
 */
export function createSyncEngine(o: SyncEngineOptions): Result<SyncEngine, { message: string }> {
  const { store, config, log } = o;
  const now = o.now ?? Date.now;
  const credentials = new CredentialFile(join(o.dataDir, 'central-credentials.bin'), store.cipher);
  const loaded = credentials.load();
  if (!loaded.ok) return err({ message: `central credentials: ${loaded.error.message}` });
  let enrolment = loaded.value;
  if (enrolment && enrolment.baseUrl !== o.baseUrl)
    log.warn('central: enrolled against another service address; using the stored credentials');
  const pinnedKey = config.hotlistPublicKeyPem ? publicKeyFrom(config.hotlistPublicKeyPem) : null;
  if (config.hotlistPublicKeyPem && !pinnedKey)
    return err({ message: 'central.hotlistPublicKeyPem is not an Ed25519 public key' });
  let enrolledKey: KeyObject | null = enrolment
    ? publicKeyFrom(enrolment.hotlistPublicKeyPem)
    : null;

  const statusListeners = new Set<(s: SyncStatus) => void>();
  const eventListeners = new Set<(e: SyncEvent) => void>();
  // Set by close(): nothing is published (or read from the store) after it.
  let closed = false;
  const emit = (e: SyncEvent): void => {
    if (closed) return;
    for (const l of eventListeners) l(e);
  };

  const client = new CentralClient({
    baseUrl: o.baseUrl,
    credentials: () => enrolment,
    log,
    now,
    tuning: {
      connectTimeoutMs: config.connectTimeoutMs,
      totalTimeoutMs: config.totalTimeoutMs,
      ...o.tuning,
    },
  });
  const delivery = new OutboxDelivery({
    outbox: store.outbox,
    store: store.store,
    client,
    log,
    emit: (e) => {
      emit(e);
      // The card just entered or left the central invalid list: the local copy follows at
      // once, whether the citizen is still at the screen or the report was queued offline.
      if (e.type === 'operation_delivered' && CHANGES_INVALID_LIST.has(e.kind))
        inFlight(refreshHotlist());
    },
    now,
    tuning: { batchSize: config.outboxBatchSize, ...o.tuning?.delivery },
  });
  const hotlist = new HotlistSync({
    client,
    hotlist: store.hotlist,
    publicKey: () => pinnedKey ?? enrolledKey,
    log,
  });
  const remoteState = loadRemoteState(join(o.dataDir, 'central-remote.json'));

  const refreshHotlist = async (): Promise<Result<number, string>> => {
    if (!enrolment) return err('not enrolled');
    const r = await hotlist.refresh();
    if (r.ok) {
      if (r.value.kind !== 'current')
        emit({ type: 'hotlist_updated', version: r.value.to, kind: r.value.kind });
      return ok(r.value.to);
    }
    const reason = describeHotlistError(r.error);
    if (r.error.kind.startsWith('hotlist_')) emit({ type: 'hotlist_rejected', reason });
    return err(reason);
  };

  const heartbeat = new HeartbeatWorker({
    client,
    outbox: store.outbox,
    log,
    appVersion: o.appVersion,
    source: o.heartbeatSource,
    hotlistVersion: () => store.hotlist.version,
    state: remoteState,
    statePath: join(o.dataDir, 'central-remote.json'),
    now,
    emit: (e) => {
      emit(e);
      if (e.type === 'refresh_hotlist') inFlight(refreshHotlist());
    },
  });

  const status = (): SyncStatus => ({
    ...client.status(),
    enrolled: enrolment !== null,
    outboxDepth: store.outbox.depth(now()).count,
    hotlistVersion: store.hotlist.version,
  });
  client.onStatus(() => {
    if (closed) return;
    const s = status();
    for (const l of statusListeners) l(s);
  });

  const timers: NodeJS.Timeout[] = [];
  let started = false;
  // Background work still running; close() waits for it so nothing touches the store after.
  const running = new Set<Promise<unknown>>();
  const inFlight = (p: Promise<unknown>): void => {
    if (closed) return;
    running.add(p);
    const done = (): void => void running.delete(p);
    p.then(done, done);
  };
  let lastBeat: { at: number; latencyMs: number } | null = null;
  const heartbeatNow = async (): Promise<Result<void, string>> => {
    if (!enrolment) return err('not enrolled');
    const sent = now();
    const r = await heartbeat.beat();
    if (r.ok) lastBeat = { at: now(), latencyMs: now() - sent };
    return r.ok ? ok(undefined) : err(describeError(r.error));
  };
  /**
   * While the service is unreachable, a heartbeat probes sooner than the regular interval
   * (5 s, doubling up to it), so the kiosk offers inquiry again soon after the service is
   * back, not up to a whole heartbeat interval later. Any successful call ends the probing.
   */
  let probe: { timer: NodeJS.Timeout; delayMs: number } | null = null;
  const PROBE_FIRST_MS = 5_000;
  const probeWhileOffline = (): void => {
    if (closed || !enrolment || timers.length === 0) return;
    if (client.status().state === 'online') {
      if (probe) clearTimeout(probe.timer);
      probe = null;
      return;
    }
    if (probe) return;
    const schedule = (delayMs: number): void => {
      const timer = setTimeout(() => {
        probe = null;
        if (closed || client.status().state === 'online') return;
        inFlight(
          heartbeatNow().then(() => {
            if (!closed && client.status().state !== 'online' && !probe)
              schedule(Math.min(delayMs * 2, config.heartbeatSeconds * 1000));
          }),
        );
      }, delayMs);
      timer.unref();
      probe = { timer, delayMs };
    };
    schedule(Math.min(PROBE_FIRST_MS, config.heartbeatSeconds * 1000));
  };
  client.onStatus(probeWhileOffline);

  const beginLoops = (): void => {
    delivery.start();
    inFlight(refreshHotlist());
    inFlight(heartbeatNow());
    timers.push(
      setInterval(() => inFlight(heartbeatNow()), config.heartbeatSeconds * 1000),
      setInterval(() => inFlight(refreshHotlist()), config.hotlistSeconds * 1000),
    );
  };

  return ok({
    client,
    delivery,
    start() {
      if (started) return;
      started = true;
      if (enrolment) beginLoops();
      else log.warn('central: not enrolled; waiting for an enrolment code');
    },
    async close() {
      closed = true;
      for (const t of timers.splice(0)) clearInterval(t);
      if (probe) clearTimeout(probe.timer);
      probe = null;
      await delivery.stop();
      // Aborts requests on the wire; the loops waiting on them end at once with an error.
      client.close();
      await Promise.allSettled([...running]);
    },
    enrolment: () => enrolment,
    async enrol(code, name) {
      const r = await enrolKiosk({ client, credentials, log, code, name, now });
      if (!r.ok) return r;
      enrolment = r.value;
      enrolledKey = publicKeyFrom(r.value.hotlistPublicKeyPem);
      emit({ type: 'enrolled', kioskId: r.value.kioskId });
      if (started && timers.length === 0) beginLoops();
      return r;
    },
    status,
    onStatus(l) {
      statusListeners.add(l);
      return () => statusListeners.delete(l);
    },
    onEvent(l) {
      eventListeners.add(l);
      return () => eventListeners.delete(l);
    },
    async record(kind, payload, summary) {
      const r = await store.outbox.record({ kind, payload, ...(summary ? { summary } : {}) });
      if (r.ok) delivery.kick();
      return r;
    },
    deliveryState: (key) => delivery.deliveryState(key),
    rejectedOperations: (limit) => delivery.rejected(limit),
    refreshHotlist,
    heartbeatNow,
    remote: () => heartbeat.state,
    lastHeartbeat: () => lastBeat,
  });
}
