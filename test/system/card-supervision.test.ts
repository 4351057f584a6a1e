import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcscReader } from '../../electron/devices/card/pcsc-reader';
import { silentLogger } from '../../electron/log';
import { until } from './card-harness';
import { cardState, noCard, startCardStack, virtualCard, type CardStack } from './card-stack';

/**
 * QUALITY.md R3 (bounded here to 20 + 20 cycles): pcscd killed with -9 and restarted; the
 * adapter must notice, rebuild its PC/SC context and have the readers (and the card) back
 * within 3 s, with no restart of the app.
 */
const CYCLES = 20;
const BACK_WITHIN_MS = 3000;

let stack: CardStack;
beforeAll(async () => {
  stack = await startCardStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function restart(): Promise<number> {
  await stack.pcscd.kill();
  await until(
    'adapter notices pcscd is gone',
    () => stack.reader.status().device === 'offline',
    BACK_WITHIN_MS,
  );
  const started = Date.now();
  await stack.pcscd.start();
  return started;
}

describe('pcscd killed and restarted', () => {
  it(`idle: both readers back within ${BACK_WITHIN_MS} ms, ${CYCLES} times`, async () => {
    for (let i = 0; i < CYCLES; i += 1) {
      const started = await restart();
      await until('readers back', () => stack.reader.readers().length === 2, BACK_WITHIN_MS);
      expect(Date.now() - started).toBeLessThanOrEqual(BACK_WITHIN_MS);
      expect(stack.reader.status()).toEqual({ device: 'online', media: 'absent' });
    }
  });

  it(`with a card inserted: the card read again within ${BACK_WITHIN_MS} ms, ${CYCLES} times`, async () => {
    const [slot] = stack.slots;
    await slot.insert(virtualCard('active-2'));
    await cardState(stack.service, (s) => s.state === 'ssc_card');
    for (let i = 0; i < CYCLES; i += 1) {
      const started = await restart();
      await cardState(stack.service, (s) => s.state === 'ssc_card', BACK_WITHIN_MS);
      expect(Date.now() - started).toBeLessThanOrEqual(BACK_WITHIN_MS);
    }
    // A session works normally on the recovered stack.
    expect(await stack.service.verifyPin('135790')).toEqual({ ok: true, value: undefined });
    await slot.remove();
    await cardState(stack.service, noCard);
  });

  it('an app started while pcscd is down finds the readers once pcscd comes up', async () => {
    await stack.pcscd.kill();
    const late = new PcscReader({ logger: silentLogger() });
    late.start();
    expect(late.status()).toEqual({ device: 'offline', media: 'unknown' });
    const started = Date.now();
    await stack.pcscd.start();
    await until('readers found', () => late.readers().length === 2, BACK_WITHIN_MS);
    expect(Date.now() - started).toBeLessThanOrEqual(BACK_WITHIN_MS);
    await late.stop();
  });
});
