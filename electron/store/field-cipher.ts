import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../result';

/**
 * AES-256-GCM for personal fields at rest. Sealed layout: version byte, 12-byte nonce, 16-byte
 * tag, ciphertext. `context` (e.g. "outbox.payload") is authenticated, so a ciphertext moved to
 * another column fails to open. Keys are derived from the master key with HKDF so the field key
 * and the audit HMAC key are never the same bytes.
 */
const VERSION = 1;
const NONCE = 12;
const TAG = 16;

export type OpenError = { readonly kind: 'cipher_unreadable'; readonly message: string };

export class FieldCipher {
  private readonly fieldKey: Buffer;
  private readonly refKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new RangeError('FieldCipher needs a 32-byte key');
    this.fieldKey = Buffer.from(hkdfSync('sha256', masterKey, 'ssc-kiosk', 'field-encryption', 32));
    this.refKey = Buffer.from(hkdfSync('sha256', masterKey, 'ssc-kiosk', 'audit-reference', 32));
  }

  seal(plain: string, context: string): Uint8Array {
    const nonce = randomBytes(NONCE);
    const c = createCipheriv('aes-256-gcm', this.fieldKey, nonce);
    c.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return new Uint8Array(Buffer.concat([Buffer.of(VERSION), nonce, c.getAuthTag(), body]));
  }

  open(sealed: Uint8Array, context: string): Result<string, OpenError> {
    const buf = Buffer.from(sealed);
    if (buf.length < 1 + NONCE + TAG || buf[0] !== VERSION) {
      return err({ kind: 'cipher_unreadable', message: 'not a sealed field' });
    }
    try {
      const d = createDecipheriv('aes-256-gcm', this.fieldKey, buf.subarray(1, 1 + NONCE));
      d.setAAD(Buffer.from(context, 'utf8'));
      d.setAuthTag(buf.subarray(1 + NONCE, 1 + NONCE + TAG));
      return ok(
        Buffer.concat([d.update(buf.subarray(1 + NONCE + TAG)), d.final()]).toString('utf8'),
      );
    } catch {
      return err({
        kind: 'cipher_unreadable',
        message: 'authentication failed (wrong key or altered)',
      });
    }
  }

  /**
   * A keyed reference to a personal value: equal inputs give equal references (so the audit can
   * say "the same card as before") but the value cannot be recovered or guessed offline.
   */
  reference(value: string): string {
    return createHmac('sha256', this.refKey).update(value, 'utf8').digest('hex').slice(0, 24);
  }
}
