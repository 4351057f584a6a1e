/**
 * The one storage port of the central service. Two adapters speak the same SQL: embedded
 * PGlite (zero set-up, the default) and a PostgreSQL server through `pg` (DATABASE_URL).
 * Everything that must agree across instances (nonces, idempotency records, rate-limit
 * counters) lives behind this port, so the HTTP layer stays stateless.
 */
export type SqlParam =
  string | number | boolean | null | Date | readonly string[] | readonly number[];

export interface Queryable {
  /**
   * `name` makes it a prepared statement on a PostgreSQL server (parsed and planned once per
   * connection; one name must always carry the same SQL). PGlite ignores it.
   */
  query<T extends object>(sql: string, params?: readonly SqlParam[], name?: string): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when absent, PGlite is used. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data directory; when absent, PGlite keeps everything in memory. */
  readonly dataDir?: string | undefined;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const { openPostgres } = await import('./postgres');
    return openPostgres(opts.databaseUrl);
  }
  const { openPglite } = await import('./pglite');
  return openPglite(opts.dataDir);
}
