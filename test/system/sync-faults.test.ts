import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestCentral, type TestCentral } from '../../electron/central/test-support';
import { formatMatrix, runFaultMatrix } from '../support/sync-faults';

// R2 against the real reference service on loopback: every fault × inquiry, activation and
// loss report gives the right typed error within the timeout budget, the outbox delivers once
// the fault is gone, and the service applied each operation exactly once.
let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral({ persons: 80 });
}, 120_000);
afterAll(async () => {
  await central.close();
});

it('fault matrix: typed errors within the budget, delivery afterwards, no duplicates', async () => {
  const rows = await runFaultMatrix(central);
  const failed = rows.filter((r) => !r.pass);
  expect(failed, formatMatrix(rows)).toEqual([]);
  expect(rows).toHaveLength(24);
  for (const r of rows) if (r.applied !== null) expect(r.applied).toBe(1);
}, 400_000);
