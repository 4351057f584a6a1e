/**
 * `npm run drill -- sync-faults` (R2): the fault × operation matrix against the reference
 * central service on loopback, through a fault-injecting proxy. Last line:
 * `sync-faults: <n> cases, <failed> failed PASS|FAIL`.
 */
import { startTestCentral } from '../../electron/central/test-support';
import { formatMatrix, runFaultMatrix, TUNING } from '../support/sync-faults';

const central = await startTestCentral({ persons: 80 });
try {
  console.log(
    `kiosk timeouts: connect ${TUNING.connectTimeoutMs} ms, total ${TUNING.totalTimeoutMs} ms, ${TUNING.maxAttempts} attempts; injected latency 10000 ms`,
  );
  const rows = await runFaultMatrix(central);
  console.log(formatMatrix(rows));
  const failed = rows.filter((r) => !r.pass).length;
  const dups = rows.filter((r) => r.applied !== null && r.applied > 1).length;
  console.log(
    `sync-faults: ${rows.length} cases, ${failed} failed, duplicates ${dups} ${failed === 0 ? 'PASS' : 'FAIL'}`,
  );
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  await central.close();
}
