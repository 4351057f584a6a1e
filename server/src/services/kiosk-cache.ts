import type { Queryable } from '../db/database';

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
    private readonly maxEntries = 100_000,
  ) {}

  async get(db: Queryable, kioskId: string): Promise<KioskCredentials | undefined> {
    const hit = this.entries.get(kioskId);
    if (hit && hit.until > this.now()) return hit.value;
    const rows = await db.query<KioskCredentials>(
      'SELECT secret, disabled FROM kiosks WHERE id = $1',
      [kioskId],
    );
    const value = rows[0];
    if (!value) {
      this.entries.delete(kioskId);
      return undefined; // unknown ids are not cached: a kiosk enrolled a moment ago must work at once
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(kioskId, { value, until: this.now() + this.ttlMs });
    return value;
  }

  invalidate(kioskId: string): void {
    this.entries.delete(kioskId);
  }
}
