/**
 * `npm run drill -- crash [iterations]` — R1 for the store alone: ≥ 300 SIGKILLs of a process
 * recording outbox operations, restarted each time; every operation it reported as recorded
 * must be there exactly once at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrashDrill } from '../system/store-crash-harness';
import { filesContaining } from '../system/store-file-scan';

const iterations = Number(process.argv[2] ?? 300);
const dataDir = mkdtempSync(join(tmpdir(), 'ssc-drill-crash-'));
const started = Date.now();
try {
  const report = await runCrashDrill({
    dataDir,
    iterations,
    onIteration: (i, acked) => {
      if (i % 25 === 0)
        console.log(`  ${i}/${iterations} kills, ${acked} operations acknowledged so far`);
    },
  });
  const plaintext = filesContaining(dataDir, '11010519491231002X');
  console.log(`acknowledged operations: ${report.acknowledged}`);
  console.log(`problems: ${report.problems.length === 0 ? 'none' : report.problems.join('\n  ')}`);
  console.log(`files with a plaintext ID number: ${plaintext.length}`);
  console.log(`elapsed: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const pass =
    iterations >= 300 &&
    report.lost === 0 &&
    report.duplicated === 0 &&
    report.problems.length === 0 &&
    plaintext.length === 0;
  console.log(
    `crash: ${iterations} iterations, lost ${report.lost}, duplicated ${report.duplicated} ${pass ? 'PASS' : 'FAIL'}`,
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
