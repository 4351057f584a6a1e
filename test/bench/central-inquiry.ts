/**
 * P5 — central inquiry: the contributions of a 20-year contributor (5 insurance types × 240
 * months) through the service (signed HTTP on loopback: signature, nonce, card session, JSON
 * answer read and parsed by the client) vs the same SQL — the same prepared statement with the
 * same parameters — sent directly to the same database and its JSON parsed, interleaved in the
 * same run. It runs
 * on a private PostgreSQL server (started as the system tests do; DATABASE_URL uses a given
 * one instead) and on embedded PGlite, and reports both; the verdict is the worse of the two.
 *
 *   npm run bench -- central-inquiry [iterations] [--pglite-only]
 */
import { openDatabase, type Database } from '../../server/src/db/database';
import { PERSONAS } from '../../server/src/demo/personas';
import { CONTRIBUTIONS_SQL, CONTRIBUTIONS_STATEMENT } from '../../server/src/services/inquiry';
import { authenticatedSession, startFixture, TEST_CONFIG } from '../../server/src/testing/fixture';
import { startPostgres, type PostgresServer } from '../system/central-postgres';

const args = process.argv.slice(2);
const iterations = Number(args.find((a) => /^\d+$/.test(a)) ?? 400);
const pgliteOnly = args.includes('--pglite-only');
const WARMUP = 50;
const GOAL = 2;

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

interface Measured {
  readonly label: string;
  readonly service: number[];
  readonly sql: number[];
  readonly bytes: number;
}

async function measure(label: string, db: Database): Promise<Measured> {
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
    let bytes = 0;

    const viaService = async (): Promise<number> => {
      const t = performance.now();
      const res = await f.kiosk.get(path, { token: session.token });
      const ms = performance.now() - t;
      const months = (res.body as { years: { types: { months: unknown[] }[] }[] }).years.reduce(
        (n, y) => n + y.types.reduce((m, t) => m + t.months.length, 0),
        0,
      );
      if (res.status !== 200 || months !== 1200)
        throw new Error(`service answered ${res.status} with ${months} months`);
      return ms;
    };
    const direct = async (): Promise<number> => {
      const t = performance.now();
      const rows = await db.query<{ body: string }>(
        CONTRIBUTIONS_SQL,
        [personId, from * 100 + 1, to * 100 + 12],
        CONTRIBUTIONS_STATEMENT,
      );
      // Parsed, as the kiosk's client parses the service's answer: both sides end holding the
      // 1,200 months as objects.
      const parsed = JSON.parse(rows[0]?.body ?? 'null') as { years?: unknown[] } | null;
      const ms = performance.now() - t;
      bytes = rows[0]?.body.length ?? 0;
      if (parsed?.years?.length !== 20) throw new Error(`direct SQL returned ${bytes} characters`);
      return ms;
    };

    for (let i = 0; i < WARMUP; i += 1) {
      await viaService();
      await direct();
    }
    const service: number[] = [];
    const sql: number[] = [];
    // Interleaved, alternating which goes first, so both see the same machine noise.
    for (let i = 0; i < iterations; i += 1) {
      if (i % 2 === 0) {
        service.push(await viaService());
        sql.push(await direct());
      } else {
        sql.push(await direct());
        service.push(await viaService());
      }
    }
    return { label, service, sql, bytes };
  } finally {
    await f.close();
  }
}

const results: Measured[] = [];
let server: PostgresServer | undefined;
try {
  if (!pgliteOnly) {
    const given = process.env.DATABASE_URL;
    if (!given) server = await startPostgres();
    const url = given ?? (await server?.createDatabase('central_bench'));
    const db = await openDatabase({ databaseUrl: url });
    try {
      results.push(await measure(given ? 'PostgreSQL (DATABASE_URL)' : 'PostgreSQL (private)', db));
    } finally {
      await db.close();
    }
  }
  const lite = await openDatabase({});
  try {
    results.push(await measure('PGlite (embedded)', lite));
  } finally {
    await lite.close();
  }
} finally {
  await server?.stop();
}

const fmt = (x: number): string => x.toFixed(2).padStart(8);
console.log(
  `1,200 contribution months (20 years × 12 months × 5 types), answer ${results[0]?.bytes ?? 0} bytes of JSON; ${iterations} iterations per database`,
);
console.log(
  `${'database'.padEnd(28)} ${'path'.padEnd(30)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`,
);
const ratios = results.map((r) => {
  console.log(
    `${r.label.padEnd(28)} ${'service (signed HTTP, JSON)'.padEnd(30)} ${fmt(quantile(r.service, 0.5))} ${fmt(quantile(r.service, 0.95))}`,
  );
  console.log(
    `${''.padEnd(28)} ${'same SQL directly'.padEnd(30)} ${fmt(quantile(r.sql, 0.5))} ${fmt(quantile(r.sql, 0.95))}`,
  );
  return { label: r.label, ratio: quantile(r.service, 0.5) / quantile(r.sql, 0.5) };
});
for (const r of ratios) console.log(`${r.label}: p50 ratio ${r.ratio.toFixed(2)}x`);
const worst = Math.max(...ratios.map((r) => r.ratio));
console.log(
  `central-inquiry: ${worst.toFixed(2)}x (${ratios.map((r) => `${r.label.split(' ')[0]} ${r.ratio.toFixed(2)}x`).join(', ')}; goal ≤${GOAL}x) ${worst <= GOAL ? 'PASS' : 'FAIL'}`,
);
