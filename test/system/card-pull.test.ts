import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardState } from '../../electron/services/card-service';
import {
  cardState,
  demoAuthenticate,
  noCard,
  settled,
  startCardStack,
  virtualCard,
  type CardStack,
} from './card-stack';

// QUALITY.md R4: the card pulled at every APDU position of read, VERIFY and CHANGE PIN.
let stack: CardStack;
beforeAll(async () => {
  stack = await startCardStack(demoAuthenticate);
});
afterAll(async () => {
  await stack?.stop();
});

const IO = ['card_removed', 'card_unresponsive', 'transmit_failed', 'reader_unavailable'];

async function readWithPull(personaId: string, position: number): Promise<CardState[]> {
  const [slot] = stack.slots;
  const seen: CardState[] = [];
  const off = stack.service.onEvent((e) => {
    if (e.type === 'card_state') seen.push(e.card);
  });
  await slot.insert(virtualCard(personaId), { pullAtApdu: position });
  await cardState(stack.service, (s) => s.state === 'reading');
  await cardState(stack.service, noCard);
  off();
  return seen;
}

async function insertAndRead(personaId: string, card = virtualCard(personaId)) {
  await stack.slots[0].insert(card);
  const s = await cardState(stack.service, settled);
  expect(s.state).toBe('ssc_card');
  return card;
}

async function pull(): Promise<void> {
  await stack.slots[0].remove();
  await cardState(stack.service, noCard);
}

describe('card pulled mid-sequence (pcscd + vpcd)', () => {
  it('read of a 2.00 card: every one of its 12 APDU positions ends safely, never in a summary', async () => {
    for (let position = 1; position <= 12; position += 1) {
      const states = await readWithPull('active-2', position);
      expect(
        states.map((s) => s.state),
        `position ${position}`,
      ).not.toContain('ssc_card');
      for (const s of states) {
        if (s.state !== 'unreadable') continue;
        expect(IO).toContain(s.reason);
        expect(s.category).toBe('try_again');
      }
    }
    // And the reader still works afterwards.
    await insertAndRead('active-2');
    await pull();
  });

  it('read of a 3.00 card: positions of the authentication and EF06 (9–14)', async () => {
    for (let position = 9; position <= 14; position += 1) {
      const states = await readWithPull('sealed-3', position);
      expect(
        states.map((s) => s.state),
        `position ${position}`,
      ).not.toContain('ssc_card');
    }
  });

  it('VERIFY: a typed error, and no try spent on a command the card never saw', async () => {
    const card = await insertAndRead('active-2');
    await stack.slots[0].pullAtApdu(1);
    const r = await stack.service.verifyPin('000000');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(IO).toContain(r.error.code);
    await cardState(stack.service, noCard);
    await insertAndRead('active-2', card);
    expect(await stack.service.pinState()).toEqual({
      ok: true,
      value: { state: 'required', triesLeft: 3 },
    });
    await pull();
  });

  it('CHANGE PIN: "unknown" when the link breaks, and the card state agrees either way', async () => {
    const card = await insertAndRead('sealed-3');
    // Pulled before the card acted: the old PIN still works.
    await stack.slots[0].pullAtApdu(1);
    const before = await stack.service.changePin('123456', '654321');
    expect(before).toMatchObject({ ok: false, error: { pinChanged: 'unknown' } });
    await cardState(stack.service, noCard);
    await insertAndRead('sealed-3', card);
    expect(await stack.service.verifyPin('123456')).toEqual({ ok: true, value: undefined });
    // Pulled after the card acted: the new PIN works, and "unknown" was the honest answer.
    await stack.slots[0].pullAtApdu(1, { afterProcessing: true });
    const after = await stack.service.changePin('123456', '654321');
    expect(after).toMatchObject({ ok: false, error: { pinChanged: 'unknown' } });
    await cardState(stack.service, noCard);
    await insertAndRead('sealed-3', card);
    expect(await stack.service.verifyPin('654321')).toEqual({ ok: true, value: undefined });
    // A wrong old PIN is a definite "not changed".
    expect(await stack.service.changePin('111111', '222222')).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin', pinChanged: false },
    });
    await pull();
  });
});
