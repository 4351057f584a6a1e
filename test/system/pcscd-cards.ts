import { afterAll, beforeAll } from 'vitest';
import { VpcdCards, type VpcdSlot } from '../support/vpcd-cards';
import { CARD_TEST_PORT, PrivatePcscd } from './card-harness';

/**
 * A private pcscd with virtual cards on `ports` (served from a child process) for a whole test
 * file: started before its first test, stopped after its last. `slot(i)` is the i-th vpcd slot.
 * A file's own clean-up (an app on this pcscd) belongs in `afterEach`, before this one runs.
 */
export function pcscdWithVirtualCards(ports: readonly number[] = [CARD_TEST_PORT]): {
  slot(index?: number): VpcdSlot;
} {
  let pcscd: PrivatePcscd | undefined;
  let cards: VpcdCards | undefined;
  beforeAll(async () => {
    pcscd = new PrivatePcscd();
    await pcscd.start();
    cards = await VpcdCards.start(ports);
  }, 60_000);
  afterAll(async () => {
    await cards?.stop();
    await pcscd?.stop();
  });
  return {
    slot: (index = 0) => {
      const slot = cards?.slots[index];
      if (!slot) throw new Error(`no vpcd slot ${index}`);
      return slot;
    },
  };
}
