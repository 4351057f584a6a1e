import { PcscReader } from '../../electron/devices/card/pcsc-reader';
import { VpcdBridge } from '../../electron/devices/card/vpcd-bridge';
import { VirtualCard } from '../../electron/devices/card/virtual-card';
import { findPersona } from '../../electron/devices/card/personas';
import type { ExternalAuthenticator } from '../../electron/devices/card/card-summary';
import { CardService, type CardState } from '../../electron/services/card-service';
import { silentLogger } from '../../electron/log';
import { CARD_TEST_PORT, PrivatePcscd, until } from './card-harness';

export interface CardStack {
  readonly pcscd: PrivatePcscd;
  readonly reader: PcscReader;
  readonly service: CardService;
  readonly bridges: readonly [VpcdBridge, VpcdBridge];
  stop(): Promise<void>;
}

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
  const bridges = [
    new VpcdBridge({ port: CARD_TEST_PORT }),
    new VpcdBridge({ port: CARD_TEST_PORT + 1 }),
  ] as const;
  return {
    pcscd,
    reader,
    service,
    bridges,
    async stop() {
      for (const b of bridges) b.remove();
      await service.stop();
      await pcscd.stop();
    },
  };
}

export function virtualCard(personaId: string, pinTryLimit?: number): VirtualCard {
  const persona = findPersona(personaId);
  if (!persona) throw new Error(`unknown persona ${personaId}`);
  return new VirtualCard(persona, { pinTryLimit });
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
