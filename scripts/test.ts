/**
 * `npm test`: the whole suite, the same on a laptop and in CI. Stages run in order and the
 * first failure stops the run: typecheck, lint, renderer build (the e2e tests serve it),
 * then every vitest project (unit, system, e2e). The closing line is the plain
 * "tests: N passed, N failed" summary; a run that executed no test, or skipped one, fails.
 */
import { spawnSync } from 'node:child_process';

function run(label: string, command: string, args: string[]): string {
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const res = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(res.stdout ?? '');
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (res.status !== 0) {
    console.error(`── ${label} failed (exit ${res.status ?? res.signal ?? '?'}) after ${secs}s`);
    process.exit(1);
  }
  console.log(`── ${label} ok in ${secs}s`);
  return res.stdout ?? '';
}

const extra = process.argv.slice(2);
run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npm', ['run', '--silent', 'lint']);
run('build', 'npm', ['run', '--silent', 'build:renderer']);
const out = run('tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=./test/support/summary-reporter.ts',
  ...extra,
]);
const m = /tests: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(out);
if (!m) {
  console.error('No test summary found: treating the run as failed.');
  process.exit(1);
}
const [passed, failed, skipped] = [Number(m[1]), Number(m[2]), Number(m[3])];
if (passed === 0 || failed > 0 || skipped > 0) {
  console.error(`Run rejected: ${passed} passed, ${failed} failed, ${skipped} skipped.`);
  process.exit(1);
}
