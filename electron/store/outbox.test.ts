import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { FieldCipher } from './field-cipher';
import { KIOSK_MIGRATIONS } from './migrations';
import { Outbox } from './outbox';
import { Store } from './store';
import { tempDirs } from './test-support';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function setup(opts: { maxEntries?: number; key?: Buffer } = {}) {
  const dir = dirs.make();
  let clock = 1_000_000;
  const now = () => clock;
  const s = await Store.open({ dir, log: silentLogger(), migrations: KIOSK_MIGRATIONS });
  if (!s.ok) throw new Error(s.error.message);
  const cipher = new FieldCipher(opts.key ?? randomBytes(32));
  const outbox = new Outbox(
    s.value,
    cipher,
    { maxEntries: opts.maxEntries ?? 100, maxAgeMs: 10_000 },
    now,
  );
  return {
    dir,
    store: s.value,
    outbox,
    cipher,
    advance: (ms: number) => (clock += ms),
    now,
  };
}

const record = async (o: Outbox, n: number) => {
  const r = await o.record({ kind: 'loss_report', payload: { n, idNumber: '11010519491231002X' } });
  if (!r.ok) throw new Error(r.error.kind);
  return r.value.key;
};

describe('Outbox', () => {
  it('records with a fresh idempotency key and hands due operations out oldest first', async () => {
    const t = await setup();
    const a = await record(t.outbox, 1);
    t.advance(1);
    const b = await record(t.outbox, 2);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    const batch = await t.outbox.nextBatch(10, t.now());
    if (!batch.ok) throw new Error('batch');
    expect(batch.value.map((o) => [o.key, o.attempts])).toEqual([
      [a, 1],
      [b, 1],
    ]);
    expect(batch.value[0]?.payload).toEqual({ n: 1, idNumber: '11010519491231002X' });
    expect(t.outbox.lookup(a)?.state).toBe('delivering');
    // In flight: not handed out twice.
    const again = await t.outbox.nextBatch(10, t.now());
    expect(again.ok && again.value).toEqual([]);
    await t.store.close();
  });

  it('retries later with the error kept, and counts attempts', async () => {
    const t = await setup();
    const k = await record(t.outbox, 1);
    await t.outbox.nextBatch(10, t.now());
    await t.outbox.markRetry(k, t.now() + 5000, 'HTTP 503');
    expect((await t.outbox.nextBatch(10, t.now())).ok).toBe(true);
    expect(t.outbox.lookup(k)).toMatchObject({
      state: 'pending',
      lastError: 'HTTP 503',
      attempts: 1,
    });
    const due = await t.outbox.nextBatch(10, t.now() + 5000);
    expect(due.ok && due.value.map((o) => o.attempts)).toEqual([2]);
    await t.store.close();
  });

  it('moves an acknowledged operation to history without its personal payload', async () => {
    const t = await setup();
    const r = await t.outbox.record({
      kind: 'loss_report',
      payload: { idNumber: '11010519491231002X' },
      summary: { card: 'A1*****6X' },
    });
    if (!r.ok) throw new Error('record');
    await t.outbox.nextBatch(10, t.now());
    t.advance(50);
    await t.outbox.markAcknowledged([r.value.key], 'LR-0001');
    expect(t.outbox.lookup(r.value.key)).toMatchObject({
      state: 'acknowledged',
      result: 'LR-0001',
      summary: { card: 'A1*****6X' },
      settledAt: t.now(),
    });
    expect(t.outbox.payloadOf(r.value.key)).toBeNull();
    expect(t.outbox.depth()).toEqual({ count: 0, oldestAgeMs: 0 });
    await t.store.close();
  });

  it('keeps a rejection and its reason', async () => {
    const t = await setup();
    const k = await record(t.outbox, 1);
    await t.outbox.markRejected(k, 'card_already_reported');
    expect(t.outbox.lookup(k)).toMatchObject({
      state: 'rejected',
      reason: 'card_already_reported',
    });
    await t.store.close();
  });

  it('refuses a summary holding an unmasked ID, card or phone number', async () => {
    const t = await setup();
    for (const value of ['11010519491231002X', 'A12345678', '13812345678']) {
      const r = await t.outbox.record({ kind: 'x', payload: {}, summary: { value } });
      expect(!r.ok && r.error.kind).toBe('summary_has_personal_data');
    }
    const pin = await t.outbox.record({ kind: 'x', payload: {}, summary: { pin: '1234' } });
    expect(pin.ok).toBe(false);
    await t.store.close();
  });

  it('reports depth and the age of the oldest unsettled operation', async () => {
    const t = await setup();
    await record(t.outbox, 1);
    t.advance(700);
    await record(t.outbox, 2);
    expect(t.outbox.depth()).toEqual({ count: 2, oldestAgeMs: 700 });
    await t.store.close();
  });

  it('makes in-flight operations due again after a restart, keeping their keys', async () => {
    const t = await setup();
    const k = await record(t.outbox, 1);
    await t.outbox.nextBatch(10, t.now());
    await t.store.close();
    const s = await Store.open({ dir: t.dir, log: silentLogger(), migrations: KIOSK_MIGRATIONS });
    if (!s.ok) throw new Error('reopen');
    const o = new Outbox(s.value, t.cipher, { maxEntries: 10, maxAgeMs: 1000 }, t.now);
    expect(await o.recoverInFlight()).toEqual({ ok: true, value: 1 });
    const batch = await o.nextBatch(10, t.now());
    expect(batch.ok && batch.value.map((x) => [x.key, x.attempts])).toEqual([[k, 2]]);
    await s.value.close();
  });

  it('rejects an operation whose payload no longer opens instead of retrying it forever', async () => {
    const t = await setup();
    const k = await record(t.outbox, 1);
    const other = new Outbox(
      t.store,
      new FieldCipher(randomBytes(32)),
      { maxEntries: 10, maxAgeMs: 1000 },
      t.now,
    );
    const batch = await other.nextBatch(10, t.now());
    expect(batch.ok && batch.value).toEqual([]);
    expect(t.outbox.lookup(k)).toMatchObject({ state: 'rejected', reason: 'payload_unreadable' });
    await t.store.close();
  });

  it('bounds the history by count and by age', async () => {
    const t = await setup({ maxEntries: 3 });
    const keys: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      keys.push(await record(t.outbox, i));
      t.advance(1);
    }
    for (const k of keys) {
      await t.outbox.markAcknowledged([k]);
      t.advance(1);
    }
    await t.outbox.trimHistory();
    expect(keys.map((k) => t.outbox.lookup(k) !== null)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    t.advance(20_000);
    await t.outbox.trimHistory();
    expect(keys.every((k) => t.outbox.lookup(k) === null)).toBe(true);
    await t.store.close();
  });
});
