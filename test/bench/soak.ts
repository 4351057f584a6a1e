/**
 * `npm run bench -- soak` — P7 of QUALITY.md: complete citizen sessions, one after another,
 * through the real renderer on the real web host (one page for the whole run, as a kiosk keeps
 * it): insert the demo card active-2, look up, PIN on the keypad, contributions (full twenty
 * years loaded) with a one-year statement printed to the PDF folder, medical account, pension
 * account, finish, remove the card, attract screen again.
 *
 * The kiosk runs as a child process (test/support/ui-host.ts with UI_HOST_SOAK_DIR): demo
 * mode, embedded central service, PDF-folder printer in a temp dir, info-level log to a file.
 * Measured at the baseline session (min(200, n/10)) and at the end:
 *  - renderer JS heap in use after a forced GC (CDP HeapProfiler.collectGarbage, then
 *    Runtime.getHeapUsage), ≤ 5 MB growth;
 *  - the kiosk process's RSS (VmRSS of /proc/<pid>/status) after a full GC in the child
 *    (SIGUSR2 → gc()), ≤ 30 MB growth;
 *  - errors: page errors, console errors, command answers with ok: false seen on the
 *    WebSocket, step time-outs, error-level lines of the kiosk's log, anything on the child's
 *    stderr, and printed PDFs ≠ sessions. Goal: zero.
 * Env SOAK_SESSIONS (default 2000). Last line:
 * `soak: <n> sessions, heap +<x>MB, rss +<y>MB, errors <e> (goal ...) PASS|FAIL`.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { CDPSession, Page } from 'playwright';
import { ensureRendererBuilt } from '../../electron/renderer-build';
import { launchBrowser, newPage, PORTRAIT } from '../support/browser';

const root = process.cwd();
const SESSIONS = Math.max(1, Number(process.env.SOAK_SESSIONS ?? 2000));
const BASELINE = Math.max(1, Math.min(200, Math.floor(SESSIONS / 10)));
const EVERY = 100;
const STEP_TIMEOUT_MS = 15_000;
const MB = 1024 * 1024;

const id = (testId: string) => `[data-testid="${testId}"]`;

/** A tap and what proves the next state is up (`gone`: what must have disappeared). */
interface Step {
  readonly name: string;
  readonly tap: string;
  readonly next?: string;
  readonly gone?: string;
}

const PIN = '135790'; // ASCII digits
const SESSION: readonly Step[] = [
  {
    name: 'insert card',
    tap: id('demo-insert-active-2'),
    next: '[data-testid="session-panel"][data-disposition="normal"]',
  },
  { name: 'look up', tap: id('btn-inquiry'), next: id('keypad') },
  // A digit's tap is a discrete event: React has applied it when click() returns; a digit
  // lost would show at "confirm PIN" (a wrong PIN opens no inquiry menu).
  ...PIN.split('').map((d, i) => ({
    name: `PIN digit ${i + 1}`,
    tap: id(`keypad-key-${d}`),
    next: id('keypad'),
  })),
  { name: 'confirm PIN', tap: id('keypad-submit'), next: id('inquiry-contributions') },
  {
    name: 'contributions',
    tap: id('inquiry-contributions'),
    // The twenty years are in once the chart is no longer pending.
    next: id('table-months'),
    gone: id('chart-pending'),
  },
  { name: 'print', tap: id('btn-print'), next: '[data-testid="print-dialog"][data-step="choose"]' },
  {
    name: 'print start',
    tap: id('btn-print-start'),
    next: '[data-testid="print-dialog"][data-step="done"]',
  },
  { name: 'print done', tap: id('btn-print-done'), gone: id('print-dialog') },
  { name: 'back to list', tap: id('btn-inquiry-menu'), next: id('inquiry-medical') },
  { name: 'medical', tap: id('inquiry-medical'), next: id('medical-balance') },
  { name: 'back to list', tap: id('btn-inquiry-menu'), next: id('inquiry-pension') },
  { name: 'pension', tap: id('inquiry-pension'), next: id('pension-total') },
  { name: 'finish', tap: id('btn-finish'), next: id('screen-take-card') },
  { name: 'remove card', tap: id('demo-remove'), next: id('screen-attract') },
];

/**
 * One whole session in the page, step by step: wait for the tap target, click it, wait (on
 * animation frames) for the next state. Plain JavaScript text: tsx's transform would add
 * helpers that do not exist in the page. Resolves to the step that timed out (or null) and
 * the milliseconds of each step done.
 */
const SESSION_SCRIPT = `async (steps, timeoutMs) => {
  const until = (ok, t0) => new Promise((resolve) => {
    const check = () => {
      if (ok()) resolve(true);
      else if (performance.now() > t0 + timeoutMs) resolve(false);
      else requestAnimationFrame(check);
    };
    check();
  });
  const ms = [];
  for (const s of steps) {
    const t0 = performance.now();
    if (!(await until(() => document.querySelector(s.tap), t0)))
      return { failed: s.name + ': nothing to tap', ms };
    document.querySelector(s.tap).click();
    const ready = () =>
      (!s.next || document.querySelector(s.next)) && (!s.gone || !document.querySelector(s.gone));
    if (!(await until(ready, t0))) return { failed: s.name + ': next state did not come', ms };
    ms.push(performance.now() - t0);
  }
  return { failed: null, ms };
}`;

/** After a failed step: take the card out and get back to the attract screen, if possible. */
const RECOVER_SCRIPT = `async (timeoutMs) => {
  const t0 = performance.now();
  const remove = document.querySelector('[data-testid="demo-remove"]');
  if (remove) remove.click();
  return await new Promise((resolve) => {
    const check = () => {
      if (document.querySelector('[data-testid="screen-attract"]')) resolve(true);
      else if (performance.now() > t0 + timeoutMs) resolve(false);
      else requestAnimationFrame(check);
    };
    check();
  });
}`;

type Kiosk = ChildProcessByStdio<null, Readable, Readable>;

interface Errors {
  pageErrors: string[];
  consoleErrors: string[];
  commandErrors: string[];
  timeouts: string[];
  stderr: string[];
}

function startKioskChild(dir: string): {
  child: Kiosk;
  url: Promise<string>;
  gcDone: () => Promise<void>;
  stderr: string[];
} {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      join(root, 'test', 'support', 'ui-host.ts'),
      join(root, 'dist', 'renderer'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, UI_HOST_SOAK_DIR: dir } },
  );
  const stderr: string[] = [];
  let waiters: (() => void)[] = [];
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        const m = /^URL (\S+)/.exec(line);
        if (m?.[1]) resolve(m[1]);
        else if (line === 'GC') {
          const w = waiters;
          waiters = [];
          for (const f of w) f();
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`kiosk exited with ${code}`)));
  });
  let errBuf = '';
  child.stderr.on('data', (d: Buffer) => {
    errBuf += d.toString();
    let nl: number;
    while ((nl = errBuf.indexOf('\n')) >= 0) {
      const line = errBuf.slice(0, nl);
      errBuf = errBuf.slice(nl + 1);
      if (line.trim()) {
        stderr.push(line);
        console.log(`kiosk stderr: ${line}`);
      }
    }
  });
  const gcDone = () =>
    new Promise<void>((resolve) => {
      waiters.push(resolve);
      child.kill('SIGUSR2');
    });
  return { child, url, gcDone, stderr };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] ? Number(m[1]) / 1024 : NaN;
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize / MB;
}

/** Error-level (≥ 50) and warn-level lines of the kiosk's pino log. */
function logLevels(file: string): { errors: string[]; warnings: number; lines: number } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { errors: [], warnings: 0, lines: 0 };
  }
  const errors: string[] = [];
  let warnings = 0;
  let lines = 0;
  for (const line of text.split('\n')) {
    if (!line) continue;
    lines++;
    const level = /"level":(\d+)/.exec(line)?.[1];
    if (Number(level) >= 50) errors.push(line);
    else if (Number(level) === 40) warnings++;
  }
  return { errors, warnings, lines };
}

function watchPage(page: Page, errors: Errors): void {
  page.on('pageerror', (e) => errors.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location().url;
    // Chromium asks every site for /favicon.ico (the host has none: 404); Electron does not.
    if (new URL(where, 'http://x').pathname === '/favicon.ico') return;
    errors.consoleErrors.push(`${m.text()} (${where})`);
  });
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => {
      if (typeof f.payload !== 'string' || !f.payload.includes('"ok":false')) return;
      try {
        const msg = JSON.parse(f.payload) as {
          result?: { ok?: boolean; error?: { code?: string } };
        };
        if (msg.result?.ok === false) errors.commandErrors.push(msg.result.error?.code ?? '?');
      } catch {
        errors.commandErrors.push('unparsable answer');
      }
    });
  });
}

const built = ensureRendererBuilt(root);
if (!built.ok) {
  console.error('renderer build failed');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'kiosk-soak-'));
const printouts = join(dir, 'printouts');
const kiosk = startKioskChild(dir);
const errors: Errors = {
  pageErrors: [],
  consoleErrors: [],
  commandErrors: [],
  timeouts: [],
  stderr: kiosk.stderr,
};
const browser = await launchBrowser();
let pass = false;
try {
  const url = await kiosk.url;
  const pid = kiosk.child.pid ?? 0;
  const page = await newPage(browser, PORTRAIT);
  watchPage(page, errors);
  const cdp = await page.context().newCDPSession(page);
  await page.goto(url);
  await page.locator(id('screen-attract')).waitFor();
  // The demo panel stands in for the card slot; opening it is not a citizen's tap.
  await page.locator(id('demo-open')).click();
  await page.locator(id('demo-insert-active-2')).waitFor();

  const measure = async () => {
    const heap = await heapMb(cdp);
    await kiosk.gcDone();
    return { heap, rss: rssMb(pid) };
  };
  const errorCount = () =>
    errors.pageErrors.length +
    errors.consoleErrors.length +
    errors.commandErrors.length +
    errors.timeouts.length +
    errors.stderr.length;

  const start = await measure();
  console.log(`kiosk pid ${pid}, ${url.replace(/#.*/, '')}, data in ${dir}`);
  console.log(
    `start: heap ${start.heap.toFixed(2)} MB, rss ${start.rss.toFixed(1)} MB; ${SESSIONS} sessions, baseline at ${BASELINE}`,
  );
  console.log('session   heap MB    rss MB   elapsed s  sessions/s  errors');
  const stepMs: number[][] = SESSION.map(() => []);
  const t0 = performance.now();
  let base = start;
  let last = start;
  let lastT = t0;
  let lastN = 0;
  for (let n = 1; n <= SESSIONS; n++) {
    const { failed, ms } = await page.evaluate<{ failed: string | null; ms: number[] }>(
      `(${SESSION_SCRIPT})(${JSON.stringify(SESSION)}, ${STEP_TIMEOUT_MS})`,
    );
    ms.forEach((x, i) => stepMs[i]?.push(x));
    if (failed !== null) {
      errors.timeouts.push(`session ${n}: ${failed}`);
      console.log(`session ${n}: ${failed}`);
      const back: unknown = await page.evaluate(`(${RECOVER_SCRIPT})(${STEP_TIMEOUT_MS})`);
      if (back !== true) {
        console.log('could not get back to the attract screen; stopping');
        break;
      }
    }
    if (n === BASELINE || n % EVERY === 0 || n === SESSIONS) {
      last = await measure();
      if (n === BASELINE) base = last;
      const now = performance.now();
      console.log(
        `${String(n).padStart(7)} ${last.heap.toFixed(2).padStart(9)} ${last.rss.toFixed(1).padStart(9)} ${((now - t0) / 1000).toFixed(0).padStart(11)} ${((n - lastN) / ((now - lastT) / 1000)).toFixed(2).padStart(11)} ${String(errorCount()).padStart(7)}`,
      );
      lastT = performance.now();
      lastN = n;
    }
  }
  const elapsed = (performance.now() - t0) / 1000;
  const log = logLevels(join(dir, 'kiosk.log'));
  let printed = 0;
  try {
    printed = readdirSync(printouts).filter((f) => f.endsWith('.pdf')).length;
  } catch {
    printed = 0;
  }
  const missing = Math.abs(SESSIONS - printed);
  const total = errorCount() + log.errors.length + missing;
  const heapGrowth = last.heap - base.heap;
  const rssGrowth = last.rss - base.rss;
  console.log(
    `${SESSIONS} sessions in ${elapsed.toFixed(0)} s: ${(elapsed / SESSIONS).toFixed(3)} s/session`,
  );
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  console.log(
    `per step (median ms): ${SESSION.map((s, i) => `${s.name} ${median(stepMs[i] ?? []).toFixed(0)}`).join(', ')}`,
  );
  console.log(
    `heap ${base.heap.toFixed(2)} → ${last.heap.toFixed(2)} MB, rss ${base.rss.toFixed(1)} → ${last.rss.toFixed(1)} MB (session ${BASELINE} → ${SESSIONS})`,
  );
  console.log(
    `errors: page ${errors.pageErrors.length}, console ${errors.consoleErrors.length}, command answers ${errors.commandErrors.length}, step time-outs ${errors.timeouts.length}, kiosk log error lines ${log.errors.length} (warn ${log.warnings}, ${log.lines} lines), kiosk stderr ${errors.stderr.length}, PDFs ${printed}/${SESSIONS}`,
  );
  for (const e of [
    ...errors.pageErrors,
    ...errors.consoleErrors,
    ...errors.commandErrors,
    ...errors.timeouts,
    ...log.errors,
  ].slice(0, 10))
    console.log(`  ${e.slice(0, 300)}`);
  pass = heapGrowth <= 5 && rssGrowth <= 30 && total === 0;
  console.log(
    `soak: ${SESSIONS} sessions, heap ${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(2)}MB, rss ${rssGrowth >= 0 ? '+' : ''}${rssGrowth.toFixed(1)}MB, errors ${total} (goal heap ≤5MB, rss ≤30MB, 0 errors) ${pass ? 'PASS' : 'FAIL'}`,
  );
} finally {
  await browser.close();
  kiosk.child.kill('SIGTERM');
  await new Promise((r) => {
    if (kiosk.child.exitCode !== null) r(null);
    else kiosk.child.once('exit', r);
  });
  if (pass) rmSync(dir, { recursive: true, force: true });
}
process.exitCode = pass ? 0 : 1;
