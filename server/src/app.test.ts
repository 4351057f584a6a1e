import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCentral } from './app';
import type { Database } from './db/database';
import { migrate } from './db/migrate';
import { openPglite } from './db/pglite';

const KEYS = {
  sm4: { internal: '00'.repeat(16), read: '11'.repeat(16) },
  '3des': { internal: '22'.repeat(16), read: '33'.repeat(16) },
};
const SECRET_KEYS = [{ id: 'k1', key: '44'.repeat(32) }];
// Never called in these tests: nothing here sends a code.
const SMS = { url: 'http://127.0.0.1:9/sms', token: 't' };

describe('production mode', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPglite();
  });
  afterAll(async () => {
    await db.close();
  });

  it('refuses to start without master keys', async () => {
    await expect(buildCentral({ db, config: { demo: false } })).rejects.toThrow(/masterKeys/);
  });

  it('refuses to start without kiosk secret keys, naming the setting', async () => {
    await expect(
      buildCentral({ db, config: { demo: false, masterKeys: KEYS, smsGateway: SMS } }),
    ).rejects.toThrow(
      /kioskSecretKeys are required outside demo mode: set CENTRAL_KIOSK_SECRET_KEYS/,
    );
  });

  it('refuses to start without an SMS gateway, naming the setting', async () => {
    await expect(
      buildCentral({ db, config: { demo: false, masterKeys: KEYS, kioskSecretKeys: SECRET_KEYS } }),
    ).rejects.toThrow(/smsGateway is required outside demo mode: set CENTRAL_SMS_GATEWAY/);
  });

  it('keeps the development SMS sink closed and migrations idempotent', async () => {
    const { app } = await buildCentral({
      db,
      config: { demo: false, masterKeys: KEYS, kioskSecretKeys: SECRET_KEYS, smsGateway: SMS },
    });
    const res = await app.inject({ method: 'GET', url: '/v1/dev/sms' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'dev_sink_disabled' } });
    expect(await migrate(db)).toEqual([]);
    await app.close();
  });

  it('answers malformed JSON and oversized bodies with the error shape', async () => {
    const { app } = await buildCentral({
      db,
      config: {
        demo: false,
        masterKeys: KEYS,
        kioskSecretKeys: SECRET_KEYS,
        smsGateway: SMS,
        bodyLimitBytes: 2048,
      },
    });
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/kiosks/enrol',
      headers: { 'content-type': 'application/json' },
      payload: '{"code":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const big = await app.inject({
      method: 'POST',
      url: '/v1/kiosks/enrol',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ code: 'x'.repeat(5000), name: 'n' }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const text = await app.inject({
      method: 'POST',
      url: '/v1/kiosks/enrol',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
    await app.close();
  });
});
