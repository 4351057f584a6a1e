import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sealedCard, startTestCentral, testKiosk } from '../../electron/central/test-support';

/**
 * R1 end to end: a kiosk process recording and delivering operations is killed with SIGKILL
 * at random moments and restarted, `iterations` times; then a last run drains the outbox.
 * Every operation the kiosk reported recorded must be in the service's database exactly once.
 */
export interface CrashReport {
  readonly iterations: number;
  readonly recorded: number;
  readonly acknowledgedSeen: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly drained: boolean;
}

const CHILD = fileURLToPath(new URL('./sync-crash-child.ts', import.meta.url));

interface ChildRun {
  readonly lines: string[];
  readonly exit: Promise<void>;
  kill(): void;
  waitFor(line: string, ms: number): Promise<boolean>;
}

function runChild(dir: string, url: string, env: NodeJS.ProcessEnv, drain: boolean): ChildRun {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dir, url, ...(drain ? ['drain'] : [])],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  let buf = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    const parts = buf.split('\n');
    buf = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters) w();
  });
  const exit = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    lines,
    exit,
    kill: () => child.kill('SIGKILL'),
    waitFor(line, ms) {
      return new Promise((resolve) => {
        const check = (): void => {
          if (lines.includes(line)) {
            waiters.delete(check);
            clearTimeout(t);
            resolve(true);
          }
        };
        const t = setTimeout(() => {
          waiters.delete(check);
          resolve(false);
        }, ms);
        waiters.add(check);
        void exit.then(() => {
          check();
          waiters.delete(check);
          clearTimeout(t);
          resolve(lines.includes(line));
        });
        check();
      });
    },
  };
}

export async function runCrashDrill(
  iterations: number,
  progress: (line: string) => void = () => undefined,
): Promise<CrashReport> {
  const central = await startTestCentral({ persons: 40 });
  const dir = mkdtempSync(join(tmpdir(), 'ssc-sync-crash-'));
  try {
    // Enrol once; every child loads the sealed credentials from the directory.
    const k = await testKiosk({ central, dir });
    const kioskId = k.engine.enrolment()?.kioskId ?? '';
    await k.close();
    const pin = (
      await central.db.query<{ card_number: string }>(
        `SELECT card_number FROM cards ORDER BY id LIMIT 5`,
      )
    ).map((r) => r.card_number);
    const sealed: string[] = [];
    for (let i = 0; i < 5; i += 1) sealed.push(await sealedCard(central.db, 0));
    const env = { ...process.env, SYNC_CRASH_CARDS: JSON.stringify({ pin, sealed }) };
    const recorded = new Set<string>();
    const acked = new Set<string>();
    const collect = (lines: readonly string[]): void => {
      for (const l of lines) {
        if (l.startsWith('R ')) recorded.add(l.slice(2));
        else if (l.startsWith('A ')) acked.add(l.slice(2));
      }
    };
    for (let i = 1; i <= iterations; i += 1) {
      const c = runChild(dir, central.url, env, false);
      const ready = await c.waitFor('READY', 60_000);
      if (!ready) throw new Error(`iteration ${i}: child did not start`);
      // From right after start-up to well into delivery: kills land in records, claims, sends, acks.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 1_200)));
      c.kill();
      await c.exit;
      collect(c.lines);
      if (i % 10 === 0 || i === iterations)
        progress(`  iteration ${i}: recorded ${recorded.size}, acknowledged ${acked.size}`);
    }
    const last = runChild(dir, central.url, env, true);
    const drained = await last.waitFor('DRAINED', 660_000);
    await last.exit;
    collect(last.lines);
    const rows = await central.db.query<{ key: string }>(
      'SELECT key FROM idempotency_records WHERE kiosk_id = $1',
      [kioskId],
    );
    const atService = new Set(rows.map((r) => r.key));
    let lost = 0;
    for (const key of recorded) if (!atService.has(key)) lost += 1;
    // Each applied PIN-change record adds one event; a duplicate delivery would add a second.
    const [events] = await central.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM card_events WHERE kiosk_id = $1 AND reason = 'PIN changed at kiosk'`,
      [kioskId],
    );
    const [pinKeys] = await central.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM idempotency_records
        WHERE kiosk_id = $1 AND operation = 'pin_changed' AND status_code = 200`,
      [kioskId],
    );
    const activations = await central.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM card_events WHERE kiosk_id = $1 AND from_status = 'sealed'
        AND to_status = 'active' GROUP BY card_id HAVING count(*) > 1`,
      [kioskId],
    );
    const duplicated = Math.max(0, (events?.n ?? 0) - (pinKeys?.n ?? 0)) + activations.length;
    return {
      iterations,
      recorded: recorded.size,
      acknowledgedSeen: acked.size,
      lost,
      duplicated,
      drained,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await central.close();
  }
}

export function crashLine(r: CrashReport): string {
  const pass = r.lost === 0 && r.duplicated === 0 && r.drained && r.recorded > 0;
  return `sync-crash: ${r.iterations} iterations, lost ${r.lost}, duplicated ${r.duplicated} ${pass ? 'PASS' : 'FAIL'}`;
}
