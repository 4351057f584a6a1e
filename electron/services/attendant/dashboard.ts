import { statfsSync, statSync } from 'node:fs';
import { freemem, totalmem } from 'node:os';
import { join } from 'node:path';
import type { AttendantDashboard, Health } from '../../attendant-contract';
import type { KioskSync } from '../../central/kiosk-sync';
import type { DeviceStatus } from '../../contract';

/** What the printer did lately, followed from its job events (the port keeps no history). */
export interface PrinterActivity {
  queue: number;
  lastJob: { title: string; state: string; reason: string | null; at: string } | null;
}

export interface DashboardSources {
  readonly devices: DeviceStatus;
  readonly printerReasons: string | null;
  readonly printer: PrinterActivity;
  readonly sync: KioskSync | null;
  readonly centralMode: 'embedded' | 'remote' | 'off';
  readonly dataDir: string;
  readonly appVersion: string;
  readonly counters: Record<string, number>;
  readonly now: number;
}

const MB = 1024 * 1024;
/** An operation waiting longer than this means delivery is stuck, not just slow. */
const OUTBOX_STUCK_SECONDS = 15 * 60;
/** The hotlist is pulled every 15 min by default; a day without a change is worth a look. */
const HOTLIST_OLD_SECONDS = 24 * 3600;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function hotlistChangedAt(dataDir: string): number | null {
  let latest: number | null = null;
  for (const f of ['hotlist.bin', 'hotlist-deltas.log']) {
    try {
      const m = statSync(join(dataDir, 'store', 'hotlist', f)).mtimeMs;
      latest = latest === null ? m : Math.max(latest, m);
    } catch {
      // not written yet
    }
  }
  return latest;
}

function disk(dataDir: string): AttendantDashboard['disk'] {
  try {
    const s = statfsSync(dataDir);
    const free = s.bavail * s.bsize;
    const health: Health = free < 200 * MB ? 'red' : free < 1024 * MB ? 'amber' : 'green';
    return { health, freeBytes: free, totalBytes: s.blocks * s.bsize };
  } catch {
    return { health: 'amber', freeBytes: null, totalBytes: null };
  }
}

/**
 * One screen of everything an attendant checks, each item with a health an attendant reads
 * at a glance (the screen shows it in words as well as colour).
 */
export function buildDashboard(src: DashboardSources): AttendantDashboard {
  const { devices, sync, now } = src;
  const r = devices.reader;
  const p = devices.printer;
  const readerHealth: Health =
    r.device === 'online' ? 'green' : r.device === 'busy' ? 'amber' : 'red';
  const printerHealth: Health =
    p.device !== 'online' || p.paper === 'out' || p.paper === 'jammed'
      ? 'red'
      : p.paper === 'full'
        ? 'green'
        : 'amber';

  const engine = sync?.engine ?? null;
  const status = engine?.status() ?? null;
  const beat = engine?.lastHeartbeat() ?? null;
  const enrolment = engine?.enrolment() ?? null;
  const centralHealth: Health = !status
    ? src.centralMode === 'off'
      ? 'amber'
      : 'red'
    : !status.enrolled
      ? 'amber'
      : status.state === 'online'
        ? 'green'
        : 'red';

  const depth = sync?.store.outbox.depth(now) ?? { count: 0, oldestAgeMs: 0 };
  const rejected = (engine?.rejectedOperations(10) ?? []).map((o) => ({
    kind: o.kind,
    reason: o.reason,
    at: new Date(o.settledAt).toISOString(),
  }));
  const oldestAgeSeconds = Math.floor(depth.oldestAgeMs / 1000);
  const outboxHealth: Health =
    oldestAgeSeconds > OUTBOX_STUCK_SECONDS
      ? 'red'
      : depth.count > 0 || rejected.length > 0
        ? 'amber'
        : 'green';

  const hotlistVersion = sync?.store.hotlist.version ?? 0;
  const changedAt = sync ? hotlistChangedAt(src.dataDir) : null;
  const hotlistAge = changedAt === null ? null : Math.max(0, Math.floor((now - changedAt) / 1000));
  const hotlistHealth: Health =
    hotlistVersion === 0
      ? 'red'
      : hotlistAge !== null && hotlistAge > HOTLIST_OLD_SECONDS
        ? 'amber'
        : 'green';

  const rss = process.memoryUsage().rss;
  const sysFree = freemem();
  const service = devices.service;
  return {
    at: new Date(now).toISOString(),
    reader: {
      health: readerHealth,
      device: r.device,
      name: r.name,
      cardPresent: r.media,
      lastError: r.lastError,
    },
    printer: {
      health: printerHealth,
      device: p.device,
      name: p.name,
      paper: p.paper,
      queue: src.printer.queue,
      reasons: src.printerReasons ?? p.lastError,
      lastJob: src.printer.lastJob,
    },
    central: {
      health: centralHealth,
      state: status ? status.state : src.centralMode === 'off' ? 'not_configured' : 'not_started',
      latencyMs: beat?.latencyMs ?? null,
      lastSyncAt: iso(beat?.at ?? null),
      kioskId: enrolment?.kioskId ?? null,
      lastError: status?.lastError ?? null,
    },
    outbox: { health: outboxHealth, depth: depth.count, oldestAgeSeconds, rejected },
    hotlist: {
      health: hotlistHealth,
      version: hotlistVersion,
      ageSeconds: hotlistAge,
      size: sync?.store.hotlist.list.size ?? 0,
    },
    disk: disk(src.dataDir),
    memory: {
      health: rss > 1024 * MB || sysFree < 100 * MB ? 'amber' : 'green',
      rssBytes: rss,
      systemFreeBytes: sysFree,
      systemTotalBytes: totalmem(),
    },
    service: {
      health: service.inService ? 'green' : 'red',
      inService: service.inService,
      reason: service.inService ? null : service.reason,
      message: service.inService ? null : service.message,
    },
    uptimeSeconds: Math.floor(process.uptime()),
    appVersion: src.appVersion,
    configVersion: sync?.engine.remote().config?.version ?? 0,
    counters: src.counters,
  };
}
