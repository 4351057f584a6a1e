import { afterEach, describe, expect, it } from 'vitest';
import type { KioskApp } from '../../app';
import { DEMO_PERSONAS } from '../../devices/card/personas';
import { cardListEntry, matchCard, newCardList, type AttendantCards } from './card-list';
import { attendantConfigSchema } from './config';
import { DEMO_PASSCODE } from './passcode';
import { redactValue } from './redact';
import { contractApp } from './test-app';

const persona = (id: string) => {
  const p = DEMO_PERSONAS.find((x) => x.id === id);
  if (!p?.card) throw new Error(`no persona ${id}`);
  return { id, number: p.card.cardNumber, pin: p.pin };
};
const LISTED = persona('name-extension');
const BLOCKED = persona('blocked');
const CITIZEN = persona('active-2');

async function listOf(...cards: { number: string; label: string }[]): Promise<AttendantCards> {
  const list = newCardList();
  const entries = [];
  for (const c of cards) entries.push(await cardListEntry(list, c.number, c.label));
  return { ...list, entries };
}

describe('attendant card list', () => {
  it('holds hashes only; matches the listed card (any case) and nothing else', async () => {
    const list = await listOf({ number: LISTED.number, label: 'staff 0417' });
    expect(JSON.stringify(list)).not.toContain(LISTED.number);
    expect(await matchCard(list, LISTED.number)).toEqual({ label: 'staff 0417' });
    expect(await matchCard(list, LISTED.number.toLowerCase())).toEqual({ label: 'staff 0417' });
    expect(await matchCard(list, CITIZEN.number)).toBeNull();
    // The same card under another list's salt gives another hash.
    const other = await listOf({ number: LISTED.number, label: 'staff 0417' });
    expect(other.entries[0]?.hash).not.toBe(list.entries[0]?.hash);
    expect(await matchCard({ ...list, entries: [] }, LISTED.number)).toBeNull();
    // A diagnostics bundle's configuration keeps the labels, not the salt or the hashes.
    const bundled = JSON.stringify(redactValue({ attendant: { cards: list } }));
    expect(bundled).toContain('staff 0417');
    expect(bundled).not.toContain(list.salt);
    expect(bundled).not.toContain(list.entries[0]?.hash ?? '?');
  });

  it('the configuration refuses a bad entry and names the field', async () => {
    const list = await listOf({ number: LISTED.number, label: 'staff 0417' });
    const path = (cards: unknown) => {
      const r = attendantConfigSchema.safeParse({ cards });
      return r.success ? null : r.error.issues[0]?.path.join('.');
    };
    expect(path(list)).toBeNull();
    expect(path({ ...list, entries: [{ label: 'x', hash: LISTED.number }] })).toBe(
      'cards.entries.0.hash',
    );
    expect(
      path({ ...list, entries: [{ label: LISTED.number, hash: list.entries[0]?.hash }] }),
    ).toBe('cards.entries.0.label');
    expect(path({ ...list, salt: 'c2hvcnQ=' })).toBe('cards.salt');
    expect(path({ ...list, scrypt: { N: 1000, r: 8, p: 1 } })).toBe('cards.scrypt.N');
  });
});

describe('attendant card entry through the contract', () => {
  const apps: KioskApp[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
  });

  function app(attendant: Record<string, unknown> = {}) {
    const { call } = contractApp({ central: { mode: 'off' }, attendant }, apps);
    const waitFor = async (card: string) =>
      expect
        .poll(async () => {
          const r = await call('attendant.cardWait', { active: true });
          return r.ok ? (r.value as { card: string }).card : r.error.code;
        })
        .toBe(card);
    const phase = async () => {
      const r = await call('session.state');
      return r.ok ? (r.value as { phase: string }).phase : null;
    };
    const auditOf = async (token: string) => {
      const r = await call('attendant.audit', { token });
      if (!r.ok) throw new Error(r.error.code);
      return r.value as {
        verification: { ok: boolean };
        entries: { action: string; details: string }[];
      };
    };
    return { call, waitFor, phase, auditOf };
  }

  const withCards = async (extra: Record<string, unknown> = {}) =>
    app({
      cards: await listOf(
        { number: LISTED.number, label: 'staff 0417' },
        { number: BLOCKED.number, label: 'staff 0099' },
      ),
      ...extra,
    });

  it('not listed → refused, no citizen session; listed → wrong PIN (tries left), right PIN → attendant mode, audited as method card', async () => {
    const { call, waitFor, phase, auditOf } = await withCards();
    expect(await call('attendant.state')).toMatchObject({ ok: true, value: { cardEntry: true } });
    await waitFor('no_card');

    expect((await call('demo.insertCard', { cardId: CITIZEN.id })).ok).toBe(true);
    await waitFor('not_listed');
    expect(await phase()).toBe('idle');
    expect(await call('attendant.enterWithCard', { pin: CITIZEN.pin })).toMatchObject({
      ok: false,
      error: { code: 'not_attendant_card' },
    });
    // No VERIFY reached the citizen's card.
    expect(await call('card.pinState')).toMatchObject({
      ok: true,
      value: { state: 'required', triesLeft: 3 },
    });
    expect((await call('demo.removeCard')).ok).toBe(true);

    expect((await call('demo.insertCard', { cardId: LISTED.id })).ok).toBe(true);
    await waitFor('listed');
    expect(await phase()).toBe('idle');
    expect(await call('attendant.enterWithCard', { pin: '000000' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin', triesLeft: 2 },
    });
    const entered = await call('attendant.enterWithCard', { pin: LISTED.pin });
    if (!entered.ok) throw new Error(entered.error.code);
    const { token } = entered.value as { token: string };
    expect(await call('attendant.dashboard', { token })).toMatchObject({
      ok: true,
      value: { counters: {} },
    });
    const board = await call('attendant.dashboard', { token });
    // The attendant's and the refused card were no citizen sessions.
    expect(
      board.ok && (board.value as { counters: Record<string, number> }).counters,
    ).not.toHaveProperty('card_sessions');
    const audit = await auditOf(token);
    expect(audit.verification.ok).toBe(true);
    const actions = audit.entries.map((e) => `${e.action} ${e.details}`).reverse();
    expect(actions).toEqual([
      'attendant.entry_refused {"method":"card","why":"not_attendant_card"}',
      'attendant.entry_refused {"method":"card","why":"not_attendant_card"}',
      'attendant.entry_failed {"failures":1,"method":"card"}',
      'attendant.enter {"holder":"staff 0417","method":"card"}',
    ]);
    expect(JSON.stringify(audit)).not.toContain(LISTED.number);
    expect(JSON.stringify(audit)).not.toContain(CITIZEN.number);
    expect(await phase()).toBe('idle');
  });

  it('a blocked attendant card is refused; wrong PINs and passcodes count toward one lockout', async () => {
    const { call, waitFor } = await withCards({ maxFailures: 3 });
    await waitFor('no_card');
    expect((await call('demo.insertCard', { cardId: BLOCKED.id })).ok).toBe(true);
    await waitFor('listed');
    expect(await call('attendant.enterWithCard', { pin: BLOCKED.pin })).toMatchObject({
      ok: false,
      error: { code: 'pin_blocked' },
    });
    expect((await call('demo.removeCard')).ok).toBe(true);

    expect(await call('attendant.enter', { passcode: '00000000' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_passcode', triesLeft: 2 },
    });
    expect((await call('demo.insertCard', { cardId: LISTED.id })).ok).toBe(true);
    await waitFor('listed');
    expect(await call('attendant.enterWithCard', { pin: '000000' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin', triesLeft: 2 },
    });
    expect(await call('attendant.enterWithCard', { pin: '111111' })).toMatchObject({
      ok: false,
      error: { code: 'attendant_locked', retryAfterSeconds: 300 },
    });
    // Locked: the right PIN is not even tried on the card (its tries stay at 1), nor the passcode.
    expect(await call('attendant.enterWithCard', { pin: LISTED.pin })).toMatchObject({
      ok: false,
      error: { code: 'attendant_locked' },
    });
    expect(await call('card.pinState')).toMatchObject({
      ok: true,
      value: { state: 'required', triesLeft: 1 },
    });
    expect(await call('attendant.enter', { passcode: DEMO_PASSCODE })).toMatchObject({
      ok: false,
      error: { code: 'attendant_locked' },
    });
  });

  it('never while a citizen session runs; a held card stays held after the wait ends, the next card is a citizen’s again', async () => {
    const { call, waitFor, phase } = await withCards();
    expect((await call('demo.insertCard', { cardId: LISTED.id })).ok).toBe(true);
    await expect.poll(phase).toBe('card');
    expect(await call('attendant.cardWait', { active: true })).toMatchObject({
      ok: false,
      error: { code: 'citizen_session_active' },
    });
    expect(await call('attendant.enterWithCard', { pin: LISTED.pin })).toMatchObject({
      ok: false,
      error: { code: 'citizen_session_active' },
    });
    expect((await call('demo.removeCard')).ok).toBe(true);
    await expect.poll(phase).toBe('idle');

    await waitFor('no_card');
    expect((await call('demo.insertCard', { cardId: CITIZEN.id })).ok).toBe(true);
    await waitFor('not_listed');
    expect((await call('attendant.cardWait', { active: false })).ok).toBe(true);
    expect(await phase()).toBe('idle');
    expect((await call('demo.removeCard')).ok).toBe(true);
    expect((await call('demo.insertCard', { cardId: CITIZEN.id })).ok).toBe(true);
    await expect.poll(phase).toBe('card');
  });

  it('without a configured list: no card entry, cards start citizen sessions as before', async () => {
    const { call, phase } = app();
    expect(await call('attendant.state')).toMatchObject({ ok: true, value: { cardEntry: false } });
    expect(await call('attendant.cardWait', { active: true })).toEqual({
      ok: true,
      value: { available: false, card: 'off' },
    });
    expect((await call('demo.insertCard', { cardId: LISTED.id })).ok).toBe(true);
    await expect.poll(phase).toBe('card');
    expect(await call('attendant.enterWithCard', { pin: LISTED.pin })).toMatchObject({
      ok: false,
      error: { code: 'not_available' },
    });
  });
});
