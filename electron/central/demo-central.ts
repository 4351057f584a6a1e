import { join } from 'node:path';
import type { Logger } from '../log';

/** The reference central service running inside this process (demo mode, tests, drills). */
export interface DemoCentral {
  readonly url: string;
  /** A fresh one-time enrolment code (what bureau IT would hand the attendant). */
  enrolmentCode(): Promise<string>;
  /** Whether the service knows this kiosk (its database may have been wiped). */
  knowsKiosk(kioskId: string): Promise<boolean>;
  /** Queues a heartbeat command for a kiosk, as bureau IT would. */
  queueCommand(
    kioskId: string,
    type: 'out_of_service' | 'in_service' | 'refresh_hotlist' | 'refresh_config',
    message?: string,
  ): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts the reference central service (server/) in-process on loopback: PGlite in
 * `<dataDir>/central-db` (or in memory), demo data seeded on first start. The server code is
 * imported dynamically so a production kiosk, which talks to a remote service, never loads it.
 */
export async function startDemoCentral(opts: {
  readonly dataDir?: string;
  readonly log: Logger;
  readonly port?: number;
}): Promise<DemoCentral> {
  const { startCentral } = await import('../../server/src/start');
  const { createEnrolmentCode } = await import('../../server/src/services/kiosk-auth');
  const { queueCommand } = await import('../../server/src/services/kiosks');
  const started = Date.now();
  const central = await startCentral({
    config: {
      demo: true,
      host: '127.0.0.1',
      port: opts.port ?? 0,
      ...(opts.dataDir ? { dataDir: join(opts.dataDir, 'central-db') } : {}),
    },
  });
  opts.log.info(
    { url: central.url, ms: Date.now() - started },
    'central: embedded reference service started (demo)',
  );
  return {
    url: central.url,
    enrolmentCode: async () => (await createEnrolmentCode(central.ctx)).code,
    async knowsKiosk(kioskId) {
      const rows = await central.ctx.db.query('SELECT 1 FROM kiosks WHERE id = $1', [kioskId]);
      return rows.length > 0;
    },
    queueCommand: (kioskId, type, message) => queueCommand(central.ctx, kioskId, type, message),
    close: () => central.close(),
  };
}
