/**
 * Child process of the store crash test and drill: opens the store in `argv[2]` and records
 * outbox operations, four at a time, until killed. It prints `ACK <key> <op>` only after
 * `record` resolved, i.e. after the operation is on disk; the parent kills it with SIGKILL at a
 * random point and later checks that every printed operation survived, exactly once. Along the
 * way it delivers some operations (history), retries others and appends audit entries, so kills
 * also land inside those transactions and inside background snapshots.
 */
import { silentLogger } from '../../electron/log';
import { storeConfigSchema } from '../../electron/store/config';
import { openKioskStore } from '../../electron/store/kiosk-store';

const [dataDir, iteration] = process.argv.slice(2);
if (!dataDir || !iteration) {
  console.error('usage: store-crash-child <dataDir> <iteration>');
  process.exit(2);
}

const config = storeConfigSchema.parse({
  dataDir,
  snapshot: { journalBytes: 64 * 1024 },
  history: { maxEntries: 1_000_000, maxAgeDays: 3650 },
});
const opened = await openKioskStore({ config, log: silentLogger() });
if (!opened.ok) {
  console.log(`OPEN_FAILED ${opened.error.kind} ${opened.error.message}`);
  process.exit(1);
}
const { outbox, audit } = opened.value;
// Lets the test prove its checker catches a loss: an acknowledgement for nothing recorded.
if (process.env.STORE_CRASH_FAKE_ACK === '1') {
  process.stdout.write(
    `ACK 00000000-0000-4000-8000-${iteration.padStart(12, '0')} ${iteration}-0\n`,
  );
}
console.log('READY');

let n = 0;
async function worker(): Promise<void> {
  for (;;) {
    n += 1;
    const op = `${iteration}-${n}`;
    const r = await outbox.record({
      kind: 'loss_report',
      payload: { op, idNumber: '11010519491231002X', phone: '13812345678' },
      summary: { op },
    });
    if (!r.ok) {
      console.log(`RECORD_FAILED ${r.error.kind}`);
      process.exit(1);
    }
    process.stdout.write(`ACK ${r.value.key} ${op}\n`);
    if (n % 5 === 0) await audit.append('citizen', 'loss_report', { op });
    if (n % 7 === 0) {
      const batch = await outbox.nextBatch(3, Date.now());
      if (batch.ok && batch.value.length > 0) {
        const [first, ...rest] = batch.value;
        if (first) await outbox.markAcknowledged([first.key], 'ok');
        for (const o of rest) await outbox.markRetry(o.key, Date.now(), 'simulated 503');
      }
    }
  }
}
await Promise.all([worker(), worker(), worker(), worker()]);
