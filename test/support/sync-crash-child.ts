/**
 * The kiosk process of the sync-crash drill: opens its store and sync engine, delivers the
 * outbox in the background and records operations as fast as a busy kiosk would, printing
 * `R <key>` only once `record` has resolved (the moment the UI would say "recorded"). The
 * parent kills it with SIGKILL at a random moment. `drain` mode records nothing and exits
 * once everything is delivered.
 */
import { randomInt } from 'node:crypto';
import { writeSync } from 'node:fs';
import { centralConfigSchema } from '../../electron/central/config';
import { createSyncEngine } from '../../electron/central/sync-engine';
import { join } from 'node:path';
import pino from 'pino';
import { openKioskStore, storeConfigSchema } from '../../electron/store';

const [dir, url, mode] = process.argv.slice(2);
if (!dir || !url) throw new Error('usage: sync-crash-child <dir> <url> [drain]');
const cards = JSON.parse(process.env.SYNC_CRASH_CARDS ?? '{}') as {
  pin: string[];
  sealed: string[];
};
const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

// Only the kiosk's own code is loaded here (not the server's): a restart costs what a kiosk's does.
const quietLog = pino({ level: 'silent' });
const opened = await openKioskStore({
  config: storeConfigSchema.parse({ dataDir: join(dir, 'store') }),
  log: quietLog,
});
if (!opened.ok) throw new Error(`store: ${opened.error.kind}`);
const store = opened.value;
const made = createSyncEngine({
  store,
  config: centralConfigSchema.parse({ mode: 'remote', outboxBatchSize: 20 }),
  dataDir: dir,
  log: quietLog,
  appVersion: 'crash-drill',
  baseUrl: url,
  heartbeatSource: () => ({
    devices: { cardReader: 'online', printer: 'online', paper: 'full' },
  }),
  tuning: {
    backoffBaseMs: 20,
    backoffMaxMs: 100,
    delivery: { retryBaseMs: 50, retryMaxMs: 200, idleMs: 50 },
  },
});
if (!made.ok) throw new Error(made.error.message);
const engine = made.value;
engine.onEvent((e) => {
  if (e.type === 'operation_delivered') say(`A ${e.key}`);
});
engine.delivery.start();
say('READY');

if (mode === 'drain') {
  const end = Date.now() + 600_000;
  while (store.outbox.depth().count > 0 && Date.now() < end)
    await new Promise((r) => setTimeout(r, 50));
  const left = store.outbox.depth().count;
  await engine.close();
  await store.close();
  say(left === 0 ? 'DRAINED' : 'NOT_DRAINED');
  process.exit(0);
}

for (;;) {
  const activation = cards.sealed.length > 0 && randomInt(10) === 0;
  const list = activation ? cards.sealed : cards.pin;
  const cardNumber = list[randomInt(list.length)] ?? '';
  const r = await engine.record(activation ? 'activation' : 'pin_changed', { cardNumber });
  if (r.ok) say(`R ${r.value.key}`);
  await new Promise((res) => setTimeout(res, randomInt(15)));
}
