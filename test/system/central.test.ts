import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/src/db/postgres';
import { createEnrolmentCode } from '../../server/src/services/kiosk-auth';
import { signedHeaders } from '../../server/src/signing';
import { startCentral, type RunningCentral } from '../../server/src/start';
import { describeCentral } from '../../server/src/testing/central-suite';
import { enrol } from '../../server/src/testing/kiosk-client';
import { PERSONAS } from '../../server/src/demo/personas';
import { authenticatedSession, startFixture, TEST_CONFIG } from '../../server/src/testing/fixture';
import { fuzzOperations } from '../../server/src/testing/fuzz';
import { startPostgres, type PostgresServer } from './central-postgres';

// One server for the file; the shared suite gets its own database, as does the fleet test.
let server: PostgresServer | undefined;
const serverReady = startPostgres().then((s) => {
  server = s;
  return s;
});
afterAll(async () => {
  await server?.stop();
});

describeCentral(
  'a PostgreSQL server',
  async () => openPostgres(await (await serverReady).createDatabase('central_suite')),
  (db) => db.close(),
);

describe('several central instances on one PostgreSQL database', () => {
  let a: RunningCentral;
  let b: RunningCentral;
  beforeAll(async () => {
    const url = await (await serverReady).createDatabase('central_fleet');
    const config = {
      demo: true,
      port: 0,
      databaseUrl: url,
      demoSeed: { extraPersons: 0, years: 1 },
    };
    a = await startCentral({ config });
    b = await startCentral({ config });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('share kiosks and nonces: a request replayed to the other instance is rejected', async () => {
    const kiosk = await enrol(a.url, (await createEnrolmentCode(a.ctx)).code);
    const headers = signedHeaders(
      kiosk,
      { method: 'GET', pathWithQuery: '/v1/kiosks/config', body: '' },
      Date.now(),
      'fleet-nonce-000000001',
    );
    expect((await fetch(`${b.url}/v1/kiosks/config`, { headers })).status).toBe(200);
    const replay = await fetch(`${a.url}/v1/kiosks/config`, { headers });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe(
      'replayed_nonce',
    );
  });

  it('agree on one hotlist signing key', () => {
    expect(a.ctx.hotlistSigner.publicKeyPem).toBe(b.ctx.hotlistSigner.publicKeyPem);
  });
});

describe('random requests against PostgreSQL (R6, bounded)', () => {
  it('answers every operation with 2xx/4xx, never 5xx', async () => {
    const db = openPostgres(await (await serverReady).createDatabase('central_fuzz'));
    const f = await startFixture(db, { ...TEST_CONFIG, demoSeed: { extraPersons: 0, years: 2 } });
    try {
      const card = PERSONAS[0]?.cards[0];
      if (!card) throw new Error('no persona card');
      const { failures } = await fuzzOperations(
        f.kiosk,
        await authenticatedSession(f.kiosk, card),
        10,
      );
      expect(failures).toEqual([]);
    } finally {
      await f.close();
      await db.close();
    }
  });
});
