import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS } from '../../electron/devices/card/personas';
import { PcscReader } from '../../electron/devices/card/pcsc-reader';
import { silentLogger } from '../../electron/log';
import { until } from './card-harness';
import {
  cardState,
  demoAuthenticate,
  noCard,
  settled,
  startCardStack,
  virtualCard,
  type CardStack,
} from './card-stack';

let stack: CardStack;
beforeAll(async () => {
  stack = await startCardStack(demoAuthenticate);
});
afterAll(async () => {
  await stack?.stop();
});

describe('card read through pcscd + vpcd + pcsclite', () => {
  it('reads every persona with the right outcome', async () => {
    const [slot] = stack.slots;
    for (const persona of DEMO_PERSONAS) {
      await slot.insert(virtualCard(persona.id));
      const s = await cardState(stack.service, settled);
      if (!persona.card) {
        expect(s.state, persona.id).toBe('not_ssc_card');
      } else {
        expect(s.state, persona.id).toBe('ssc_card');
        if (s.state !== 'ssc_card') continue;
        expect(s.summary).toMatchObject({
          cardNumber: persona.card.cardNumber,
          cardNumberValid: true,
          specVersion: persona.card.specVersion,
          algorithm: persona.card.algorithm,
          expiryDate: persona.card.expiryDate,
          personalLocked: false,
          personal: {
            idNumber: persona.card.idNumber,
            idNumberValid: true,
            name: persona.card.name,
          },
        });
        expect(s.summary.expired).toBe(persona.id === 'expired');
      }
      await slot.remove();
      await cardState(stack.service, noCard);
    }
  });

  it('verifies the PIN, reports tries left, locks at the card limit and changes the PIN', async () => {
    const [slot] = stack.slots;
    const card = virtualCard('active-2', 4);
    await slot.insert(card);
    await cardState(stack.service, (s) => s.state === 'ssc_card');
    expect(await stack.service.verifyPin('135790')).toEqual({ ok: true, value: undefined });
    expect(await stack.service.changePin('135790', '112233')).toEqual({
      ok: true,
      value: undefined,
    });
    for (const left of [3, 2, 1]) {
      expect(await stack.service.verifyPin('000000')).toMatchObject({
        ok: false,
        error: { code: 'wrong_pin', triesLeft: left },
      });
    }
    expect(await stack.service.verifyPin('000000')).toMatchObject({
      ok: false,
      error: { code: 'pin_blocked' },
    });
    expect(await stack.service.verifyPin('112233')).toMatchObject({
      ok: false,
      error: { code: 'pin_blocked' },
    });
    expect(await stack.service.pinState()).toEqual({ ok: true, value: { state: 'blocked' } });
    // Still blocked after taking the card out and back in.
    await slot.remove();
    await cardState(stack.service, noCard);
    await slot.insert(card);
    await cardState(stack.service, (s) => s.state === 'ssc_card');
    expect(await stack.service.pinState()).toEqual({ ok: true, value: { state: 'blocked' } });
    await slot.remove();
    await cardState(stack.service, noCard);
  });

  it('serves two readers: a card waiting in the second is read when the first leaves', async () => {
    const [a, b] = stack.slots;
    await a.insert(virtualCard('active-2'));
    const first = await cardState(stack.service, settled);
    await b.insert(virtualCard('expired'));
    await until('both cards seen', () => stack.reader.readers().every((r) => r.cardPresent), 5000);
    expect(first.state === 'ssc_card' && first.summary.expired).toBe(false);
    await a.remove();
    const second = await cardState(
      stack.service,
      (s) => s.state === 'ssc_card' && s.summary.expired,
    );
    expect(second.state === 'ssc_card' && second.reader).toBe(stack.reader.readers()[1]?.name);
    await b.remove();
    await cardState(stack.service, noCard);
  });
});

describe('npm run card (CLI) against the same pcscd', () => {
  function cli(...args: string[]): Promise<{ status: number; out: unknown }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'electron/cli/card.ts', ...args],
        { encoding: 'utf8', timeout: 30_000 },
        (error, stdout) => {
          const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ status, out: JSON.parse(stdout) as unknown });
        },
      );
    });
  }

  // Watches pcscd without connecting, so the test knows the card is in before the CLI looks.
  let observer: PcscReader;
  beforeAll(async () => {
    // The CLI needs the card for itself: the kiosk service lets go of the readers.
    await stack.service.stop();
    observer = new PcscReader({ logger: silentLogger() });
    observer.start();
  });
  afterAll(async () => {
    await observer.stop();
  });

  async function put(personaId: string | null): Promise<void> {
    const [slot] = stack.slots;
    await slot.remove();
    await until('slot empty', () => observer.readers()[0]?.cardPresent === false, 5000);
    if (!personaId) return;
    await slot.insert(virtualCard(personaId));
    await until('card seen', () => observer.readers()[0]?.cardPresent === true, 5000);
  }

  it('reads a 2.00 card, keeps a 3.00 card personal data locked, names a non-SSC card', async () => {
    await put('active-2');
    const read = await cli('read', '--json');
    expect(read.status).toBe(0);
    expect(read.out).toMatchObject({
      cardNumber: DEMO_PERSONAS[0]?.card?.cardNumber,
      cardIdentificationCode: expect.stringMatching(/^110100D156000005[0-9A-F]{16}$/) as unknown,
      region: '110100',
      cardType: 'adult',
      specVersion: '2.00',
      algorithm: 'DES',
      issueDate: '2019-06-01',
      expiryDate: '2029-06-01',
      cardNumberValid: true,
      personalLocked: false,
      personal: { name: '张伟' },
    });
    await put('sealed-3');
    expect((await cli('read', '--json')).out).toMatchObject({
      algorithm: 'SM4',
      personal: null,
      personalLocked: true,
    });
    await put('non-ssc');
    const other = await cli('read', '--json');
    expect(other.status).toBe(1);
    expect(other.out).toMatchObject({ error: 'not_ssc_card' });
    await put(null);
    expect((await cli('read', '--json')).out).toMatchObject({ error: 'no_card' });
    const status = await cli('status', '--json');
    expect(status.out).toMatchObject({ status: { device: 'online', media: 'absent' } });
  });
});
