/**
 * `npm run bench -- outbox-drain [ops]` (P4): 10,000 operations queued in the kiosk's outbox,
 * delivered by the sync engine to the reference central service on loopback (durable batch
 * claim, signed POST /v1/operations, durable acknowledgement), against a bare loop of signed
 * HTTP POSTs of the same batch bodies (fresh idempotency keys, another kiosk) to the same
 * service in the same run — half before, half after the engine, so drift hits both.
 * Last line: `outbox-drain: <ratio>x, duplicates <n> (goal ≤1.5x) PASS|FAIL`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { signedHeaders } from '../../server/src/signing';
import { startTestCentral, testKiosk } from '../../electron/central/test-support';

const OPS = Number(process.argv[2] ?? 10_000);
const BATCH = 100;

const central = await startTestCentral({ persons: 5 });
const cards = (
  await central.db.query<{ card_number: string }>(
    'SELECT card_number FROM cards ORDER BY id LIMIT 8',
  )
).map((r) => r.card_number);
const kiosk = await testKiosk({ central, settings: { outboxBatchSize: BATCH } });
const peerKiosk = await testKiosk({ central });
const peerCreds = peerKiosk.engine.enrolment();
if (!peerCreds) throw new Error('peer not enrolled');

// Queue (not timed): durable records, several in flight so commits group.
const queued = Date.now();
for (let i = 0; i < OPS; i += BATCH) {
  await Promise.all(
    Array.from({ length: Math.min(BATCH, OPS - i) }, (_, j) =>
      kiosk.engine.record('pin_changed', { cardNumber: cards[(i + j) % cards.length] ?? '' }),
    ),
  );
}
console.log(`queued ${OPS} operations in ${Date.now() - queued} ms (not part of the figure)`);

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const url = new URL(central.url);
function post(body: string): Promise<number> {
  const headers = signedHeaders(
    peerCreds as { kioskId: string; secret: string },
    { method: 'POST', pathWithQuery: '/v1/operations', body },
    Date.now(),
    randomBytes(16).toString('base64url'),
  );
  return new Promise((resolve, reject) => {
    const r = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/v1/operations',
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}
async function peer(n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i += BATCH) {
    const operations = Array.from({ length: Math.min(BATCH, n - i) }, (_, j) => ({
      idempotencyKey: randomUUID(),
      type: 'pin_changed',
      cardNumber: cards[(i + j) % cards.length] ?? '',
      occurredAt: new Date().toISOString(),
    }));
    const status = await post(JSON.stringify({ operations }));
    if (status !== 200) throw new Error(`peer POST answered ${status}`);
  }
  return performance.now() - t0;
}

const half = Math.floor(OPS / 2);
const peerA = await peer(half);
const t0 = performance.now();
let batches = 0;
while (kiosk.store.outbox.depth().count > 0) {
  const r = await kiosk.engine.delivery.drainOnce();
  if (!r.ok) throw new Error(`drain failed: ${r.error.kind}`);
  batches += 1;
}
const engineMs = performance.now() - t0;
const peerB = await peer(OPS - half);
const peerMs = peerA + peerB;

const kioskId = kiosk.engine.enrolment()?.kioskId ?? '';
const [keys] = await central.db.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM idempotency_records WHERE kiosk_id = $1`,
  [kioskId],
);
const [events] = await central.db.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM card_events WHERE kiosk_id = $1`,
  [kioskId],
);
const acked = kiosk.store.store.get(
  "SELECT count(*) AS n FROM outbox_history WHERE state = 'acknowledged'",
);
const duplicates = Math.max(0, (events?.n ?? 0) - (keys?.n ?? 0));
const lost = OPS - (keys?.n ?? 0);
const ratio = engineMs / peerMs;
console.log('what                         ms        ops/s');
console.log(
  `sync engine (${batches} batches)     ${engineMs.toFixed(0).padStart(6)}  ${((OPS / engineMs) * 1000).toFixed(0).padStart(8)}`,
);
console.log(
  `bare POST loop (same bodies) ${peerMs.toFixed(0).padStart(6)}  ${((OPS / peerMs) * 1000).toFixed(0).padStart(8)}`,
);
console.log(
  `service: ${keys?.n ?? 0} keys, ${events?.n ?? 0} applied events; kiosk: ${String(acked?.n)} acknowledged, lost ${lost}`,
);
await kiosk.close();
await peerKiosk.close();
await central.close();
agent.destroy();
const pass = ratio <= 1.5 && duplicates === 0 && lost === 0;
console.log(
  `outbox-drain: ${ratio.toFixed(2)}x, duplicates ${duplicates} (goal ≤1.5x) ${pass ? 'PASS' : 'FAIL'}`,
);
process.exitCode = pass ? 0 : 1;
