import { PcscReader } from '../../electron/devices/card/pcsc-reader';
import type { ExternalAuthenticator } from '../../electron/devices/card/card-summary';
import { externalAuthCryptogram } from '../../electron/devices/card/card-crypto';
import { demoCardKey } from '../../electron/devices/card/demo-keys';
import { ok } from '../../electron/result';
import { CardService, type CardState } from '../../electron/services/card-service';
import { silentLogger } from '../../electron/log';
import { CARD_TEST_PORT, PrivatePcscd, until } from './card-harness';
import { VpcdCards, type VpcdSlot } from '../support/vpcd-cards';

export { virtualCard } from '../support/vpcd-cards';

export interface CardStack {
  readonly pcscd: PrivatePcscd;
  readonly reader: PcscReader;
  readonly service: CardService;
  /** The two vpcd slots; the cards behind them live in a child process. */
  readonly slots: readonly [VpcdSlot, VpcdSlot];
  stop(): Promise<void>;
}

/** Stands in for the central service (which holds the demo master keys) for 3.00 cards. */
export const demoAuthenticate: ExternalAuthenticator = ({
  cardIdentificationCode,
  algorithm,
  challenge,
}) =>
  Promise.resolve(
    ok(
      externalAuthCryptogram(
        algorithm,
        demoCardKey(algorithm, 'read', Buffer.from(cardIdentificationCode, 'hex')),
        challenge,
      ),
    ),
  );

/** pcscd + vpcd (two slots) + PcscReader + CardService, as the kiosk runs them. */
export async function startCardStack(authenticate?: ExternalAuthenticator): Promise<CardStack> {
  const pcscd = new PrivatePcscd();
  await pcscd.start();
  const reader = new PcscReader({
    logger: silentLogger(),
    checkIntervalMs: 200,
    backoffMaxMs: 400,
  });
  const service = new CardService({ reader, logger: silentLogger(), authenticate });
  service.start();
  await until('two vpcd readers', () => reader.readers().length === 2, 5000);
  const cards = await VpcdCards.start([CARD_TEST_PORT, CARD_TEST_PORT + 1]);
  const [a, b] = cards.slots;
  if (!a || !b) throw new Error('vpcd slots missing');
  return {
    pcscd,
    reader,
    service,
    slots: [a, b],
    async stop() {
      await cards.stop();
      await service.stop();
      await pcscd.stop();
    },
  };
}

/** Waits for the service to reach a state matching `pred` (event-driven, with a deadline). */
export function cardState(
  service: CardService,
  pred: (s: CardState) => boolean,
  timeoutMs = 5000,
): Promise<CardState> {
  if (pred(service.current())) return Promise.resolve(service.current());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(`card state not reached in ${timeoutMs} ms; last: ${service.current().state}`),
      );
    }, timeoutMs);
    const off = service.onEvent((e) => {
      if (e.type === 'card_state' && pred(e.card)) {
        clearTimeout(timer);
        off();
        resolve(e.card);
      }
    });
  });
}

export const settled = (s: CardState): boolean => s.state !== 'reading' && s.state !== 'no_card';
export const noCard = (s: CardState): boolean => s.state === 'no_card';
