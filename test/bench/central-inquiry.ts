/**
 * P5 — central inquiry: the contributions of a 20-year contributor (5 insurance types × 240
 * months) through the service (signed HTTP on loopback, authentication, session, JSON) vs
 * the same SQL sent directly to the same database in the same run. Embedded PGlite by
 * default; `--postgres` starts a private PostgreSQL server (as the system tests do) and
 * DATABASE_URL uses a given one.
 *
 *   npm run bench -- central-inquiry [iterations] [--postgres]
 */
import { openDatabase } from '../../server/src/db/database';
import { PERSONAS } from '../../server/src/demo/personas';
import { CONTRIBUTIONS_SQL } from '../../server/src/services/inquiry';
import { authenticatedSession, startFixture, TEST_CONFIG } from '../../server/src/testing/fixture';
import { startPostgres } from '../system/central-postgres';

const args = process.argv.slice(2);
const iterations = Number(args.find((a) => /^\d+$/.test(a)) ?? 400);
const privateServer = args.includes('--postgres') ? await startPostgres() : undefined;
const databaseUrl = privateServer
  ? await privateServer.createDatabase('central_bench')
  : process.env.DATABASE_URL;
const WARMUP = 40;
const GOAL = 2;

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

const db = await openDatabase({ databaseUrl });
const f = await startFixture(db, { ...TEST_CONFIG, demoSeed: { extraPersons: 0, years: 22 } });
try {
  const card = PERSONAS[0]?.cards[0];
  if (!card) throw new Error('no persona card');
  const session = await authenticatedSession(f.kiosk, card);
  const personRows = await db.query<{ person_id: number }>(
    'SELECT person_id FROM cards WHERE card_number = $1',
    [card.cardNumber],
  );
  const personId = personRows[0]?.person_id;
  if (personId === undefined) throw new Error('persona not seeded');
  const year = new Date().getUTCFullYear();
  const from = year - 20;
  const to = year - 1;
  const path = `/v1/card-sessions/${session.sessionId}/contributions?from=${from}&to=${to}`;

  const viaService = async (): Promise<number> => {
    const t = performance.now();
    const res = await f.kiosk.get(path, { token: session.token });
    const ms = performance.now() - t;
    const months = (res.body as { years: { types: { months: unknown[] }[] }[] }).years.reduce(
      (n, y) => n + y.types.reduce((m, t) => m + t.months.length, 0),
      0,
    );
    if (res.status !== 200 || months !== 1200)
      throw new Error(`service answered ${res.status} with ${months} rows`);
    return ms;
  };
  const direct = async (): Promise<number> => {
    const t = performance.now();
    const rows = await db.query(CONTRIBUTIONS_SQL, [personId, from * 100 + 1, to * 100 + 12]);
    const ms = performance.now() - t;
    if (rows.length !== 1200) throw new Error(`direct SQL returned ${rows.length} rows`);
    return ms;
  };

  for (let i = 0; i < WARMUP; i += 1) {
    await viaService();
    await direct();
  }
  const service: number[] = [];
  const sql: number[] = [];
  // Interleaved so both see the same machine noise.
  for (let i = 0; i < iterations; i += 1) {
    service.push(await viaService());
    sql.push(await direct());
  }
  const row = (name: string, xs: number[]): string =>
    `${name.padEnd(34)} ${quantile(xs, 0.5).toFixed(2).padStart(8)} ${quantile(xs, 0.95).toFixed(2).padStart(8)}`;
  console.log(
    `database: ${db.kind}; 1,200 contribution rows (20 years × 12 months × 5 types); ${iterations} iterations`,
  );
  console.log(`${'path'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
  console.log(row('service (signed HTTP, JSON)', service));
  console.log(row('same SQL directly', sql));
  const ratio = quantile(service, 0.5) / quantile(sql, 0.5);
  console.log(
    `central-inquiry: ${ratio.toFixed(2)}x (goal ≤${GOAL}x) ${ratio <= GOAL ? 'PASS' : 'FAIL'}`,
  );
} finally {
  await f.close();
  await db.close();
  await privateServer?.stop();
}
