/**
 * `npm test`: the whole suite, the same on a laptop and in CI. Stages run in order and the
 * first failure stops the run: typecheck, lint, renderer build (the e2e tests serve it),
 * then the vitest projects (unit, system, e2e), each with a watchdog. The closing line is the
 * plain "tests: N passed, N failed, N skipped" summary; a run that executed no test, or
 * skipped one, fails.
 *
 * Why a watchdog: a test process whose main thread is blocked in native code cannot time out
 * by itself (vitest's timers never fire). The case seen was libpcsclite's synchronous
 * SCardEstablishContext waiting on pcscd while pcscd waited on a vpcd card served from the
 * same event loop (fixed: the cards now live in a child process, test/support/vpcd-cards.ts).
 * A project that stops making progress is killed and the run fails, naming the project; a
 * hang is a bug to find, not a flake to retry.
 */
import { spawn, spawnSync } from 'node:child_process';

function run(label: string, command: string, args: string[]): void {
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const res = spawnSync(command, args, { stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (res.status !== 0) {
    console.error(`── ${label} failed (exit ${res.status ?? res.signal ?? '?'}) after ${secs}s`);
    process.exit(1);
  }
  console.log(`── ${label} ok in ${secs}s`);
}

interface ProjectRun {
  readonly output: string;
  readonly code: number | null;
  readonly hung: boolean;
}

/** Runs one vitest project in its own process group; kills it after `silenceMs` of silence. */
function runProject(project: string, extra: string[], silenceMs: number): Promise<ProjectRun> {
  console.log(`\n── tests (${project}): vitest run --project ${project} ${extra.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(
      'npx',
      [
        'vitest',
        'run',
        '--project',
        project,
        '--reporter=default',
        '--reporter=./test/support/summary-reporter.ts',
        ...extra,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    let output = '';
    let hung = false;
    let watchdog = setTimeout(onSilence, silenceMs);
    function onSilence() {
      hung = true;
      console.error(`\n── ${project}: no output for ${silenceMs / 1000}s — killing the hung run`);
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString();
      output += text;
      process.stdout.write(text);
      clearTimeout(watchdog);
      watchdog = setTimeout(onSilence, silenceMs);
    });
    child.on('close', (code) => {
      clearTimeout(watchdog);
      resolve({ output, code, hung });
    });
  });
}

const SUMMARY = /tests: (\d+) passed, (\d+) failed, (\d+) skipped/;
// Long system tests (sync-crash, pcscd restarts) print per file; unloaded they take under 90 s; 10 minutes of silence is a hang even on a loaded machine.
const SILENCE_MS = Number(process.env.TEST_SILENCE_SECONDS ?? 600) * 1000;

const extra = process.argv.slice(2);
run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npm', ['run', '--silent', 'lint']);
run('build', 'npm', ['run', '--silent', 'build:renderer']);

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const project of ['unit', 'system', 'e2e']) {
  const result = await runProject(project, extra, SILENCE_MS);
  const m = SUMMARY.exec(result.output);
  if (result.hung || !m) {
    console.error(`── ${project}: ${result.hung ? 'hung' : 'no test summary'}: the run fails.`);
    process.exit(1);
  }
  totals.passed += Number(m[1]);
  totals.failed += Number(m[2]);
  totals.skipped += Number(m[3]);
  if (Number(m[2]) > 0 || result.code !== 0) {
    console.error(`── ${project} failed (exit ${result.code ?? '?'})`);
    console.log(
      `\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
    );
    process.exit(1);
  }
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.passed === 0 || totals.failed > 0 || totals.skipped > 0) {
  console.error(
    `Run rejected: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped.`,
  );
  process.exit(1);
}
