/**
 * The reference central service (server/) with its demo data, started by an e2e suite on
 * loopback instead of inside the kiosk: the same code and the same demo generator as the
 * kiosk's embedded service, but the test holds the database, so it can
 *  - read the citizen's real records to check the screens against (`records`),
 *  - put a card into another status, as a counter would (`setStatus`),
 *  - stop and restart the service on the same port (offline drills).
 * The kiosk is enrolled before it starts (`enrol`), then runs with `central.mode: 'remote'`.
 */
import { openDatabase, type Database } from '../../server/src/db/database';
import type { CardStatus } from '../../server/src/domain/card-status';
import type { CardRow } from '../../server/src/services/cards';
import * as inquiry from '../../server/src/services/inquiry';
import { createEnrolmentCode } from '../../server/src/services/kiosk-auth';
import { startCentral, type RunningCentral } from '../../server/src/start';
import { testKiosk } from '../../electron/central/test-support';
import { DEMO_PERSONAS } from '../../electron/devices/card/personas';

export interface ReferenceCentral {
  readonly url: string;
  readonly db: Database;
  /** The kiosk configuration's `central` section for this service. */
  readonly kioskCentral: Record<string, unknown>;
  /** Enrols a kiosk whose data directory is `dataDir` (its credentials land there). */
  enrol(dataDir: string): Promise<void>;
  /** Stops answering (the port is closed); the data stays. */
  stop(): Promise<void>;
  /** Starts again on the same port with the same data. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** Sets a card's status in the central database; answers the status it had. */
  setStatus(cardNumber: string, status: CardStatus): Promise<CardStatus>;
  /** What the central service holds for the card's citizen, read with the service's own queries. */
  records(cardNumber: string): Promise<CitizenRecords>;
}

export interface CitizenRecords {
  readonly person: Awaited<ReturnType<typeof inquiry.person>>;
  readonly insurances: Awaited<ReturnType<typeof inquiry.insurances>>;
  readonly medicalAccount: Awaited<ReturnType<typeof inquiry.medicalAccount>>;
  readonly medicalTransactions: Awaited<ReturnType<typeof inquiry.medicalTransactions>>;
  readonly pensionAccount: Awaited<ReturnType<typeof inquiry.pensionAccount>>;
  readonly benefits: Awaited<ReturnType<typeof inquiry.benefits>>;
  contributions(fromYear: number, toYear: number): Promise<inquiry.ContributionsAnswer>;
}

/** The card number of a demo card (the virtual card's persona data). */
export function demoCardNumber(cardId: string): string {
  const n = DEMO_PERSONAS.find((p) => p.id === cardId)?.card?.cardNumber;
  if (!n) throw new Error(`no demo SSC card "${cardId}"`);
  return n;
}

/** `settings`: the service's own configuration beyond its demo defaults (server/src/config.ts). */
export async function startReferenceCentral(
  settings: Record<string, unknown> = {},
): Promise<ReferenceCentral> {
  const db = await openDatabase({});
  // The embedded service's demo configuration; the generated extra citizens are left out
  // (the personas come first and their records do not depend on how many follow).
  const config = (port: number) => ({
    demo: true,
    host: '127.0.0.1',
    port,
    demoSeed: { extraPersons: 0, years: 22 },
    ...settings,
  });
  let running: RunningCentral | null = await startCentral({ db, config: config(0), logger: false });
  const url = running.url;
  const port = Number(new URL(url).port);
  const card = async (cardNumber: string): Promise<CardRow> => {
    const rows = await db.query<CardRow>('SELECT * FROM cards WHERE card_number = $1', [
      cardNumber,
    ]);
    const row = rows[0];
    if (!row) throw new Error('the central service has no such card');
    return row;
  };
  const ctx = () => {
    if (!running) throw new Error('the reference central service is stopped');
    return running.ctx;
  };
  return {
    url,
    db,
    // Short timeouts: an offline drill must not wait the production 8 s per call.
    kioskCentral: { mode: 'remote', baseUrl: url, connectTimeoutMs: 500, totalTimeoutMs: 3000 },
    async enrol(dataDir) {
      const kiosk = await testKiosk({
        central: {
          url,
          ctx: ctx(),
          db,
          code: async () => (await createEnrolmentCode(ctx())).code,
          close: async () => {},
        },
        dir: dataDir,
      });
      await kiosk.close();
    },
    async stop() {
      await running?.close();
      running = null;
    },
    async start() {
      running ??= await startCentral({ db, config: config(port), logger: false });
    },
    async close() {
      await running?.close();
      running = null;
      await db.close();
    },
    async setStatus(cardNumber, status) {
      const before = (await card(cardNumber)).status;
      await db.query('UPDATE cards SET status = $2 WHERE card_number = $1', [cardNumber, status]);
      return before;
    },
    async records(cardNumber) {
      const c = await card(cardNumber);
      const id = c.person_id;
      return {
        person: await inquiry.person(db, c),
        insurances: await inquiry.insurances(db, id),
        medicalAccount: await inquiry.medicalAccount(db, id),
        // The kiosk asks for the service's default page of 20.
        medicalTransactions: await inquiry.medicalTransactions(db, id, 20),
        pensionAccount: await inquiry.pensionAccount(db, id),
        benefits: await inquiry.benefits(db, id),
        contributions: (fromYear, toYear) => inquiry.contributions(db, id, fromYear, toYear),
      };
    },
  };
}
