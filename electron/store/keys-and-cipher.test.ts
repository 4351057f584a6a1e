import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldCipher } from './field-cipher';
import { KeyFileProvider, SealedKeyFileProvider, type KeySealer } from './key-provider';
import { storeConfigSchema } from './config';
import { tempDirs } from './test-support';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('KeyFileProvider', () => {
  it('creates a 32-byte key with mode 0600 on first use and returns the same key later', () => {
    const path = join(dirs.make(), 'sub', 'store.key');
    const a = new KeyFileProvider(path).masterKey();
    if (!a.ok) throw new Error(a.error.message);
    expect(a.value).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const b = new KeyFileProvider(path).masterKey();
    expect(b.ok && b.value.equals(a.value)).toBe(true);
  });

  it('refuses a key file others can read', () => {
    const path = join(dirs.make(), 'store.key');
    writeFileSync(path, randomBytes(32));
    chmodSync(path, 0o644);
    const r = new KeyFileProvider(path).masterKey();
    expect(!r.ok && r.error.kind).toBe('key_file_permissions');
  });

  it('refuses a key file of the wrong length', () => {
    const path = join(dirs.make(), 'store.key');
    writeFileSync(path, 'short', { mode: 0o600 });
    const r = new KeyFileProvider(path).masterKey();
    expect(!r.ok && r.error.kind).toBe('key_invalid');
  });
});

describe('SealedKeyFileProvider', () => {
  // Stands in for Electron safeStorage: a reversible transform the file must not reveal.
  const sealer: KeySealer = {
    isEncryptionAvailable: () => true,
    encryptString: (s) => Buffer.from(`sealed:${Buffer.from(s).reverse().toString('hex')}`),
    decryptString: (b) => Buffer.from(b.toString().slice(7), 'hex').reverse().toString(),
  };

  it('stores the key only in sealed form and unseals it on the next start', () => {
    const path = join(dirs.make(), 'store.key.sealed');
    const a = new SealedKeyFileProvider(path, sealer).masterKey();
    if (!a.ok) throw new Error(a.error.message);
    expect(readFileSync(path).includes(Buffer.from(a.value.toString('base64')))).toBe(false);
    const b = new SealedKeyFileProvider(path, sealer).masterKey();
    expect(b.ok && b.value.equals(a.value)).toBe(true);
  });

  it('reports when the OS key storage is unavailable', () => {
    const r = new SealedKeyFileProvider(join(dirs.make(), 'k'), {
      ...sealer,
      isEncryptionAvailable: () => false,
    }).masterKey();
    expect(!r.ok && r.error.kind).toBe('key_unavailable');
  });
});

describe('FieldCipher', () => {
  const c = new FieldCipher(randomBytes(32));

  it('round-trips, and hides the plaintext', () => {
    const sealed = c.seal('11010519491231002X', 'outbox.payload');
    expect(Buffer.from(sealed).includes(Buffer.from('11010519491231002X'))).toBe(false);
    expect(c.open(sealed, 'outbox.payload')).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it('refuses altered bytes, another context and another key', () => {
    const sealed = c.seal('secret', 'a');
    const altered = Uint8Array.from(sealed);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(c.open(altered, 'a').ok).toBe(false);
    expect(c.open(sealed, 'b').ok).toBe(false);
    expect(new FieldCipher(randomBytes(32)).open(sealed, 'a').ok).toBe(false);
    expect(c.open(new Uint8Array(3), 'a').ok).toBe(false);
  });

  it('gives stable keyed references that differ between keys', () => {
    expect(c.reference('A12345678')).toBe(c.reference('A12345678'));
    expect(c.reference('A12345678')).not.toBe(
      new FieldCipher(randomBytes(32)).reference('A12345678'),
    );
    expect(c.reference('A12345678')).not.toContain('12345678');
  });
});

describe('storeConfigSchema', () => {
  it('fills defaults and rejects nonsense', () => {
    const cfg = storeConfigSchema.parse({});
    expect(cfg.snapshot.journalBytes).toBe(8 * 1024 * 1024);
    expect(cfg.history.maxEntries).toBe(10_000);
    expect(storeConfigSchema.safeParse({ history: { maxAgeDays: 0 } }).success).toBe(false);
  });
});
