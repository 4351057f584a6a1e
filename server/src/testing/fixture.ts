import type { CentralConfigInput } from '../config';
import type { Database } from '../db/database';
import type { PersonaCard } from '../demo/personas';
import { createEnrolmentCode } from '../services/kiosk-auth';
import { startCentral, type RunningCentral } from '../start';
import { enrol, type KioskClient } from './kiosk-client';
import { cardAnswer } from './virtual-card-crypto';

export interface CentralFixture {
  readonly central: RunningCentral;
  readonly kiosk: KioskClient;
  /** Moves the service's (and the test kiosks') clock forward. */
  advance(ms: number): void;
  now(): number;
  newKiosk(): Promise<KioskClient>;
  close(): Promise<void>;
}

/** Seeding ~30,000 contribution rows takes seconds; on a loaded 2-core CI machine, more. */
export const SEED_TIMEOUT_MS = 120_000;

export const TEST_CONFIG: CentralConfigInput = {
  demo: true,
  port: 0,
  demoSeed: { extraPersons: 16, years: 22 },
  challenge: { codeSeconds: 300, maxAttempts: 5, perKioskPerHour: 40, perIdNumberPerHour: 5 },
};

/** One central service per test file, on the given database, with a movable clock. */
export async function startFixture(
  db: Database,
  config: CentralConfigInput = TEST_CONFIG,
): Promise<CentralFixture> {
  let offset = 0;
  const now = (): number => Date.now() + offset;
  const central = await startCentral({ db, config, now });
  const newKiosk = async (): Promise<KioskClient> => {
    const { code } = await createEnrolmentCode(central.ctx);
    return enrol(central.url, code, now);
  };
  return {
    central,
    kiosk: await newKiosk(),
    advance: (ms) => {
      offset += ms;
    },
    now,
    newKiosk,
    close: () => central.close(),
  };
}

export interface OpenedSession {
  readonly sessionId: string;
  readonly challenge: string;
  readonly status: string;
}

export async function openSession(kiosk: KioskClient, card: PersonaCard): Promise<OpenedSession> {
  const res = await kiosk.post('/v1/card-sessions', {
    cardIdentificationCode: card.cardIdentificationCode,
    cardNumber: card.cardNumber,
    atr: '3B6800000073C84013009000',
    specVersion: card.specVersion,
    algorithm: card.algorithm,
  });
  const body = res.body as { sessionId: string; challenge: string; card: { status: string } };
  if (res.status !== 201)
    throw new Error(`open session failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { sessionId: body.sessionId, challenge: body.challenge, status: body.card.status };
}

/** Opens a session and authenticates it as a genuine card after a correct PIN would. */
export async function authenticatedSession(
  kiosk: KioskClient,
  card: PersonaCard,
): Promise<{ sessionId: string; token: string }> {
  const s = await openSession(kiosk, card);
  const res = await kiosk.post(`/v1/card-sessions/${s.sessionId}/authenticate`, {
    cardCryptogram: cardAnswer(card, s.challenge),
    pinVerified: true,
  });
  if (res.status !== 200)
    throw new Error(`authenticate failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { sessionId: s.sessionId, token: (res.body as { token: string }).token };
}

export const errorCode = (body: unknown): string | undefined =>
  (body as { error?: { code?: string } } | null)?.error?.code;
