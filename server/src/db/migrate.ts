import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './database';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');
// Any fixed number: every instance takes the same lock so only one migrates at a time.
const MIGRATION_LOCK = 5_170_001;

/** Work in code that belongs to a migration, run right after its SQL in the same transaction. */
export type MigrationSteps = Readonly<Record<string, (tx: Queryable) => Promise<unknown>>>;

/**
 * Applies `migrations/NNN_name.sql` in order, each once, with its code step if `steps` has one
 * under the same file name; returns the names applied now.
 */
export async function migrate(db: Database, steps: MigrationSteps = {}): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  const sources = await Promise.all(
    files.map(async (f) => ({ name: f, sql: await readFile(join(MIGRATIONS_DIR, f), 'utf8') })),
  );
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name),
    );
    const applied: string[] = [];
    for (const m of sources) {
      if (done.has(m.name)) continue;
      // Split on statement ends: PGlite's query() takes one statement at a time in a transaction.
      for (const stmt of splitStatements(m.sql)) await tx.query(stmt);
      await steps[m.name]?.(tx);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}

function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('--'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
