/** What an authenticated card session token stands for. */
export interface SessionBinding {
  readonly sessionId: string;
  readonly kioskId: string;
  readonly cardId: number;
  readonly personId: number;
  readonly expiresAt: number;
}

/**
 * Authenticated sessions seen by this instance, by token hash. A token is never revoked
 * before it expires and its binding never changes, so serving it from memory until its
 * expiry is exactly as strict as the database; a token issued on another instance is looked
 * up there once.
 */
export class SessionCache {
  private readonly entries = new Map<string, SessionBinding>();

  constructor(private readonly maxEntries = 100_000) {}

  get(tokenHash: string, nowMs: number): SessionBinding | undefined {
    const hit = this.entries.get(tokenHash);
    if (hit && hit.expiresAt <= nowMs) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return hit;
  }

  set(tokenHash: string, binding: SessionBinding): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(tokenHash, binding);
  }
}
