import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from './db/pglite';
import type { Database } from './db/database';
import { PERSONAS } from './demo/personas';
import {
  authenticatedSession,
  SEED_TIMEOUT_MS,
  startFixture,
  TEST_CONFIG,
  type CentralFixture,
} from './testing/fixture';
import { documentOperations, fuzzOperations } from './testing/fuzz';

// Bounded here; `npm run drill -- central-fuzz` runs the long version.
const RUNS_PER_OPERATION = 30;

describe('central service under random requests (R6, bounded)', () => {
  let db: Database;
  let f: CentralFixture;
  beforeAll(async () => {
    db = await openPglite();
    f = await startFixture(db, { ...TEST_CONFIG, demoSeed: { extraPersons: 0, years: 2 } });
  }, SEED_TIMEOUT_MS);
  afterAll(async () => {
    await f.close();
    await db.close();
  });

  it('answers every operation of the document with 2xx/4xx, never 5xx', async () => {
    const card = PERSONAS[0]?.cards[0];
    if (!card) throw new Error('no persona card');
    const session = await authenticatedSession(f.kiosk, card);
    const { requests, failures } = await fuzzOperations(f.kiosk, session, RUNS_PER_OPERATION);
    expect(requests).toBeGreaterThanOrEqual(documentOperations().length * RUNS_PER_OPERATION);
    expect(failures).toEqual([]);
  });
});
