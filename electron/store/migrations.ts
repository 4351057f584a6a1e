import { ok, type Result } from '../result';
import type { StoreError } from './errors';
import type { Store } from './store';

/**
 * A schema step. One SQL statement per entry (statements are journaled and replayed one by
 * one). Migrations run inside the journal like any transaction, so a crash mid-migration
 * leaves either the old schema or the new one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

export async function runMigrations(
  store: Store,
  migrations: readonly Migration[],
  now: () => number = Date.now,
): Promise<Result<number, StoreError>> {
  const exists = store.get(
    "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
  );
  if (!exists) {
    const created = await store.transaction((tx) => {
      tx.run(
        'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
      );
    });
    if (!created.ok) return created;
  }
  const current = Number(
    store.get('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations')?.v ?? 0,
  );
  let version = current;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= version) continue;
    const applied = await store.transaction((tx) => {
      for (const sql of m.statements) tx.run(sql);
      tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        now(),
      ]);
    });
    if (!applied.ok) return applied;
    version = m.version;
  }
  return ok(version);
}

/** The kiosk's schema. Append new versions; never edit a released one. */
export const KIOSK_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'outbox, outbox history, audit log',
    statements: [
      `CREATE TABLE outbox (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        payload BLOB NOT NULL,
        summary TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'delivering')),
        last_error TEXT
      )`,
      'CREATE INDEX outbox_due ON outbox (state, next_attempt_at, created_at)',
      `CREATE TABLE outbox_history (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        settled_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('acknowledged', 'rejected')),
        result TEXT,
        reason TEXT
      )`,
      'CREATE INDEX outbox_history_settled ON outbox_history (settled_at)',
      `CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      )`,
      `CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'cards to re-check after a lost CHANGE PIN answer',
    statements: [
      `CREATE TABLE pin_recheck (
        card_ref TEXT PRIMARY KEY,
        purpose TEXT NOT NULL CHECK (purpose IN ('activation', 'change')),
        created_at INTEGER NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    name: "today's counters per function, per local day",
    statements: [
      `CREATE TABLE IF NOT EXISTS daily_counters (
        day TEXT NOT NULL,
        name TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, name)
      )`,
    ],
  },
];
