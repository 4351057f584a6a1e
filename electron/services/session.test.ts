import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPglite } from '../../server/src/db/pglite';
import {
  SEED_TIMEOUT_MS,
  startFixture,
  type CentralFixture,
} from '../../server/src/testing/fixture';
import { failureCategory } from '../devices/card/failure-category';
import { SimulatedReader } from '../devices/card/simulated-reader';
import { findPersona } from '../devices/card/personas';
import { CardService } from './card-service';
import { centralCardApiOver } from './central-card-api.testing';
import { dispositionOf, SessionService, type SessionEvent, type SessionState } from './session';

let fx: CentralFixture;

beforeAll(async () => {
  fx = await startFixture(await openPglite());
}, SEED_TIMEOUT_MS);
afterAll(async () => {
  await fx?.close();
});

function capture(): { logger: pino.Logger; text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), text: () => lines.join('') };
}

function setup(opts: { central?: boolean; hotlisted?: string[]; idleTimeoutMs?: number } = {}) {
  const log = capture();
  const reader = new SimulatedReader();
  let session: SessionService | null = null;
  const cards = new CardService({
    reader,
    logger: log.logger,
    authenticate: (req) =>
      session ? session.externalAuthenticator(req) : Promise.reject(new Error('no session')),
  });
  const hot = new Set(opts.hotlisted ?? []);
  session = new SessionService({
    cards,
    central: opts.central === false ? undefined : () => centralCardApiOver(fx.kiosk),
    hotlist: () => ({ has: (n) => hot.has(n) }),
    logger: log.logger,
    idleTimeoutMs: opts.idleTimeoutMs ?? 60_000,
    failureCategory,
  });
  const s = session;
  const events: SessionEvent[] = [];
  s.onEvent((e) => events.push(e));
  s.start();
  cards.start();
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
    return settled((st) => st.phase !== 'idle' && st.phase !== 'reading');
  };
  return { reader, cards, session: s, events, insert, settled, log };
}

describe('dispositionOf', () => {
  const fine = { cardNumberValid: true, expired: false };
  it('maps central statuses, the hotlist and expiry to the screen the card leads to', () => {
    expect(dispositionOf(fine, 'active', null)).toEqual({ disposition: 'normal', refusal: null });
    expect(dispositionOf(fine, 'sealed', null).disposition).toBe('sealed');
    expect(dispositionOf(fine, 'pre_reported_lost', null).disposition).toBe('pre_reported_lost');
    expect(dispositionOf(fine, 'formally_lost', null)).toEqual({
      disposition: 'refused',
      refusal: 'formally_lost',
    });
    expect(dispositionOf(fine, 'in_production', null).refusal).toBe('not_issued');
    expect(dispositionOf(fine, null, true).refusal).toBe('hotlisted');
    // the central status wins over a stale hotlist entry
    expect(dispositionOf(fine, 'active', true).disposition).toBe('normal');
    expect(dispositionOf({ ...fine, expired: true }, 'active', null).disposition).toBe('expired');
    expect(dispositionOf({ ...fine, cardNumberValid: false }, 'active', null).refusal).toBe(
      'invalid_card_number',
    );
  });
});

describe('SessionService against the reference central service', () => {
  it('opens a central session, verifies the PIN on the card, authenticates and answers inquiries', async () => {
    const { session, insert, log, reader } = setup();
    const st = await insert('active-2');
    expect(st).toMatchObject({
      phase: 'card',
      disposition: 'normal',
      statusSource: 'central',
      cardStatus: 'active',
      authenticated: false,
    });
    if (st.phase !== 'card') throw new Error('unreachable');
    expect(st.card.cardNumberMasked).toMatch(/^A0\*+\w\w$/);
    expect(st.card.bank).toBe('中国工商银行');

    expect((await session.inquiry('person')).ok).toBe(false);
    const wrong = await session.verifyPin('000000');
    expect(wrong).toEqual({ ok: false, error: { code: 'wrong_pin', triesLeft: 2 } });
    const right = await session.verifyPin('135790');
    expect(right).toEqual({ ok: true, value: { authenticated: true } });
    expect(session.state()).toMatchObject({ pinVerified: true, authenticated: true });

    const person = await session.inquiry('person');
    expect(person.ok && person.value.name).toBe('张伟');
    const contributions = await session.inquiry('contributions', { fromYear: 2020, toYear: 2022 });
    expect(contributions.ok).toBe(true);
    if (contributions.ok) {
      expect(contributions.value.years.map((y) => y.year).sort()).toEqual([2020, 2021, 2022]);
      for (const y of contributions.value.years)
        expect(y.types.some((t) => t.type === 'endowment')).toBe(true);
    }
    reader.remove();
    expect(log.text()).not.toContain('135790');
    expect(log.text()).not.toContain('000000');
  });

  it('unlocks EF06 of a 3.00 card through the central EXTERNAL AUTHENTICATE and leads a sealed card to activation', async () => {
    const { insert, cards } = setup();
    const st = await insert('sealed-3');
    expect(st).toMatchObject({ phase: 'card', disposition: 'sealed', cardStatus: 'sealed' });
    const card = cards.current();
    expect(card.state === 'ssc_card' && card.summary.personalLocked).toBe(false);
    if (st.phase === 'card') expect(st.card.nameMasked).not.toBeNull();
  });

  it('leads a pre-reported card to cancellation and a blocked PIN to the counter', async () => {
    const lost = setup();
    expect(await lost.insert('reported-lost')).toMatchObject({
      disposition: 'pre_reported_lost',
      statusSource: 'central',
    });
    const blocked = setup();
    await blocked.insert('blocked');
    expect(await blocked.session.verifyPin('123123')).toEqual({
      ok: false,
      error: { code: 'pin_blocked' },
    });
  });

  it('without the central service, the hotlist decides and inquiry says unavailable', async () => {
    const { insert, session } = setup({ central: false, hotlisted: [] });
    const st = await insert('active-2');
    expect(st).toMatchObject({ disposition: 'normal', statusSource: 'hotlist', cardStatus: null });
    expect(await session.verifyPin('135790')).toEqual({
      ok: true,
      value: { authenticated: false },
    });
    const r = await session.inquiry('person');
    expect(!r.ok && r.error.code).toBe('central_unavailable');

    const cardNumber = findPersona('active-2')?.card?.cardNumber ?? '';
    expect(cardNumber).toHaveLength(9);
    const listed = setup({ central: false, hotlisted: [cardNumber] });
    expect(await listed.insert('active-2')).toMatchObject({
      disposition: 'refused',
      refusal: 'hotlisted',
      statusSource: 'hotlist',
    });
  });

  it('a card the centre does not know, or whose chip is not the issued one, is refused by the centre', async () => {
    const cardNumber = findPersona('name-extension')?.card?.cardNumber ?? '';
    const db = fx.central.ctx.db;
    const cases = [
      ["UPDATE cards SET algorithm = 'sm4' WHERE card_number = $1", 'not_genuine'],
      ["UPDATE cards SET card_number = 'X' || card_number WHERE card_number = $1", 'not_issued'],
    ] as const;
    for (const [sql, refusal] of cases) {
      await db.query(sql, [cardNumber]);
      try {
        const { insert } = setup({ hotlisted: [] });
        expect(await insert('name-extension')).toMatchObject({
          disposition: 'refused',
          refusal,
          statusSource: 'central',
        });
      } finally {
        await db.query(
          "UPDATE cards SET algorithm = '3des', card_number = $1 WHERE card_number IN ($1, 'X' || $1)",
          [cardNumber],
        );
      }
    }
    const { insert } = setup({ hotlisted: [] });
    expect(await insert('name-extension')).toMatchObject({ disposition: 'normal' });
  });

  it('ends on card removal and on idle timeout, wiping the session', async () => {
    const a = setup();
    await a.insert('active-2');
    await a.session.verifyPin('135790');
    a.reader.remove();
    await a.settled((st) => st.phase === 'idle');
    expect(a.events.at(-1)).toEqual({ type: 'ended', reason: 'card_removed', cardInSlot: false });
    const r = await a.session.inquiry('person');
    expect(!r.ok && r.error.code).toBe('no_card');

    const b = setup({ idleTimeoutMs: 200 });
    await b.insert('active-2');
    await b.settled((st) => st.phase === 'idle');
    expect(b.events.at(-1)).toEqual({ type: 'ended', reason: 'timeout', cardInSlot: true });
  });

  it('keepAlive restarts the idle backstop: a citizen still at the screen keeps the session', async () => {
    const a = setup({ idleTimeoutMs: 10_000 });
    await a.insert('active-2');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      for (let i = 0; i < 3; i++) {
        vi.advanceTimersByTime(9_000);
        a.session.keepAlive();
      }
      expect(a.session.state().phase).toBe('card');
      vi.advanceTimersByTime(10_000);
      expect(a.session.state().phase).toBe('idle');
      expect(a.events.at(-1)).toEqual({ type: 'ended', reason: 'timeout', cardInSlot: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells a non-SSC card from an SSC card', async () => {
    const { insert } = setup();
    expect(await insert('non-ssc')).toEqual({ phase: 'not_ssc_card' });
  });
});
