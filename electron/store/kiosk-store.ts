import { join } from 'node:path';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import { AuditLog } from './audit-log';
import type { StoreConfig } from './config';
import { nodeStoreIo, type StoreIo } from './durable-file';
import type { StoreError } from './errors';
import { FieldCipher } from './field-cipher';
import { HotlistFiles, type HotlistStoreError } from './hotlist-files';
import { KeyFileProvider, type KeyError, type KeyProvider } from './key-provider';
import { KIOSK_MIGRATIONS } from './migrations';
import { Outbox } from './outbox';
import { PinRecheckList } from './pin-recheck';
import { Store } from './store';

/** Everything the services and the sync engine use from the local store. */
export interface KioskStore {
  readonly store: Store;
  readonly outbox: Outbox;
  readonly audit: AuditLog;
  readonly hotlist: HotlistFiles;
  readonly cipher: FieldCipher;
  /** Cards whose CHANGE PIN outcome is unknown (keyed references only). */
  readonly pinRecheck: PinRecheckList;
  close(): Promise<void>;
}

export type OpenStoreError = StoreError | KeyError | HotlistStoreError;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Opens the store for the app: key → cipher, database (snapshot + journal replay +
 * migrations), outbox (in-flight operations made due again), audit log, hotlist.
 */
export async function openKioskStore(deps: {
  readonly config: StoreConfig;
  readonly log: Logger;
  readonly keys?: KeyProvider;
  readonly io?: StoreIo;
  readonly now?: () => number;
}): Promise<Result<KioskStore, OpenStoreError>> {
  const { config, log } = deps;
  const io = deps.io ?? nodeStoreIo;
  const now = deps.now ?? Date.now;
  const keys =
    deps.keys ?? new KeyFileProvider(config.keyFile ?? join(config.dataDir, 'store.key'));
  const key = keys.masterKey();
  if (!key.ok) return key;
  const cipher = new FieldCipher(key.value);
  const opened = await Store.open({
    dir: join(config.dataDir, 'db'),
    log,
    io,
    now,
    migrations: KIOSK_MIGRATIONS,
    snapshotJournalBytes: config.snapshot.journalBytes,
  });
  if (!opened.ok) return opened;
  const store = opened.value;
  const outbox = new Outbox(
    store,
    cipher,
    { maxEntries: config.history.maxEntries, maxAgeMs: config.history.maxAgeDays * DAY_MS },
    now,
  );
  const recovered = await outbox.recoverInFlight();
  if (!recovered.ok) {
    await store.close();
    return recovered;
  }
  const audit = new AuditLog(store, join(config.dataDir, 'audit-anchor.json'), io, log, now);
  const hotlist = HotlistFiles.open({
    dir: join(config.dataDir, 'hotlist'),
    io,
    log,
    compactBytes: config.hotlist.compactBytes,
  });
  if (!hotlist.ok) {
    await store.close();
    return err(hotlist.error);
  }
  return ok({
    store,
    outbox,
    audit,
    hotlist: hotlist.value,
    cipher,
    pinRecheck: new PinRecheckList(store, cipher, now),
    async close() {
      await audit.flushAnchor();
      await hotlist.value.close();
      await store.close();
    },
  });
}
