import { z } from 'zod';
import type * as api from '../../server/api-types';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import type { Outbox } from '../store/outbox';
import type { CentralClient } from './client';
import type { CentralError } from './errors';
import { saveRemoteState, type RemoteState } from './remote-state';
import { HeartbeatResponseSchema, KioskConfigSchema } from './schemas';

/** What the app reports about itself at each heartbeat (device states, today's counters). */
export interface HeartbeatSnapshot {
  readonly devices: api.Heartbeat['devices'];
  readonly counters?: Readonly<Record<string, number>>;
  /** Put out of service on the kiosk itself (attendant), reported like a remote command. */
  readonly outOfService?: boolean;
}

export type RemoteEvent =
  | { readonly type: 'config_applied'; readonly version: number }
  | { readonly type: 'config_rejected'; readonly version: number | null; readonly reason: string }
  | { readonly type: 'out_of_service'; readonly active: boolean; readonly message: string | null }
  | { readonly type: 'refresh_hotlist' };

export interface HeartbeatReport {
  readonly commands: number;
  readonly configVersion: number;
  readonly hotlistVersion: number;
}

/**
 * `POST /v1/kiosks/heartbeat`: device status, counters, app version, outbox depth and the age
 * of its oldest operation → configuration version and commands. A newer configuration is
 * fetched and validated; a bad one is refused (reported, the old one kept). Commands are
 * applied in id order and persisted, so "out of service" survives a restart.
 */
export class HeartbeatWorker {
  constructor(
    private readonly deps: {
      readonly client: CentralClient;
      readonly outbox: Outbox;
      readonly log: Logger;
      readonly appVersion: string;
      readonly source: () => HeartbeatSnapshot;
      readonly hotlistVersion: () => number;
      readonly state: RemoteState;
      readonly statePath: string;
      readonly emit: (e: RemoteEvent) => void;
      readonly now?: () => number;
    },
  ) {}

  get state(): RemoteState {
    return this.deps.state;
  }

  async beat(): Promise<Result<HeartbeatReport, CentralError>> {
    const d = this.deps;
    const depth = d.outbox.depth((d.now ?? Date.now)());
    const snap = d.source();
    const report: api.Heartbeat = {
      appVersion: d.appVersion,
      configVersion: d.state.config?.version ?? 0,
      hotlistVersion: d.hotlistVersion(),
      outboxDepth: depth.count,
      oldestOutboxAgeSeconds: Math.floor(depth.oldestAgeMs / 1000),
      devices: snap.devices,
      ...(snap.counters ? { counters: { ...snap.counters } } : {}),
      outOfService: d.state.outOfService.active || snap.outOfService === true,
    };
    // Not idempotent (commands are handed over once); the next beat comes soon anyway.
    const r = await d.client.call('heartbeat', {
      body: report,
      schema: HeartbeatResponseSchema,
      idempotent: false,
    });
    if (!r.ok) return r;
    let changed = false;
    for (const c of r.value.commands) {
      if (c.id <= d.state.lastCommandId) continue;
      d.state.lastCommandId = c.id;
      changed = true;
      if (c.type === 'out_of_service' || c.type === 'in_service') {
        const active = c.type === 'out_of_service';
        d.state.outOfService = { active, message: active ? (c.message ?? null) : null };
        d.log.warn({ active }, 'central: service state set remotely');
        d.emit({ type: 'out_of_service', ...d.state.outOfService });
      } else if (c.type === 'refresh_hotlist') d.emit({ type: 'refresh_hotlist' });
      else if (c.type === 'refresh_config') await this.refreshConfig();
    }
    if (r.value.configVersion !== (d.state.config?.version ?? -1)) {
      await this.refreshConfig();
      changed = true;
    }
    if (changed) this.persist();
    return ok({
      commands: r.value.commands.length,
      configVersion: r.value.configVersion,
      hotlistVersion: r.value.hotlistVersion,
    });
  }

  /** Fetches the configuration; applies it only when it validates. */
  async refreshConfig(): Promise<Result<number, CentralError | { kind: 'config_invalid' }>> {
    const d = this.deps;
    // Fetched as raw JSON so a bad configuration is reported with what was wrong in it.
    const r = await d.client.call('kioskConfig', {
      schema: z.looseObject({ version: z.number().optional() }),
      idempotent: true,
    });
    if (!r.ok) return r;
    const parsed = KioskConfigSchema.safeParse(r.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const reason = `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
      const version = typeof r.value.version === 'number' ? r.value.version : null;
      d.log.error({ version, reason }, 'central: configuration refused, previous one kept');
      d.emit({ type: 'config_rejected', version, reason });
      return err({ kind: 'config_invalid' });
    }
    d.state.config = parsed.data;
    this.persist();
    d.emit({ type: 'config_applied', version: parsed.data.version });
    return ok(parsed.data.version);
  }

  private persist(): void {
    try {
      saveRemoteState(this.deps.statePath, this.deps.state);
    } catch (e) {
      this.deps.log.error({ e }, 'central: remote state not saved');
    }
  }
}
