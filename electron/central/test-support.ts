import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { CentralContext } from '../../server/src/context';
import { openDatabase, type Database } from '../../server/src/db/database';
import { createEnrolmentCode } from '../../server/src/services/kiosk-auth';
import { startCentral, type RunningCentral } from '../../server/src/start';
import { TEST_CONFIG } from '../../server/src/testing/fixture';
import { KioskClient } from '../../server/src/testing/kiosk-client';
import { openKioskStore, storeConfigSchema, type KioskStore } from '../store';
import type { ClientTuning } from './client';
import { centralConfigSchema, type CentralSettings } from './config';
import type { HeartbeatSnapshot } from './heartbeat';
import type { DeliveryTuning } from './outbox-delivery';
import { createSyncEngine, type SyncEngine } from './sync-engine';

/** Test scaffolding: the real reference service on loopback, real stores in temp dirs. */
export const quietLog = pino({ level: 'silent' });

export interface TestCentral {
  readonly url: string;
  readonly ctx: CentralContext;
  readonly db: Database;
  code(): Promise<string>;
  close(): Promise<void>;
}

/** `persons`: extra demo persons (drills use many; 1 year of history keeps seeding quick). */
export async function startTestCentral(
  opts: { readonly now?: () => number; readonly persons?: number } = {},
): Promise<TestCentral> {
  const { now } = opts;
  const db = await openDatabase({});
  let central: RunningCentral;
  try {
    central = await startCentral({
      db,
      config: {
        ...TEST_CONFIG,
        challenge: { ...TEST_CONFIG.challenge, perKioskPerHour: 10_000 },
        ...(opts.persons ? { demoSeed: { extraPersons: opts.persons, years: 1 } } : {}),
      },
      ...(now ? { now } : {}),
    });
  } catch (e) {
    await db.close();
    throw e;
  }
  return {
    url: central.url,
    ctx: central.ctx,
    db,
    code: async () => (await createEnrolmentCode(central.ctx)).code,
    async close() {
      await central.close();
      await db.close();
    },
  };
}

export const IDLE_DEVICES: HeartbeatSnapshot = {
  devices: { cardReader: 'online', printer: 'online', paper: 'full' },
};

export interface TestKiosk {
  readonly dir: string;
  readonly store: KioskStore;
  readonly engine: SyncEngine;
  /** A plain signed client with the same credentials (sets up sessions and challenges). */
  direct(): KioskClient;
  close(): Promise<void>;
}

export async function openStore(dir: string): Promise<KioskStore> {
  const s = await openKioskStore({
    config: storeConfigSchema.parse({ dataDir: join(dir, 'store') }),
    log: quietLog,
  });
  if (!s.ok) throw new Error(`store did not open: ${s.error.kind}`);
  return s.value;
}

/** A kiosk with its own store and engine; enrolled against `central` unless told otherwise. */
export async function testKiosk(opts: {
  readonly central: TestCentral;
  readonly baseUrl?: string;
  readonly dir?: string;
  readonly enrol?: boolean;
  readonly settings?: Partial<CentralSettings>;
  readonly tuning?: Partial<ClientTuning> & { readonly delivery?: Partial<DeliveryTuning> };
  readonly now?: () => number;
  readonly heartbeat?: () => HeartbeatSnapshot;
}): Promise<TestKiosk> {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'ssc-sync-'));
  const store = await openStore(dir);
  const made = createSyncEngine({
    store,
    config: centralConfigSchema.parse({ mode: 'remote', ...opts.settings }),
    dataDir: dir,
    log: quietLog,
    appVersion: '0.1.0-test',
    baseUrl: opts.baseUrl ?? opts.central.url,
    heartbeatSource: opts.heartbeat ?? (() => IDLE_DEVICES),
    ...(opts.now ? { now: opts.now } : {}),
    tuning: {
      backoffBaseMs: 20,
      backoffMaxMs: 100,
      ...opts.tuning,
      delivery: { retryBaseMs: 50, retryMaxMs: 200, idleMs: 200, ...opts.tuning?.delivery },
    },
  });
  if (!made.ok) throw new Error(made.error.message);
  const engine = made.value;
  if (opts.enrol !== false && !engine.enrolment()) {
    const r = await engine.enrol(await opts.central.code(), 'test kiosk');
    if (!r.ok) throw new Error(`enrolment failed: ${r.error.kind}`);
  }
  return {
    dir,
    store,
    engine,
    direct() {
      const e = engine.enrolment();
      if (!e) throw new Error('not enrolled');
      return new KioskClient(opts.central.url, e.kioskId, e.secret);
    },
    async close() {
      await engine.close();
      await store.close();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An active card of the demo data, set back to `sealed` so it can be activated once. */
export async function sealedCard(db: Database, skip: number): Promise<string> {
  const rows = await db.query<{ card_number: string }>(
    `SELECT card_number FROM cards c WHERE status = 'active'
      AND NOT EXISTS (SELECT 1 FROM card_events e WHERE e.card_id = c.id)
      ORDER BY id DESC OFFSET $1 LIMIT 1`,
    [skip],
  );
  const n = rows[0]?.card_number;
  if (!n) throw new Error('no active card left');
  await db.query(`UPDATE cards SET status = 'sealed' WHERE card_number = $1`, [n]);
  return n;
}

/**
 * A loss report ready to queue: identity challenge, the code from the development SMS sink,
 * verification → the card reference. For the `skip`-th person holding an active card.
 */
export async function lossReportPayload(
  central: TestCentral,
  kiosk: KioskClient,
  skip: number,
): Promise<{ challengeId: string; code: string; cardRef: string; cardNumber: string }> {
  const rows = await central.db.query<{ id_number: string; name: string; card_number: string }>(
    `SELECT p.id_number, p.name, c.card_number FROM persons p JOIN cards c ON c.person_id = p.id
      WHERE c.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM cards o WHERE o.person_id = p.id AND o.id <> c.id)
      ORDER BY p.id DESC OFFSET $1 LIMIT 1`,
    [skip],
  );
  const person = rows[0];
  if (!person) throw new Error('no person left');
  const ch = await kiosk.post('/v1/identity/challenges', {
    idNumber: person.id_number,
    name: person.name,
  });
  const challengeId = (ch.body as { challengeId?: string }).challengeId;
  if (!challengeId) throw new Error(`challenge failed: ${ch.status} ${JSON.stringify(ch.body)}`);
  const sms = await central.db.query<{ text: string }>(
    'SELECT text FROM dev_sms_messages WHERE challenge_id = $1',
    [challengeId],
  );
  const code = sms[0]?.text.match(/\d{6}/)?.[0];
  if (!code) throw new Error('no SMS code');
  const v = await kiosk.post(`/v1/identity/challenges/${challengeId}/verify`, { code });
  const cardRef = (v.body as { cards?: { cardRef: string }[] }).cards?.[0]?.cardRef;
  if (!cardRef) throw new Error(`verify failed: ${v.status}`);
  return { challengeId, code, cardRef, cardNumber: person.card_number };
}

/** How many times the service applied something to this card on behalf of a kiosk. */
export async function appliedCount(
  db: Database,
  cardNumber: string,
  kind: 'activation' | 'loss_report',
): Promise<number> {
  const rows =
    kind === 'activation'
      ? await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM card_events e JOIN cards c ON c.id = e.card_id
            WHERE c.card_number = $1 AND e.to_status = 'active' AND e.from_status = 'sealed'`,
          [cardNumber],
        )
      : await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM loss_reports r JOIN cards c ON c.id = r.card_id
            WHERE c.card_number = $1`,
          [cardNumber],
        );
  return rows[0]?.n ?? 0;
}
