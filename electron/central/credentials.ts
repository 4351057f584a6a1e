import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { fsyncDirSync } from '../store/durable-file';
import type { FieldCipher } from '../store/field-cipher';

/**
 * The kiosk's enrolment: id, signing secret and the hotlist's public key. Sealed with the
 * store's field cipher, whose master key comes from the key-provider port (Electron
 * safeStorage, or a 0600 key file), and written to a 0600 file: copying the disk alone does
 * not reveal the secret.
 */
export const EnrolmentSchema = z.object({
  kioskId: z.string().min(1),
  secret: z.string().min(16),
  hotlistKeyId: z.string(),
  hotlistPublicKeyPem: z.string(),
  baseUrl: z.string(),
  enrolledAt: z.number(),
});
export type Enrolment = z.infer<typeof EnrolmentSchema>;

export type CredentialError = { readonly kind: 'credentials_unreadable'; readonly message: string };

const CONTEXT = 'central.credentials';

export class CredentialFile {
  constructor(
    private readonly path: string,
    private readonly cipher: FieldCipher,
  ) {}

  /** `null` when the kiosk has never been enrolled. */
  load(): Result<Enrolment | null, CredentialError> {
    let sealed: Buffer;
    try {
      sealed = readFileSync(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
      return err({ kind: 'credentials_unreadable', message: String(e) });
    }
    const opened = this.cipher.open(sealed, CONTEXT);
    if (!opened.ok) return err({ kind: 'credentials_unreadable', message: opened.error.message });
    let json: unknown;
    try {
      json = JSON.parse(opened.value);
    } catch {
      return err({ kind: 'credentials_unreadable', message: 'not JSON' });
    }
    const parsed = EnrolmentSchema.safeParse(json);
    return parsed.success
      ? ok(parsed.data)
      : err({ kind: 'credentials_unreadable', message: 'unexpected content' });
  }

  /** Temp file (0600), fsync, rename, directory fsync: a crash leaves the old or the new one. */
  save(e: Enrolment): Result<void, CredentialError> {
    const tmp = `${this.path}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, this.cipher.seal(JSON.stringify(e), CONTEXT));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.path);
      fsyncDirSync(dirname(this.path));
      return ok(undefined);
    } catch (x) {
      return err({ kind: 'credentials_unreadable', message: String(x) });
    }
  }
}
