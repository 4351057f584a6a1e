import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../../../electron/result';
import type { Queryable } from '../db/database';

/**
 * Kiosk secrets at rest: AES-256-GCM under a key from configuration, never the plain secret in
 * the database. A sealed secret is `v1:<keyId>:<base64url(iv ‖ ciphertext ‖ tag)>`, with the
 * kiosk id as associated data, so a sealed secret copied onto another kiosk's row does not
 * open. The first configured key seals; every configured key opens, which is what rotation
 * needs: put the new key first, start (every row is re-sealed under it), then drop the old one.
 */
export interface KioskSecretKey {
  /** Short name stored next to each sealed secret, e.g. `2026-11`. */
  readonly id: string;
  /** 32 bytes as 64 hex digits. */
  readonly key: string;
}

export type KioskSecretError =
  | { readonly kind: 'unknown_key'; readonly keyId: string }
  | { readonly kind: 'wrong_key'; readonly keyId: string }
  | { readonly kind: 'malformed' };

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const describeKioskSecretError = (kioskId: string, e: KioskSecretError): string => {
  switch (e.kind) {
    case 'unknown_key':
      return `the secret of kiosk ${kioskId} is sealed under key "${e.keyId}", which is not in kioskSecretKeys (CENTRAL_KIOSK_SECRET_KEYS); add it back, after the current key, until every row is re-sealed`;
    case 'wrong_key':
      return `the secret of kiosk ${kioskId} does not open with key "${e.keyId}": the configured key material for that id is wrong`;
    case 'malformed':
      return `the stored secret of kiosk ${kioskId} is malformed`;
  }
};

export class KioskSecretKeyring {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: readonly KioskSecretKey[]) {
    const first = keys[0];
    if (!first) throw new Error('kioskSecretKeys: at least one key is required');
    const map = new Map<string, Buffer>();
    for (const k of keys) {
      if (!/^[A-Za-z0-9_.-]{1,32}$/.test(k.id))
        throw new Error(`kioskSecretKeys: bad key id "${k.id}"`);
      if (!/^[0-9A-Fa-f]{64}$/.test(k.key))
        throw new Error(`kioskSecretKeys: key "${k.id}" must be 32 bytes as 64 hex digits`);
      if (map.has(k.id)) throw new Error(`kioskSecretKeys: key id "${k.id}" appears twice`);
      map.set(k.id, Buffer.from(k.key, 'hex'));
    }
    this.keys = map;
    this.currentKeyId = first.id;
  }

  seal(kioskId: string, secret: string): string {
    const key = this.keys.get(this.currentKeyId);
    if (!key) throw new Error('current kiosk secret key missing');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(kioskId, 'utf8'));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    return `${VERSION}:${this.currentKeyId}:${sealed}`;
  }

  /** The key id a stored value is sealed under; undefined for a legacy plain secret. */
  static keyIdOf(stored: string): string | undefined {
    return stored.startsWith(`${VERSION}:`) ? stored.split(':')[1] : undefined;
  }

  open(kioskId: string, stored: string): Result<string, KioskSecretError> {
    const parts = stored.split(':');
    if (parts.length !== 3 || parts[0] !== VERSION) return err({ kind: 'malformed' });
    const keyId = parts[1] ?? '';
    const key = this.keys.get(keyId);
    if (!key) return err({ kind: 'unknown_key', keyId });
    const raw = Buffer.from(parts[2] ?? '', 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES + 1) return err({ kind: 'malformed' });
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(kioskId, 'utf8'));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return ok(plain.toString('utf8'));
    } catch {
      // GCM's tag check failed: another key under the same id, or a tampered value.
      return err({ kind: 'wrong_key', keyId });
    }
  }

  /** Opens a stored secret, or throws with a message an operator can act on. */
  openOrThrow(kioskId: string, stored: string): string {
    const r = this.open(kioskId, stored);
    if (!r.ok) throw new Error(describeKioskSecretError(kioskId, r.error));
    return r.value;
  }
}

/**
 * Seals every kiosk secret under the current key: legacy plain rows (before migration 002)
 * and rows under an older key. Every row is opened on the way, so a missing or wrong key
 * stops the start with a clear error instead of failing kiosks one by one. Runs in the
 * caller's transaction; returns how many rows were re-sealed.
 */
export async function resealKioskSecrets(
  tx: Queryable,
  keyring: KioskSecretKeyring,
): Promise<number> {
  const rows = await tx.query<{ id: string; secret_sealed: string }>(
    'SELECT id, secret_sealed FROM kiosks ORDER BY id FOR UPDATE',
  );
  let resealed = 0;
  for (const row of rows) {
    const keyId = KioskSecretKeyring.keyIdOf(row.secret_sealed);
    const secret =
      keyId === undefined ? row.secret_sealed : keyring.openOrThrow(row.id, row.secret_sealed);
    if (keyId === keyring.currentKeyId) continue;
    await tx.query('UPDATE kiosks SET secret_sealed = $2 WHERE id = $1', [
      row.id,
      keyring.seal(row.id, secret),
    ]);
    resealed += 1;
  }
  return resealed;
}
