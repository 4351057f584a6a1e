import { z } from 'zod';
import type { Logger } from '../../log';
import { PcscReader } from './pcsc-reader';
import type { CardReaderPort } from './reader-port';
import { SimulatedReader } from './simulated-reader';

/** The `card` section of the kiosk configuration (the lead merges it into config.ts). */
export const cardConfigSchema = z.object({
  /** `pcsc`: real readers through pcscd; `simulated`: the demo panel's virtual cards. */
  reader: z.enum(['pcsc', 'simulated']).default('simulated'),
  pcsc: z
    .object({
      /** pcscd's socket; default as libpcsclite (PCSCLITE_CSOCK_NAME or /run/pcscd/pcscd.comm). */
      socketPath: z.string().min(1).optional(),
      /** How often the supervisor checks that pcscd is the one the context was made with. */
      checkIntervalMs: z.number().int().min(100).max(60_000).default(500),
      backoffMaxMs: z.number().int().min(100).max(60_000).default(1000),
      transmitTimeoutMs: z.number().int().min(500).max(60_000).default(10_000),
    })
    .prefault({}),
  simulated: z
    .object({
      /** The virtual cards' PIN try limit (issuers use 3, 6 or 8). */
      pinTryLimit: z.number().int().min(1).max(15).default(3),
    })
    .prefault({}),
});

export type CardConfig = z.infer<typeof cardConfigSchema>;

export function createCardReader(config: CardConfig, logger: Logger): CardReaderPort {
  if (config.reader === 'simulated')
    return new SimulatedReader({ pinTryLimit: config.simulated.pinTryLimit });
  return new PcscReader({
    logger,
    socketPath: config.pcsc.socketPath,
    checkIntervalMs: config.pcsc.checkIntervalMs,
    backoffMaxMs: config.pcsc.backoffMaxMs,
    transmitTimeoutMs: config.pcsc.transmitTimeoutMs,
  });
}
