import pg from 'pg';
import type { Database, Queryable, SqlParam } from './database';

// bigint counters and money in fen come back as numbers, as PGlite returns them, so the same
// code reads both. The schema keeps calendar dates as text, never `date`: pg would turn them
// into local-time Date objects and PGlite into UTC ones.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

function asQueryable(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly SqlParam[] = [], name?: string) {
      const res =
        name === undefined
          ? await q.query<T>(sql, [...params])
          : await q.query<T>({ name, text: sql, values: [...params] });
      return res.rows;
    },
  };
}

export function openPostgres(connectionString: string): Database {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection dropped by the server (restart, failover, shutdown) is discarded by the
  // pool and the next query opens a fresh one; without a listener it would crash the process.
  pool.on('error', () => undefined);
  const base = asQueryable(pool);
  return {
    kind: 'postgres',
    query: (sql, params, name) => base.query(sql, params, name),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(asQueryable(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
