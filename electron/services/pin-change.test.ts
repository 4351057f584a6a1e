import pino from 'pino';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../server/src/db/pglite';
import {
  SEED_TIMEOUT_MS,
  startFixture,
  type CentralFixture,
} from '../../server/src/testing/fixture';
import type { SyncEvent } from '../central/sync-engine';
import { failureCategory } from '../devices/card/failure-category';
import { SimulatedReader } from '../devices/card/simulated-reader';
import { documentText, type ReceiptDocument } from '../devices/printer/receipt';
import { DEFAULT_PIN_POLICY } from '../domain/pin-policy';
import { ok } from '../result';
import { storeConfigSchema } from '../store/config';
import { openKioskStore } from '../store/kiosk-store';
import type { OutboxLookup } from '../store/outbox';
import { filesContaining } from '../../test/system/store-file-scan';
import { CardService } from './card-service';
import { centralCardApiOver } from './central-card-api.testing';
import { PinChangeService, type PinChangeOptions, type PinEngine } from './pin-change';
import { SessionService, type SessionState } from './session';

let fx: CentralFixture;
beforeAll(async () => {
  fx = await startFixture(await openPglite());
}, SEED_TIMEOUT_MS);
afterAll(async () => {
  await fx?.close();
});

const INITIAL = '123456'; // sealed-3
const ACTIVE = '135790'; // active-2
const NEW_PIN = '258036';

/** An outbox + delivery stand-in: records kept in memory, delivered at once or never. */
function fakeEngine(mode: { deliver: 'ack' | 'never' | 'reject' }) {
  const listeners = new Set<(e: SyncEvent) => void>();
  const states = new Map<string, OutboxLookup['state']>();
  const records: { kind: string; payload: unknown; summary: unknown; key: string }[] = [];
  const emit = (e: SyncEvent) => {
    for (const l of listeners) l(e);
  };
  const engine: PinEngine = {
    record: (kind, payload, summary) => {
      const key = randomUUID();
      records.push({ kind, payload, summary, key });
      states.set(key, 'pending');
      if (mode.deliver !== 'never')
        setTimeout(() => {
          const acked = mode.deliver === 'ack';
          states.set(key, acked ? 'acknowledged' : 'rejected');
          emit(
            acked
              ? { type: 'operation_delivered', key, kind }
              : { type: 'operation_rejected', key, kind, reason: 'activation_not_allowed' },
          );
        }, 5);
      return Promise.resolve(ok({ key }));
    },
    deliveryState: (key) => {
      const state = states.get(key);
      if (!state) return null;
      return {
        key,
        kind: 'x',
        state,
        summary: {},
        attempts: 1,
        createdAt: 0,
        settledAt: null,
        lastError: null,
        result: null,
        reason: null,
      };
    },
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    delivery: { kick: () => undefined },
  };
  return { engine, records };
}

function setup(deliver: 'ack' | 'never' | 'reject' = 'ack') {
  const lines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _e, cb) {
        lines.push(chunk.toString());
        cb();
      },
    }),
  );
  const reader = new SimulatedReader();
  let session: SessionService | null = null;
  const cards = new CardService({
    reader,
    logger,
    authenticate: (req) =>
      session ? session.externalAuthenticator(req) : Promise.reject(new Error('no session')),
  });
  session = new SessionService({
    cards,
    central: () => centralCardApiOver(fx.kiosk),
    logger,
    idleTimeoutMs: 60_000,
    failureCategory,
  });
  const s = session;
  s.start();
  cards.start();
  const { engine, records } = fakeEngine({ deliver });
  const audits: { action: string; details: Record<string, unknown> }[] = [];
  const printed: ReceiptDocument[] = [];
  /** A service on the same card, outbox, audit and printer (a restart makes a new one). */
  const makePins = (extra: Partial<PinChangeOptions> = {}) =>
    new PinChangeService({
      session: s,
      cards,
      engine: () => engine,
      audit: () => ({
        append: (_actor: string, action: string, details?: Record<string, unknown>) => {
          audits.push({ action, details: details ?? {} });
          return Promise.resolve(ok({ seq: audits.length, hash: 'h' }));
        },
      }),
      printer: () => ({
        print: (doc: ReceiptDocument) => {
          printed.push(doc);
          return Promise.resolve(ok({ jobId: 'j1', reprintId: null }));
        },
      }),
      printContext: () => ({ kioskId: 'K1', siteName: 'Test site', language: 'zh-CN' }),
      policy: DEFAULT_PIN_POLICY,
      logger,
      failureCategory,
      confirmWaitMs: 200,
      ...extra,
    });
  const pins = makePins();
  const settled = (pred: (st: SessionState) => boolean) =>
    new Promise<SessionState>((resolve) => {
      if (pred(s.state())) return resolve(s.state());
      const off = s.onEvent((e) => {
        if (e.type === 'state' && pred(e.state)) {
          off();
          resolve(e.state);
        }
      });
    });
  const insert = async (id: string) => {
    expect(reader.insert(id).ok).toBe(true);
    return settled((st) => st.phase === 'card');
  };
  const idle = () => settled((st) => st.phase === 'idle');
  const remove = async () => {
    reader.remove();
    await idle();
  };
  /** Everything that left the service: log lines, records, audit entries, receipts. */
  const outputs = () =>
    [
      lines.join(''),
      JSON.stringify(records),
      JSON.stringify(audits),
      ...printed.flatMap(documentText),
    ].join('\n');
  return {
    reader,
    cards,
    session: s,
    pins,
    makePins,
    records,
    audits,
    printed,
    insert,
    remove,
    idle,
    outputs,
  };
}

/** Pulls the card right when CHANGE PIN (80 5E) reaches it, after (or before) the card acted. */
function pullOnChangePin(t: ReturnType<typeof setup>, persona: string, cardActs: boolean) {
  const card = t.reader.cardOf(persona);
  if (!card) throw new Error(`no persona ${persona}`);
  const original = card.transmit.bind(card);
  card.transmit = (apdu: Uint8Array) => {
    if (apdu[0] === 0x80 && apdu[1] === 0x5e) {
      card.transmit = original;
      const answer = cardActs ? original(apdu) : Buffer.from([0x6f, 0x00]);
      t.reader.remove();
      return answer;
    }
    return original(apdu);
  };
}

/**
 * The CHANGE PIN answer lost: the card pulled at CHANGE PIN (after or before it acted), the
 * kiosk answers "unknown", the session ends, and the same card is inserted again.
 */
async function changeAnswerLost(
  t: ReturnType<typeof setup>,
  persona: 'active-2' | 'sealed-3',
  cardActs: boolean,
): Promise<void> {
  await t.insert(persona);
  pullOnChangePin(t, persona, cardActs);
  const r =
    persona === 'sealed-3'
      ? await t.pins.change('activation', INITIAL, NEW_PIN)
      : await t.pins.change('change', ACTIVE, NEW_PIN);
  expect(r.ok && r.value.pinChanged).toBe('unknown');
  await t.idle();
  await t.insert(persona);
}

describe('PinChangeService', () => {
  it('activates a sealed card: wrong then right initial PIN, policy before the card, CHANGE PIN, record, confirmed receipt', async () => {
    const t = setup('ack');
    const st = await t.insert('sealed-3');
    expect(st.phase === 'card' && st.disposition).toBe('sealed');
    // a sealed card cannot use "change PIN", an active flow is refused for it
    expect(await t.pins.verifyCurrent('change', INITIAL)).toEqual({
      ok: false,
      error: { code: 'not_allowed' },
    });

    expect(await t.pins.verifyCurrent('activation', '000000')).toEqual({
      ok: false,
      error: { code: 'wrong_pin', triesLeft: 2 },
    });
    expect((await t.pins.verifyCurrent('activation', INITIAL)).ok).toBe(true);

    // The policy answers before the card is asked: the PIN stays the initial one.
    for (const [pin, reason] of [
      ['123456', 'same_as_current'],
      ['777777', 'all_same'],
      ['456789', 'sequence'],
      ['920718', 'birth_date'], // 李娜, born 1992-07-18
    ] as const) {
      expect(t.pins.checkNew(INITIAL, pin)).toEqual({
        ok: false,
        error: { code: 'policy', reason },
      });
      expect(await t.pins.change('activation', INITIAL, pin)).toEqual({
        ok: false,
        error: { code: 'policy', reason },
      });
    }
    expect(t.records).toHaveLength(0);
    expect(t.pins.checkNew(INITIAL, NEW_PIN).ok).toBe(true);

    const changed = await t.pins.change('activation', INITIAL, NEW_PIN);
    expect(changed.ok).toBe(true);
    if (!changed.ok) return;
    expect(changed.value.pinChanged).toBe('yes');
    expect(changed.value.reference).toMatch(/^JH[0-9A-F]{12}$/);
    expect(t.records).toHaveLength(1);
    expect(t.records[0]?.kind).toBe('activation');
    expect(typeof (t.records[0]?.payload as { cardNumber?: unknown }).cardNumber).toBe('string');
    // the session now treats the card as activated
    const after = t.session.state();
    expect(after.phase === 'card' && after.disposition).toBe('normal');

    const confirmed = await t.pins.confirm(changed.value.reference ?? '');
    expect(confirmed).toEqual({
      ok: true,
      value: { delivery: 'confirmed', receipt: 'printed', receiptReason: null },
    });
    const receipt = documentText(t.printed[0] as ReceiptDocument).join('\n');
    expect(receipt).toContain(changed.value.reference);
    expect(receipt).toContain('已完成');
    expect(receipt).toContain('金融（银行）功能');
    expect(t.pins.counters()).toMatchObject({
      activation_wrong_pin: 1,
      activation_policy_refused: 4,
      activation_confirmed: 1,
    });
    expect(t.audits.map((a) => a.details.outcome)).toEqual(['recorded', 'confirmed']);
    // a reference is confirmed once; its receipt data is gone afterwards
    expect((await t.pins.confirm(changed.value.reference ?? '')).ok).toBe(false);

    // The card took the new PIN.
    await t.remove();
    await t.insert('sealed-3');
    expect((await t.cards.verifyPin(NEW_PIN)).ok).toBe(true);
    const out = t.outputs();
    for (const pin of [INITIAL, NEW_PIN, '000000']) expect(out).not.toContain(pin);
  });

  it('says pending (with the reference) when the central service does not answer in time', async () => {
    const t = setup('never');
    await t.insert('sealed-3');
    const changed = await t.pins.change('activation', INITIAL, NEW_PIN);
    expect(changed.ok && changed.value.pinChanged).toBe('yes');
    if (!changed.ok || !changed.value.reference) throw new Error('not recorded');
    expect(await t.pins.confirm(changed.value.reference)).toEqual({
      ok: true,
      value: { delivery: 'pending', receipt: 'printed', receiptReason: null },
    });
    const receipt = documentText(t.printed[0] as ReceiptDocument).join('\n');
    expect(receipt).toContain('等待社保中心确认');
    expect(t.pins.counters()).toMatchObject({ activation_pending: 1 });
  });

  it('changes the PIN of an active card and records pin_changed with no PIN inside', async () => {
    const t = setup('ack');
    await t.insert('active-2');
    expect(await t.pins.verifyCurrent('activation', ACTIVE)).toEqual({
      ok: false,
      error: { code: 'not_allowed' },
    });
    const changed = await t.pins.change('change', ACTIVE, NEW_PIN);
    expect(changed.ok && changed.value.pinChanged).toBe('yes');
    expect(t.records.map((r) => r.kind)).toEqual(['pin_changed']);
    if (!changed.ok || !changed.value.reference) throw new Error('not recorded');
    expect(changed.value.reference).toMatch(/^MM/);
    expect((await t.pins.confirm(changed.value.reference)).ok).toBe(true);
    expect(t.printed[0]?.kind).toBe('pin_change');
    const out = t.outputs();
    for (const pin of [ACTIVE, NEW_PIN]) expect(out).not.toContain(pin);
  });

  it('a wrong current PIN on CHANGE PIN changes nothing and reports tries left', async () => {
    const t = setup('ack');
    await t.insert('active-2');
    expect(await t.pins.change('change', '975310', NEW_PIN)).toEqual({
      ok: false,
      error: { code: 'wrong_pin', triesLeft: 2 },
    });
    expect(t.records).toHaveLength(0);
  });

  it('card pulled before CHANGE PIN: no card, nothing recorded, the old PIN still works', async () => {
    const t = setup('ack');
    await t.insert('sealed-3');
    expect((await t.pins.verifyCurrent('activation', INITIAL)).ok).toBe(true);
    await t.remove();
    expect(await t.pins.change('activation', INITIAL, NEW_PIN)).toEqual({
      ok: false,
      error: { code: 'no_card' },
    });
    expect(t.records).toHaveLength(0);
    await t.insert('sealed-3');
    expect(t.pins.recheckNeeded()).toBeNull();
    expect((await t.cards.verifyPin(INITIAL)).ok).toBe(true);
  });

  it('card pulled during CHANGE PIN after the card acted: unknown, then the re-inserted card settles it (changed) and the record follows', async () => {
    const t = setup('ack');
    await t.insert('active-2');
    pullOnChangePin(t, 'active-2', true);
    const r = await t.pins.change('change', ACTIVE, NEW_PIN);
    expect(r.ok && r.value.pinChanged).toBe('unknown');
    expect(r.ok && r.value.reference).toBeNull();
    expect(t.records).toHaveLength(0);
    await t.idle();
    await t.insert('active-2');
    expect(t.pins.recheckNeeded()).toBe('change');
    const checked = await t.pins.recheck('new', NEW_PIN);
    expect(checked.ok && checked.value.pinChanged).toBe('yes');
    expect(checked.ok && checked.value.purpose).toBe('change');
    expect(t.records.map((x) => x.kind)).toEqual(['pin_changed']);
    expect(t.pins.recheckNeeded()).toBeNull();
  });

  it('card pulled during CHANGE PIN after the card acted, then a kiosk restart: the re-check list is in the store, the re-inserted card settles it once', async () => {
    const t = setup('ack');
    const dir = mkdtempSync(join(tmpdir(), 'pin-recheck-'));
    const openStore = async () => {
      const r = await openKioskStore({
        config: storeConfigSchema.parse({ dataDir: dir }),
        log: pino({ level: 'silent' }),
      });
      if (!r.ok) throw new Error(r.error.kind);
      return r.value;
    };
    try {
      const before = await openStore();
      const first = t.makePins({ recheckList: () => before.pinRecheck });
      await t.insert('sealed-3');
      pullOnChangePin(t, 'sealed-3', true);
      const r = await first.change('activation', INITIAL, NEW_PIN);
      expect(r.ok && r.value.pinChanged).toBe('unknown');
      expect(before.pinRecheck.size()).toBe(1);
      await t.idle();
      await before.close();

      // The app restarted: a new service (nothing in memory) on the reopened store.
      const after = await openStore();
      const second = t.makePins({ recheckList: () => after.pinRecheck });
      await t.insert('sealed-3');
      expect(second.recheckNeeded()).toBe('activation');
      const checked = await second.recheck('new', NEW_PIN);
      expect(checked.ok && checked.value.pinChanged).toBe('yes');
      expect(checked.ok && checked.value.reference).toMatch(/^JH/);
      expect(t.records.map((x) => x.kind)).toEqual(['activation']);
      expect(second.recheckNeeded()).toBeNull();
      expect(after.pinRecheck.size()).toBe(0);
      expect(await second.recheck('new', NEW_PIN)).toEqual({
        ok: false,
        error: { code: 'not_allowed' },
      });
      expect(t.records).toHaveLength(1);
      await after.close();
      // Neither PIN nor card number in the store's files.
      const card = t.session.cardInSession()?.summary.cardNumber ?? '';
      expect(card).not.toBe('');
      for (const needle of [INITIAL, NEW_PIN, card])
        expect({ needle, hits: filesContaining(dir, needle) }).toEqual({ needle, hits: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('card pulled during CHANGE PIN before the card acted: the new PIN is refused (nothing settled), the previous PIN settles it as not changed', async () => {
    const t = setup('ack');
    await changeAnswerLost(t, 'sealed-3', false);
    expect(t.pins.recheckNeeded()).toBe('activation');
    // The new PIN is refused: it may just be mistyped, so nothing is settled.
    const refused = await t.pins.recheck('new', NEW_PIN);
    expect(refused).toEqual({ ok: false, error: { code: 'wrong_pin', triesLeft: 2 } });
    expect(t.pins.recheckNeeded()).toBe('activation');
    expect(t.audits.filter((a) => a.details.outcome === 'recheck_not_changed')).toHaveLength(0);
    // The previous PIN opens the card: certainly not changed.
    const checked = await t.pins.recheck('old', INITIAL);
    expect(checked.ok && checked.value.pinChanged).toBe('no');
    expect(checked.ok && checked.value.purpose).toBe('activation');
    expect(t.pins.recheckNeeded()).toBeNull();
    expect(t.records).toHaveLength(0);
    expect(t.audits.filter((a) => a.details.outcome === 'recheck_not_changed')).toHaveLength(1);
    expect(await t.pins.recheck('old', INITIAL)).toEqual({
      ok: false,
      error: { code: 'not_allowed' },
    });
    expect(t.outputs()).not.toContain(NEW_PIN);
    expect(t.outputs()).not.toContain(INITIAL);
  });

  it('re-check: a mistyped new PIN keeps the entry (also across re-insertion); the right new PIN later records exactly once', async () => {
    const t = setup('ack');
    await changeAnswerLost(t, 'active-2', true);
    const typo = await t.pins.recheck('new', '258037');
    expect(typo.ok).toBe(false);
    expect(!typo.ok && typo.error.code).toBe('wrong_pin');
    expect(t.pins.recheckNeeded()).toBe('change');
    expect(t.records).toHaveLength(0);
    await t.remove();
    await t.insert('active-2');
    expect(t.pins.recheckNeeded()).toBe('change');
    const checked = await t.pins.recheck('new', NEW_PIN);
    expect(checked.ok && checked.value.pinChanged).toBe('yes');
    expect(checked.ok && checked.value.reference).toMatch(/^MM/);
    expect(t.records.map((x) => x.kind)).toEqual(['pin_changed']);
    expect(t.pins.recheckNeeded()).toBeNull();
    expect((await t.pins.recheck('new', NEW_PIN)).ok).toBe(false);
    expect(t.records).toHaveLength(1);
  });

  it('re-check: the previous PIN refused (the PIN did change) keeps the entry; the new PIN then records once', async () => {
    const t = setup('ack');
    await changeAnswerLost(t, 'sealed-3', true);
    const old = await t.pins.recheck('old', INITIAL);
    expect(old.ok).toBe(false);
    expect(!old.ok && old.error.code).toBe('wrong_pin');
    expect(!old.ok && old.error.code === 'wrong_pin' && old.error.triesLeft).toBeGreaterThan(0);
    expect(t.pins.recheckNeeded()).toBe('activation');
    expect(t.records).toHaveLength(0);
    const checked = await t.pins.recheck('new', NEW_PIN);
    expect(checked.ok && checked.value.pinChanged).toBe('yes');
    expect(checked.ok && checked.value.reference).toMatch(/^JH/);
    expect(t.records.map((x) => x.kind)).toEqual(['activation']);
    expect(t.pins.recheckNeeded()).toBeNull();
  });

  it('re-check: a PIN blocked by wrong entries keeps the entry (the counter settles it) and records nothing', async () => {
    const t = setup('ack');
    await changeAnswerLost(t, 'active-2', true);
    let last = await t.pins.recheck('new', '111112');
    for (let i = 0; i < 5 && !(!last.ok && last.error.code === 'pin_blocked'); i++)
      last = await t.pins.recheck(i % 2 ? 'new' : 'old', '111112');
    expect(last).toEqual({ ok: false, error: { code: 'pin_blocked' } });
    expect(t.pins.recheckNeeded()).toBe('change');
    expect(t.records).toHaveLength(0);
    expect(t.audits.filter((a) => a.details.outcome === 'recheck_blocked')).toHaveLength(1);
  });

  it('card pulled right after CHANGE PIN answered: the PIN changed and the activation is still recorded', async () => {
    const t = setup('ack');
    await t.insert('sealed-3');
    const card = t.reader.cardOf('sealed-3');
    if (!card) throw new Error('no card');
    const original = card.transmit.bind(card);
    card.transmit = (apdu: Uint8Array) => {
      const answer = original(apdu);
      if (apdu[0] === 0x80 && apdu[1] === 0x5e) {
        card.transmit = original;
        setTimeout(() => t.reader.remove(), 0);
      }
      return answer;
    };
    const r = await t.pins.change('activation', INITIAL, NEW_PIN);
    expect(r.ok && r.value.pinChanged).toBe('yes');
    expect(r.ok && r.value.reference).toMatch(/^JH/);
    expect(t.records.map((x) => x.kind)).toEqual(['activation']);
  });

  it("refuses a PIN on the central configuration's forbidden list before anything touches the card", async () => {
    const t = setup('ack');
    let central: { forbidden: string[] } | null = null;
    const pins = t.makePins({ centralPolicy: () => central });
    await t.insert('sealed-3');
    // No central configuration known yet: the local policy alone.
    expect(pins.checkNew(INITIAL, '520520')).toEqual({ ok: true, value: undefined });
    central = { forbidden: ['000000', '520520'] };
    expect(pins.checkNew(INITIAL, '520520')).toEqual({
      ok: false,
      error: { code: 'policy', reason: 'forbidden' },
    });
    expect((await pins.verifyCurrent('activation', INITIAL)).ok).toBe(true);
    expect(await pins.change('activation', INITIAL, '520520')).toEqual({
      ok: false,
      error: { code: 'policy', reason: 'forbidden' },
    });
    expect(t.records).toHaveLength(0);
    expect(pins.counters().activation_policy_refused).toBe(1);
    // The card still has its initial PIN.
    expect((await t.cards.verifyPin(INITIAL)).ok).toBe(true);
  });

  it('without an outbox the card is not touched', async () => {
    const t = setup('ack');
    await t.insert('sealed-3');
    const bare = new PinChangeService({
      session: t.session,
      cards: t.cards,
      engine: () => null,
      audit: () => null,
      printer: () => null,
      printContext: () => ({ kioskId: 'K1', siteName: 'S', language: 'en' }),
      policy: DEFAULT_PIN_POLICY,
      logger: pino({ level: 'silent' }),
      failureCategory,
    });
    expect(await bare.change('activation', INITIAL, NEW_PIN)).toEqual({
      ok: false,
      error: { code: 'not_available' },
    });
    expect((await t.cards.verifyPin(INITIAL)).ok).toBe(true);
  });
});
