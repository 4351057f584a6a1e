import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { err, ok, type Result } from '../result';
import { fsyncDirSync } from './durable-file';

export type KeyError =
  | { readonly kind: 'key_file_permissions'; readonly message: string }
  | { readonly kind: 'key_invalid'; readonly message: string }
  | { readonly kind: 'key_unavailable'; readonly message: string };

/**
 * Where the 32-byte master key for personal fields comes from. The Electron host implements
 * it over `safeStorage` (see `SealedKeyFileProvider`); elsewhere a 0600 key file.
 */
export interface KeyProvider {
  masterKey(): Result<Buffer, KeyError>;
}

const KEY_BYTES = 32;

function createExclusive(path: string, content: Buffer): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(path, 0o600); // the umask may have narrowed, never widened, but be explicit
  fsyncDirSync(dirname(path));
}

function readGuarded(path: string): Result<Buffer | null, KeyError> {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
    return err({ kind: 'key_unavailable', message: String(e) });
  }
  // A key others can read protects nothing: refuse rather than use it.
  if ((mode & 0o077) !== 0) {
    return err({
      kind: 'key_file_permissions',
      message: `${path} is readable by others (mode ${(mode & 0o777).toString(8)}); chmod 600 it`,
    });
  }
  return ok(readFileSync(path));
}

/** A raw key in a file only its owner can read; created on first use. */
export class KeyFileProvider implements KeyProvider {
  private cached: Buffer | null = null;
  constructor(private readonly path: string) {}

  masterKey(): Result<Buffer, KeyError> {
    if (this.cached) return ok(this.cached);
    const read = readGuarded(this.path);
    if (!read.ok) return read;
    let key = read.value;
    if (!key) {
      key = randomBytes(KEY_BYTES);
      try {
        createExclusive(this.path, key);
      } catch (e) {
        return err({ kind: 'key_unavailable', message: String(e) });
      }
    }
    if (key.length !== KEY_BYTES) {
      return err({
        kind: 'key_invalid',
        message: `${this.path} does not hold a ${KEY_BYTES}-byte key`,
      });
    }
    this.cached = key;
    return ok(key);
  }
}

/** The shape of Electron's `safeStorage`, so the host can pass it in unchanged. */
export interface KeySealer {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/**
 * The key sealed by the OS keyring (Electron `safeStorage`) and stored sealed in a 0600 file,
 * so copying the disk alone does not reveal it.
 */
export class SealedKeyFileProvider implements KeyProvider {
  private cached: Buffer | null = null;
  constructor(
    private readonly path: string,
    private readonly sealer: KeySealer,
  ) {}

  masterKey(): Result<Buffer, KeyError> {
    if (this.cached) return ok(this.cached);
    if (!this.sealer.isEncryptionAvailable()) {
      return err({ kind: 'key_unavailable', message: 'OS key storage is not available' });
    }
    const read = readGuarded(this.path);
    if (!read.ok) return read;
    let key: Buffer;
    try {
      if (read.value) {
        key = Buffer.from(this.sealer.decryptString(read.value), 'base64');
      } else {
        key = randomBytes(KEY_BYTES);
        createExclusive(this.path, this.sealer.encryptString(key.toString('base64')));
      }
    } catch (e) {
      return err({ kind: 'key_unavailable', message: String(e) });
    }
    if (key.length !== KEY_BYTES)
      return err({ kind: 'key_invalid', message: 'sealed key has the wrong length' });
    this.cached = key;
    return ok(key);
  }
}
