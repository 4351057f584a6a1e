/**
 * R6 long run — every operation of the central API with random bodies, query strings and
 * path parameters, signed so they reach validation and the handlers: 2xx/4xx, never 5xx.
 *
 *   npm run drill -- central-fuzz [runs-per-operation] [seed]
 */
import { openDatabase } from '../../server/src/db/database';
import { PERSONAS } from '../../server/src/demo/personas';
import { authenticatedSession, startFixture, TEST_CONFIG } from '../../server/src/testing/fixture';
import { documentOperations, fuzzOperations } from '../../server/src/testing/fuzz';

const runs = Number(process.argv[2] ?? 2000);
const seed = process.argv[3] !== undefined ? Number(process.argv[3]) : Date.now() % 2_147_483_647;

const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
const f = await startFixture(db, {
  ...TEST_CONFIG,
  demoSeed: { extraPersons: 16, years: 3 },
  // The drill measures robustness, not rate limits: let challenges through.
  challenge: {
    codeSeconds: 300,
    maxAttempts: 5,
    perKioskPerHour: 1_000_000,
    perIdNumberPerHour: 1_000_000,
  },
});
try {
  const card = PERSONAS[0]?.cards[0];
  if (!card) throw new Error('no persona card');
  const session = await authenticatedSession(f.kiosk, card);
  const t0 = Date.now();
  const { requests, failures } = await fuzzOperations(f.kiosk, session, runs, seed);
  console.log(
    `database: ${db.kind}; seed ${seed}; ${documentOperations().length} operations × ${runs} runs`,
  );
  console.log(
    `${requests} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s; 5xx answers: ${failures.length}`,
  );
  for (const x of failures.slice(0, 10))
    console.log(`  ${x.status} ${x.url} ${JSON.stringify(x.body)}`);
  const failed = failures.length > 0;
  console.log(
    `central-fuzz: ${failures.length} server errors in ${requests} requests (goal 0) ${failed ? 'FAIL' : 'PASS'}`,
  );
  process.exitCode = failed ? 1 : 0;
} finally {
  await f.close();
  await db.close();
}
