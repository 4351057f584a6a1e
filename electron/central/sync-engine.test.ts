import { readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueCommand } from '../../server/src/services/kiosks';
import { FaultProxy } from '../../test/support/fault-proxy';
import { CentralClient } from './client';
import { HeartbeatResponseSchema } from './schemas';
import type { SyncEvent } from './sync-engine';
import {
  appliedCount,
  lossReportPayload,
  quietLog,
  sealedCard,
  startTestCentral,
  testKiosk,
  type TestCentral,
} from './test-support';

let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral();
}, 120_000);
afterAll(async () => {
  await central.close();
});

/** A local server answering every request with `answer`, counting hits. */
async function fakeService(
  answer: (hit: number) => { status: number; body: string },
): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits += 1;
    req.resume();
    const a = answer(hits);
    res.writeHead(a.status, { 'content-type': 'application/json' });
    res.end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const creds = { kioskId: 'kiosk-x', secret: 'a-secret-of-enough-length' };

describe('client', () => {
  it('turns malformed JSON and schema mismatches into typed errors', async () => {
    const svc = await fakeService((n) =>
      n === 1 ? { status: 200, body: '{"configVersion": 1,' } : { status: 200, body: '{"x":1}' },
    );
    const client = new CentralClient({ baseUrl: svc.url, credentials: () => creds, log: quietLog });
    const opts = { body: {}, schema: HeartbeatResponseSchema, idempotent: false } as const;
    const a = await client.call('heartbeat', opts);
    const b = await client.call('heartbeat', opts);
    expect(a).toMatchObject({ ok: false, error: { kind: 'malformed_response' } });
    expect(b).toMatchObject({ ok: false, error: { kind: 'schema_mismatch' } });
    client.close();
    await svc.close();
  });

  it('retries idempotent calls with backoff, never the others', async () => {
    const svc = await fakeService(() => ({ status: 503, body: '{}' }));
    const client = new CentralClient({
      baseUrl: svc.url,
      credentials: () => creds,
      log: quietLog,
      tuning: { maxAttempts: 3, backoffBaseMs: 5, backoffMaxMs: 10, breakerFailures: 100 },
    });
    const once = await client.call('heartbeat', {
      body: {},
      schema: HeartbeatResponseSchema,
      idempotent: false,
    });
    expect(once).toMatchObject({ ok: false, error: { kind: 'server_error', status: 503 } });
    expect(svc.hits()).toBe(1);
    await client.call('kioskConfig', { schema: HeartbeatResponseSchema, idempotent: true });
    expect(svc.hits()).toBe(4);
    client.close();
    await svc.close();
  });

  it('opens the circuit after consecutive outages and publishes offline/online', async () => {
    const svc = await fakeService(() => ({ status: 500, body: 'oops' }));
    const client = new CentralClient({
      baseUrl: svc.url,
      credentials: () => creds,
      log: quietLog,
      tuning: { maxAttempts: 1, breakerFailures: 3, breakerHalfOpenAfterMs: 60_000 },
    });
    const states: string[] = [];
    client.onStatus((s) => states.push(`${s.state}/${s.circuit}`));
    const call = () =>
      client.call('kioskConfig', { schema: HeartbeatResponseSchema, idempotent: true });
    for (let i = 0; i < 3; i += 1) await call();
    const r = await call();
    expect(r).toMatchObject({ ok: false, error: { kind: 'circuit_open' } });
    expect(svc.hits()).toBe(3);
    expect(client.status()).toMatchObject({ state: 'offline', circuit: 'open' });
    expect(states).toContain('offline/open');
    client.close();
    await svc.close();
  });

  it('reports an unreachable service and a signed call without enrolment', async () => {
    const svc = await fakeService(() => ({ status: 200, body: '{}' }));
    const url = svc.url;
    await svc.close();
    const client = new CentralClient({ baseUrl: url, credentials: () => null, log: quietLog });
    expect(
      await client.call('heartbeat', {
        body: {},
        schema: HeartbeatResponseSchema,
        idempotent: false,
      }),
    ).toMatchObject({ ok: false, error: { kind: 'not_enrolled' } });
    expect(
      await client.call('health', { schema: HeartbeatResponseSchema, idempotent: false }),
    ).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
    client.close();
  });

  it('corrects a skewed kiosk clock from the service answer and goes through', async () => {
    const k = await testKiosk({ central, now: () => Date.now() - 20 * 60_000 });
    expect(await k.engine.heartbeatNow()).toEqual({ ok: true, value: undefined });
    expect(Math.abs(k.engine.client.clockOffset - 20 * 60_000)).toBeLessThan(5_000);
    await k.close();
  });
});

describe('enrolment', () => {
  it('refuses wrong and malformed codes with a clear error', async () => {
    const k = await testKiosk({ central, enrol: false });
    const wrong = await k.engine.enrol('ABCDEFGHJKLM', 'x');
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'code_invalid' } });
    if (!wrong.ok) expect(wrong.error).toHaveProperty('message', expect.stringMatching(/expired/));
    expect(await k.engine.enrol('12', 'x')).toMatchObject({
      ok: false,
      error: { kind: 'code_format' },
    });
    expect(k.engine.enrolment()).toBeNull();
    await k.close();
  });

  it('refuses a code that was already used', async () => {
    const code = await central.code();
    const a = await testKiosk({ central, enrol: false });
    const b = await testKiosk({ central, enrol: false });
    expect((await a.engine.enrol(code, 'a')).ok).toBe(true);
    expect(await b.engine.enrol(code, 'b')).toMatchObject({
      ok: false,
      error: { kind: 'code_invalid' },
    });
    await a.close();
    await b.close();
  });

  it('stores id and secret sealed in a 0600 file that a restart reads back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssc-enrol-'));
    const a = await testKiosk({ central, dir });
    const enrolment = a.engine.enrolment();
    await a.close();
    const file = join(dir, 'central-credentials.bin');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).includes(Buffer.from(enrolment?.secret ?? 'x'))).toBe(false);
    const b = await testKiosk({ central, dir, enrol: false });
    expect(b.engine.enrolment()).toEqual(enrolment);
    expect((await b.engine.heartbeatNow()).ok).toBe(true);
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('outbox delivery', () => {
  it('delivers oldest first, purges acknowledged ones, records rejections with the reason', async () => {
    const k = await testKiosk({ central });
    const cards = [await sealedCard(central.db, 0), await sealedCard(central.db, 0)];
    const keys: string[] = [];
    for (const cardNumber of cards) {
      const r = await k.engine.record('activation', { cardNumber }, { card: 'masked' });
      if (r.ok) keys.push(r.value.key);
    }
    // Activating the same card again is refused by the service: not retried, surfaced.
    const again = await k.engine.record('activation', { cardNumber: cards[0] });
    const bad = await k.engine.record('activation', { nothing: true });
    const r = await k.engine.delivery.drainOnce();
    expect(r).toMatchObject({ ok: true, value: { sent: 3, delivered: 2, rejected: 2 } });
    for (const key of keys)
      expect(k.engine.deliveryState(key)).toMatchObject({ state: 'acknowledged' });
    const againKey = again.ok ? again.value.key : '';
    expect(k.engine.deliveryState(againKey)?.state).toBe('rejected');
    expect(k.engine.deliveryState(againKey)?.reason).toMatch(/^activation_not_allowed/);
    const rejected = k.engine.rejectedOperations();
    expect(rejected.map((x) => x.key).sort()).toEqual(
      [againKey, bad.ok ? bad.value.key : ''].sort(),
    );
    expect(k.store.outbox.depth().count).toBe(0);
    for (const c of cards) expect(await appliedCount(central.db, c, 'activation')).toBe(1);
    await k.close();
  });

  it('redelivers after a crash mid-delivery without applying twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssc-redeliver-'));
    const a = await testKiosk({ central, dir });
    const card = await sealedCard(central.db, 0);
    const rec = await a.engine.record('activation', { cardNumber: card });
    // Sent, applied by the service, but the kiosk "dies" before settling it.
    const batch = await a.store.outbox.nextBatch(10, Date.now());
    if (!batch.ok) throw new Error('batch');
    const direct = a.direct();
    const op = batch.value[0];
    await direct.post('/v1/operations', {
      operations: [
        {
          idempotencyKey: op?.key,
          type: 'activation',
          cardNumber: card,
          occurredAt: new Date().toISOString(),
        },
      ],
    });
    await a.close();
    const b = await testKiosk({ central, dir });
    expect(b.engine.deliveryState(rec.ok ? rec.value.key : '')).toMatchObject({
      state: 'pending',
    });
    await b.engine.delivery.drainOnce();
    expect(b.engine.deliveryState(rec.ok ? rec.value.key : '')).toMatchObject({
      state: 'acknowledged',
    });
    expect(await appliedCount(central.db, card, 'activation')).toBe(1);
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a queued loss report exactly once through the running engine', async () => {
    const k = await testKiosk({ central });
    const p = await lossReportPayload(central, k.direct(), 0);
    const events: SyncEvent[] = [];
    k.engine.onEvent((e) => events.push(e));
    k.engine.start();
    const rec = await k.engine.record('loss_report', {
      challengeId: p.challengeId,
      code: p.code,
      cardRef: p.cardRef,
    });
    const key = rec.ok ? rec.value.key : '';
    await waitFor(() => events.some((e) => e.type === 'operation_delivered' && e.key === key));
    expect(k.engine.deliveryState(key)).toMatchObject({ state: 'acknowledged' });
    expect(JSON.parse(k.engine.deliveryState(key)?.result ?? '{}')).toMatchObject({
      status: 'pre_reported_lost',
    });
    expect(await appliedCount(central.db, p.cardNumber, 'loss_report')).toBe(1);
    await k.close();
  });
});

describe('closing', () => {
  it('closes with its first heartbeat and hotlist pull in flight and touches the store no more', async () => {
    const k = await testKiosk({ central });
    const reads: string[] = [];
    const after = (what: string) => () => {
      if (closed) reads.push(what);
    };
    let closed = false;
    k.engine.onStatus(after('status'));
    k.engine.onEvent(after('event'));
    k.engine.start(); // heartbeat + hotlist requests now on the wire
    await k.engine.close();
    closed = true;
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    await k.store.close(); // what the app does next; a late write would now throw
    await new Promise((r) => setTimeout(r, 1500));
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    expect(unhandled).toEqual([]);
    expect(reads).toEqual([]);
  });
});

async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('hotlist', () => {
  it('pulls a snapshot, then a delta containing a new loss report', async () => {
    const k = await testKiosk({ central });
    const first = await k.engine.refreshHotlist();
    expect(first.ok).toBe(true);
    const v0 = k.store.hotlist.version;
    const p = await lossReportPayload(central, k.direct(), 1);
    await k.engine.record('loss_report', {
      challengeId: p.challengeId,
      code: p.code,
      cardRef: p.cardRef,
    });
    await k.engine.delivery.drainOnce();
    const events: SyncEvent[] = [];
    k.engine.onEvent((e) => events.push(e));
    const second = await k.engine.refreshHotlist();
    expect(second.ok).toBe(true);
    expect(k.store.hotlist.version).toBeGreaterThan(v0);
    expect(k.store.hotlist.has(p.cardNumber)).toBe(true);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'hotlist_updated', kind: 'delta' }),
    );
    await k.close();
  });

  it('pulls the invalid list by itself as soon as a loss report is delivered', async () => {
    const k = await testKiosk({ central });
    expect((await k.engine.refreshHotlist()).ok).toBe(true);
    const p = await lossReportPayload(central, k.direct(), 2);
    expect(k.store.hotlist.has(p.cardNumber)).toBe(false);
    // Queued (as when offline), then delivered by one delivery round; no explicit refresh.
    await k.engine.record('loss_report', {
      challengeId: p.challengeId,
      code: p.code,
      cardRef: p.cardRef,
    });
    await k.engine.delivery.drainOnce();
    await waitFor(() => k.store.hotlist.has(p.cardNumber));
    await k.close();
  });

  it('rejects a hotlist whose signature does not verify and keeps the old one', async () => {
    const otherKey = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const k = await testKiosk({ central, settings: { hotlistPublicKeyPem: otherKey } });
    const events: SyncEvent[] = [];
    k.engine.onEvent((e) => events.push(e));
    const r = await k.engine.refreshHotlist();
    expect(r.ok ? '' : r.error).toMatch(/hotlist_bad_signature/);
    expect(k.store.hotlist.version).toBe(0);
    expect(events).toContainEqual(expect.objectContaining({ type: 'hotlist_rejected' }));
    await k.close();
  });

  it('answers a version gap by asking for a full snapshot', async () => {
    const k = await testKiosk({ central });
    await k.store.hotlist.replaceAll(9_999_999, ['110105199001011234'.slice(0, 9)]);
    const r = await k.engine.refreshHotlist();
    expect(r.ok).toBe(true);
    expect(k.store.hotlist.version).toBeLessThan(9_999_999);
    await k.close();
  });
});

describe('heartbeat and remote configuration', () => {
  it('reports, applies the configuration and out-of-service commands, and keeps them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssc-beat-'));
    const a = await testKiosk({ central, dir });
    const events: SyncEvent[] = [];
    a.engine.onEvent((e) => events.push(e));
    await a.engine.record('activation', { cardNumber: await sealedCard(central.db, 0) });
    expect((await a.engine.heartbeatNow()).ok).toBe(true);
    expect(events).toContainEqual({ type: 'config_applied', version: 1 });
    const kioskId = a.engine.enrolment()?.kioskId ?? '';
    const rows = await central.db.query<{ last_heartbeat: { outboxDepth: number } }>(
      'SELECT last_heartbeat FROM kiosks WHERE id = $1',
      [kioskId],
    );
    const reported = rows[0]?.last_heartbeat;
    expect(typeof reported === 'string' ? JSON.parse(reported) : reported).toMatchObject({
      appVersion: '0.1.0-test',
      outboxDepth: 1,
      devices: { cardReader: 'online' },
    });
    await queueCommand(central.ctx, kioskId, 'out_of_service', '系统维护中');
    await a.engine.heartbeatNow();
    expect(events).toContainEqual({ type: 'out_of_service', active: true, message: '系统维护中' });
    await a.close();
    const b = await testKiosk({ central, dir });
    expect(b.engine.remote().outOfService).toEqual({ active: true, message: '系统维护中' });
    expect(b.engine.remote().config?.version).toBe(1);
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('while the service is unreachable it probes sooner than the heartbeat interval, and is online again soon after the service is back', async () => {
    const proxy = await FaultProxy.start(central.url);
    const k = await testKiosk({
      central,
      baseUrl: proxy.url,
      settings: { heartbeatSeconds: 3600 },
    });
    try {
      k.engine.start();
      await expect.poll(() => k.engine.status().state, { timeout: 10_000 }).toBe('online');
      // The first hotlist pull done, so that no call of the start is still retrying.
      await expect
        .poll(() => k.engine.status().hotlistVersion, { timeout: 20_000 })
        .toBeGreaterThan(0);
      await proxy.idle();
      await proxy.set('down');
      expect((await k.engine.heartbeatNow()).ok).toBe(false);
      expect(k.engine.status().state).toBe('offline');
      await proxy.set('none');
      // The next regular heartbeat is an hour away; the probe (5 s) brings it back.
      await expect
        .poll(() => k.engine.status().state, { timeout: 15_000, interval: 250 })
        .toBe('online');
    } finally {
      await k.close();
      await proxy.close();
    }
  }, 30_000);

  it('refuses a bad configuration and keeps the previous one', async () => {
    const proxy = await FaultProxy.start(central.url);
    const k = await testKiosk({ central, baseUrl: proxy.url });
    expect((await k.engine.heartbeatNow()).ok).toBe(true);
    expect(k.engine.remote().config?.idleTimeoutSeconds).toBeGreaterThan(0);
    const before = k.engine.remote().config;
    proxy.rewrite = (path, body) =>
      path.startsWith('/v1/kiosks/config')
        ? JSON.stringify({ ...(JSON.parse(body) as object), version: 2, idleTimeoutSeconds: 0 })
        : path.startsWith('/v1/kiosks/heartbeat')
          ? JSON.stringify({ ...(JSON.parse(body) as object), configVersion: 2 })
          : null;
    const events: SyncEvent[] = [];
    k.engine.onEvent((e) => events.push(e));
    await k.engine.heartbeatNow();
    expect(events).toContainEqual(expect.objectContaining({ type: 'config_rejected', version: 2 }));
    expect(k.engine.remote().config).toEqual(before);
    await k.close();
    await proxy.close();
  });
});
