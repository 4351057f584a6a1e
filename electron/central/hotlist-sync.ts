import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import type { HotlistFiles } from '../store/hotlist-files';
import type { CentralClient } from './client';
import { describeError, type CentralError } from './errors';
import { HotlistPayloadSchema, SignedHotlistSchema } from './schemas';

export type HotlistSyncError =
  | CentralError
  | { readonly kind: 'hotlist_bad_signature'; readonly message: string }
  | { readonly kind: 'hotlist_bad_payload'; readonly message: string }
  | { readonly kind: 'hotlist_version_gap'; readonly message: string }
  | { readonly kind: 'hotlist_store'; readonly message: string };

export interface HotlistSyncReport {
  readonly from: number;
  readonly to: number;
  readonly kind: 'delta' | 'snapshot' | 'current';
}

export function publicKeyFrom(pem: string): KeyObject | null {
  try {
    const k = createPublicKey(pem);
    return k.asymmetricKeyType === 'ed25519' ? k : null;
  } catch {
    return null;
  }
}

/**
 * Pulls the signed invalid list: `GET /v1/hotlist?since=<our version>`. The signature
 * (Ed25519 over the payload text) is checked before anything is parsed further; a delta that
 * does not start at our version is a gap, answered by asking for a full snapshot (since=0
 * forces one) rather than applying it.
 */
export class HotlistSync {
  private inFlight: Promise<Result<HotlistSyncReport, HotlistSyncError>> | null = null;

  constructor(
    private readonly deps: {
      readonly client: CentralClient;
      readonly hotlist: HotlistFiles;
      readonly publicKey: () => KeyObject | null;
      readonly log: Logger;
    },
  ) {}

  /** One refresh at a time; concurrent callers share it. */
  refresh(): Promise<Result<HotlistSyncReport, HotlistSyncError>> {
    this.inFlight ??= this.pull().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async pull(): Promise<Result<HotlistSyncReport, HotlistSyncError>> {
    const first = await this.fetchAndApply(this.deps.hotlist.version);
    if (!first.ok && first.error.kind === 'hotlist_version_gap') {
      this.deps.log.warn({ problem: first.error.message }, 'hotlist: gap, asking for a snapshot');
      return this.fetchAndApply(0);
    }
    return first;
  }

  private async fetchAndApply(since: number): Promise<Result<HotlistSyncReport, HotlistSyncError>> {
    const key = this.deps.publicKey();
    if (!key)
      return err({
        kind: 'hotlist_bad_signature',
        message: 'no valid hotlist public key configured',
      });
    const r = await this.deps.client.call('getHotlist', {
      query: since > 0 ? { since } : {},
      schema: SignedHotlistSchema,
      idempotent: true,
    });
    if (!r.ok) return r;
    const signature = Buffer.from(r.value.signature, 'base64');
    let good: boolean;
    try {
      good = verify(null, Buffer.from(r.value.payload, 'utf8'), key, signature);
    } catch {
      good = false;
    }
    if (!good) {
      this.deps.log.error({ keyId: r.value.keyId }, 'hotlist: signature check failed, ignored');
      return err({ kind: 'hotlist_bad_signature', message: 'hotlist signature does not verify' });
    }
    let json: unknown;
    try {
      json = JSON.parse(r.value.payload);
    } catch {
      return err({ kind: 'hotlist_bad_payload', message: 'signed payload is not JSON' });
    }
    const parsed = HotlistPayloadSchema.safeParse(json);
    if (!parsed.success)
      return err({
        kind: 'hotlist_bad_payload',
        message: 'signed payload does not fit the schema',
      });
    const p = parsed.data;
    const current = this.deps.hotlist.version;
    if (p.kind === 'snapshot') {
      if (since > 0 && p.toVersion < current)
        return err({
          kind: 'hotlist_version_gap',
          message: `snapshot ${p.toVersion} is older than ${current}`,
        });
      const w = await this.deps.hotlist.replaceAll(p.toVersion, p.cards ?? []);
      if (!w.ok) return err({ kind: 'hotlist_store', message: w.error.message });
      this.deps.log.info({ version: p.toVersion, size: w.value.size }, 'hotlist: snapshot applied');
      return ok({ from: current, to: p.toVersion, kind: 'snapshot' });
    }
    const from = p.fromVersion ?? -1;
    if (from !== current)
      return err({
        kind: 'hotlist_version_gap',
        message: `delta from ${from}, kiosk has ${current}`,
      });
    if (p.toVersion === current) return ok({ from: current, to: current, kind: 'current' });
    const w = await this.deps.hotlist.applyDelta({
      fromVersion: from,
      toVersion: p.toVersion,
      added: p.added ?? [],
      removed: p.removed ?? [],
    });
    if (!w.ok) {
      if (w.error.kind === 'hotlist_version')
        return err({ kind: 'hotlist_version_gap', message: w.error.message });
      return err({ kind: 'hotlist_store', message: w.error.message });
    }
    return ok({ from, to: p.toVersion, kind: 'delta' });
  }
}

export function describeHotlistError(e: HotlistSyncError): string {
  return e.kind.startsWith('hotlist_')
    ? `${e.kind}: ${e.message}`
    : describeError(e as CentralError);
}
