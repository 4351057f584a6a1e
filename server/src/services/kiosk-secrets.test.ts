import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKioskSecretKeysEnv, type CentralConfigInput } from '../config';
import type { Database } from '../db/database';
import { openPglite } from '../db/pglite';
import { startCentral } from '../start';
import { KioskClient, enrol } from '../testing/kiosk-client';
import { createEnrolmentCode } from './kiosk-auth';
import { KioskSecretKeyring } from './kiosk-secrets';

const K1 = { id: 'k1', key: '11'.repeat(32) };
const K2 = { id: 'k2', key: '22'.repeat(32) };
const MASTER_KEYS = {
  sm4: { internal: '00'.repeat(16), read: '01'.repeat(16) },
  '3des': { internal: '02'.repeat(16), read: '03'.repeat(16) },
};

describe('KioskSecretKeyring', () => {
  it('seals with AES-256-GCM under the current key and opens again', () => {
    const ring = new KioskSecretKeyring([K1]);
    const sealed = ring.seal('kiosk-a', 'the-plain-secret');
    expect(sealed).toMatch(/^v1:k1:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('the-plain-secret');
    expect(ring.seal('kiosk-a', 'the-plain-secret')).not.toBe(sealed); // fresh IV each time
    expect(ring.open('kiosk-a', sealed)).toEqual({ ok: true, value: 'the-plain-secret' });
  });

  it('refuses a sealed secret moved to another kiosk, a wrong key and an unknown key id', () => {
    const sealed = new KioskSecretKeyring([K1]).seal('kiosk-a', 's');
    expect(new KioskSecretKeyring([K1]).open('kiosk-b', sealed)).toEqual({
      ok: false,
      error: { kind: 'wrong_key', keyId: 'k1' },
    });
    const impostor = new KioskSecretKeyring([{ id: 'k1', key: '99'.repeat(32) }]);
    expect(impostor.open('kiosk-a', sealed)).toEqual({
      ok: false,
      error: { kind: 'wrong_key', keyId: 'k1' },
    });
    expect(() => impostor.openOrThrow('kiosk-a', sealed)).toThrow(
      /does not open with key "k1": the configured key material for that id is wrong/,
    );
    expect(new KioskSecretKeyring([K2]).open('kiosk-a', sealed)).toEqual({
      ok: false,
      error: { kind: 'unknown_key', keyId: 'k1' },
    });
    expect(new KioskSecretKeyring([K1]).open('kiosk-a', 'v1:k1:AAAA')).toEqual({
      ok: false,
      error: { kind: 'malformed' },
    });
  });

  it('reads CENTRAL_KIOSK_SECRET_KEYS, current key first, and rejects bad ones clearly', () => {
    expect(parseKioskSecretKeysEnv(`k2:${K2.key}, k1:${K1.key}`)).toEqual([K2, K1]);
    expect(() => parseKioskSecretKeysEnv('k1:abcd')).toThrow(/CENTRAL_KIOSK_SECRET_KEYS must be/);
    expect(() => parseKioskSecretKeysEnv(`k1:${K1.key},k1:${K2.key}`)).toThrow(/differ/);
    expect(() => new KioskSecretKeyring([])).toThrow(/at least one key/);
  });
});

describe('kiosk secrets at rest in the database', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPglite();
  });
  afterAll(async () => {
    await db.close();
  });

  const config = (keys: { id: string; key: string }[]): CentralConfigInput => ({
    demo: false,
    port: 0,
    masterKeys: MASTER_KEYS,
    kioskSecretKeys: keys,
    smsGateway: { url: 'http://127.0.0.1:9/sms', token: 't' }, // never called here
  });
  const storedSecret = async (kioskId: string): Promise<string | undefined> =>
    (
      await db.query<{ secret_sealed: string }>('SELECT secret_sealed FROM kiosks WHERE id = $1', [
        kioskId,
      ])
    )[0]?.secret_sealed;
  const configStatus = async (url: string, kiosk: KioskClient): Promise<number> =>
    (await new KioskClient(url, kiosk.kioskId, kiosk.secret).get('/v1/kiosks/config')).status;

  it('stores no plain secret, and re-seals every row under a new key on rotation', async () => {
    const first = await startCentral({ db, config: config([K1]) });
    const kiosk = await enrol(first.url, (await createEnrolmentCode(first.ctx)).code);
    await first.close();
    const stored = await storedSecret(kiosk.kioskId);
    expect(stored).toMatch(/^v1:k1:/);
    expect(stored).not.toContain(kiosk.secret);

    // Rotation, step 1: the new key first, the old one still listed.
    const rotating = await startCentral({ db, config: config([K2, K1]) });
    expect(await storedSecret(kiosk.kioskId)).toMatch(/^v1:k2:/);
    expect(await configStatus(rotating.url, kiosk)).toBe(200);
    await rotating.close();

    // Step 2: the old key dropped.
    const rotated = await startCentral({ db, config: config([K2]) });
    expect(await configStatus(rotated.url, kiosk)).toBe(200);
    await rotated.close();
  });

  it('refuses to start with a clear error when the key for stored rows is missing or wrong', async () => {
    await expect(startCentral({ db, config: config([K1]) })).rejects.toThrow(
      /sealed under key "k2", which is not in kioskSecretKeys \(CENTRAL_KIOSK_SECRET_KEYS\)/,
    );
    await expect(
      startCentral({ db, config: config([{ id: 'k2', key: '77'.repeat(32) }]) }),
    ).rejects.toThrow(/does not open with key "k2"/);
  });

  it('migration 002 seals the plain secrets stored before it', async () => {
    const legacy = await openPglite();
    try {
      await startCentral({ db: legacy, config: config([K1]) }).then((c) => c.close());
      // Back to the schema and rows as they were before 002.
      await legacy.query('ALTER TABLE kiosks RENAME COLUMN secret_sealed TO secret');
      await legacy.query(
        "DELETE FROM schema_migrations WHERE name = '002_kiosk_secrets_sealed.sql'",
      );
      await legacy.query(
        "INSERT INTO kiosks (id, name, secret) VALUES ('kiosk-legacy', 'old', 'plain-legacy-secret')",
      );
      const central = await startCentral({ db: legacy, config: config([K1]) });
      try {
        const rows = await legacy.query<{ secret_sealed: string }>(
          "SELECT secret_sealed FROM kiosks WHERE id = 'kiosk-legacy'",
        );
        expect(rows[0]?.secret_sealed).toMatch(/^v1:k1:/);
        expect(rows[0]?.secret_sealed).not.toContain('plain-legacy-secret');
        const old = new KioskClient(central.url, 'kiosk-legacy', 'plain-legacy-secret');
        expect(await configStatus(central.url, old)).toBe(200);
      } finally {
        await central.close();
      }
    } finally {
      await legacy.close();
    }
  });
});
