import { PERSONAS } from '../../server/src/demo/personas';
import { authenticatedSession } from '../../server/src/testing/fixture';
import { isTransient } from '../../electron/central/errors';
import { PersonSchema } from '../../electron/central/schemas';
import {
  appliedCount,
  lossReportPayload,
  sealedCard,
  testKiosk,
  type TestCentral,
  type TestKiosk,
} from '../../electron/central/test-support';
import { FAULTS, FaultProxy, type Fault } from './fault-proxy';

/**
 * R2: every fault between kiosk and service × inquiry, activation and loss report. Each case
 * gets a fresh kiosk behind its own fault proxy; the fault is on for the first attempt (the
 * kiosk must answer with the right typed error within its timeout budget), then cleared (the
 * outbox must deliver), and the service's database must show the operation applied once.
 */
export type MatrixFault = Exclude<Fault, 'none'> | 'clock_skew';
export type MatrixOp = 'inquiry' | 'activation' | 'loss_report';

export interface MatrixRow {
  readonly fault: MatrixFault;
  readonly op: MatrixOp;
  /** What the kiosk got while the fault was on: typed error, or "ok" (clock skew corrected). */
  readonly outcome: string;
  readonly expected: string;
  readonly elapsedMs: number;
  readonly budgetMs: number;
  /** Outbox operations: stayed pending during the fault, then delivered. */
  readonly delivered: boolean | null;
  /** Times the service applied the operation (must be 1 for activation / loss report). */
  readonly applied: number | null;
  readonly pass: boolean;
}

const EXPECTED: Record<MatrixFault, string> = {
  down: 'unreachable',
  http500: 'server_error',
  latency: 'timeout',
  reset: 'connection_reset',
  truncated: 'malformed_response',
  malformed: 'malformed_response',
  bad_signature: 'rejected:bad_signature',
  clock_skew: 'ok',
};

export const TUNING = {
  connectTimeoutMs: 1_000,
  totalTimeoutMs: 2_000,
  maxAttempts: 2,
  backoffBaseMs: 50,
  backoffMaxMs: 200,
  breakerFailures: 1_000,
} as const;
const BUDGET_MS = TUNING.maxAttempts * (TUNING.totalTimeoutMs + TUNING.backoffMaxMs) + 1_000;

function personaCard() {
  const card = PERSONAS.find((p) => p.key === 'active-2')?.cards[0];
  if (!card) throw new Error('persona active-2 missing');
  return card;
}

export async function runFaultMatrix(
  central: TestCentral,
  opts: { faults?: readonly MatrixFault[]; ops?: readonly MatrixOp[]; latencyMs?: number } = {},
): Promise<MatrixRow[]> {
  const faults = opts.faults ?? [...FAULTS, 'clock_skew'];
  const ops = opts.ops ?? ['inquiry', 'activation', 'loss_report'];
  const rows: MatrixRow[] = [];
  for (const fault of faults) {
    for (const op of ops) {
      const proxy = await FaultProxy.start(central.url);
      proxy.latencyMs = opts.latencyMs ?? 10_000;
      const skew = fault === 'clock_skew' ? 15 * 60_000 : 0;
      const k: TestKiosk = await testKiosk({
        central,
        baseUrl: proxy.url,
        tuning: TUNING,
        now: () => Date.now() + skew,
      });
      try {
        rows.push(await runCase(central, proxy, k, fault, op));
      } finally {
        await k.close();
        await proxy.close();
      }
    }
  }
  return rows;
}

function outcomeOf(
  r: { ok: true } | { ok: false; error: { kind: string; code?: string } },
): string {
  if (r.ok) return 'ok';
  return r.error.kind === 'rejected' ? `rejected:${r.error.code ?? ''}` : r.error.kind;
}

async function runCase(
  central: TestCentral,
  proxy: FaultProxy,
  k: TestKiosk,
  fault: MatrixFault,
  op: MatrixOp,
): Promise<MatrixRow> {
  const expected = EXPECTED[fault];
  const proxied = fault === 'clock_skew' ? 'none' : fault;
  if (op === 'inquiry') {
    const { sessionId, token } = await authenticatedSession(k.direct(), personaCard());
    await proxy.set(proxied);
    const t0 = Date.now();
    const r = await k.engine.client.call('getPerson', {
      params: { sessionId },
      token,
      schema: PersonSchema,
      idempotent: true,
    });
    const elapsedMs = Date.now() - t0;
    await proxy.set('none');
    await proxy.idle();
    const outcome = outcomeOf(r);
    const pass = outcome === expected && elapsedMs <= BUDGET_MS;
    return {
      fault,
      op,
      outcome,
      expected,
      elapsedMs,
      budgetMs: BUDGET_MS,
      delivered: null,
      applied: null,
      pass,
    };
  }
  let cardNumber: string;
  let payload: unknown;
  if (op === 'activation') {
    cardNumber = await sealedCard(central.db, 0);
    payload = { cardNumber };
  } else {
    const p = await lossReportPayload(central, k.direct(), 0);
    cardNumber = p.cardNumber;
    payload = { challengeId: p.challengeId, code: p.code, cardRef: p.cardRef };
  }
  const rec = await k.engine.record(op, payload);
  if (!rec.ok) throw new Error('record failed');
  const key = rec.value.key;
  await proxy.set(proxied);
  const t0 = Date.now();
  const r = await k.engine.delivery.drainOnce();
  const elapsedMs = Date.now() - t0;
  const outcome = outcomeOf(r);
  const stillPending = k.engine.deliveryState(key)?.state === 'pending';
  await proxy.set('none');
  // Deliver after the fault, as the running engine would (retry times are short in tests).
  const end = Date.now() + 20_000;
  while (k.engine.deliveryState(key)?.state !== 'acknowledged' && Date.now() < end) {
    await k.engine.delivery.drainOnce();
    await new Promise((res) => setTimeout(res, 60));
  }
  const delivered = k.engine.deliveryState(key)?.state === 'acknowledged';
  await proxy.idle(); // requests the proxy held back (latency) have reached the service now
  const applied = await appliedCount(central.db, cardNumber, op);
  const faultedOk =
    fault === 'clock_skew' ? outcome === 'ok' : stillPending && !r.ok && isTransientOutcome(r);
  const pass =
    outcome === expected && faultedOk && delivered && applied === 1 && elapsedMs <= BUDGET_MS;
  return { fault, op, outcome, expected, elapsedMs, budgetMs: BUDGET_MS, delivered, applied, pass };
}

function isTransientOutcome(r: { ok: false; error: { kind: string } }): boolean {
  const e = r.error as Parameters<typeof isTransient>[0] | { kind: 'store' };
  return e.kind === 'store' ? false : isTransient(e) || e.kind === 'rejected';
}

export function formatMatrix(rows: readonly MatrixRow[]): string {
  const head = ['fault', 'operation', 'outcome', 'expected', 'ms', 'delivered', 'applied', ''];
  const lines = rows.map((r) => [
    r.fault,
    r.op,
    r.outcome,
    r.expected,
    String(r.elapsedMs),
    r.delivered === null ? '-' : r.delivered ? 'yes' : 'NO',
    r.applied === null ? '-' : String(r.applied),
    r.pass ? 'ok' : 'FAIL',
  ]);
  const all = [head, ...lines];
  const widths = head.map((_, i) => Math.max(...all.map((l) => (l[i] ?? '').length)));
  return all.map((l) => l.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')).join('\n');
}
