import type { Queryable } from '../db/database';
import type { KioskSecretKeyring } from './kiosk-secrets';

export interface KioskCredentials {
  readonly secret: string;
  readonly disabled: boolean;
}

/**
 * A short-lived read cache of kiosk credentials: every signed request needs the secret, and a
 * database round trip for it would be a third of a small request's cost. It holds nothing
 * instances must agree on (nonces and counters stay in the database); a kiosk disabled on
 * another instance is refused here within `ttlMs`, on this instance at once.
 */
export class KioskCache {
  private readonly entries = new Map<string, { value: KioskCredentials; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly keyring: KioskSecretKeyring,
    private readonly maxEntries = 100_000,
  ) {}

  async get(db: Queryable, kioskId: string): Promise<KioskCredentials | undefined> {
    const hit = this.entries.get(kioskId);
    if (hit && hit.until > this.now()) return hit.value;
    const rows = await db.query<{ secret_sealed: string; disabled: boolean }>(
      'SELECT secret_sealed, disabled FROM kiosks WHERE id = $1',
      [kioskId],
      'central_kiosk_credentials',
    );
    const row = rows[0];
    if (!row) {
      this.entries.delete(kioskId);
      return undefined; // unknown ids are not cached: a kiosk enrolled a moment ago must work at once
    }
    // A secret that does not open is a configuration fault (key removed too early): a 500 and
    // a logged reason, never a silent 401 that would look like the kiosk's fault.
    const value = {
      secret: this.keyring.openOrThrow(kioskId, row.secret_sealed),
      disabled: row.disabled,
    };
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(kioskId, { value, until: this.now() + this.ttlMs });
    return value;
  }

  invalidate(kioskId: string): void {
    this.entries.delete(kioskId);
  }
}
