import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, SqlParam } from './database';

function asQueryable(q: Pick<PGlite, 'query'>): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly SqlParam[] = []) {
      const res = await q.query<T>(sql, [...params]);
      return res.rows;
    },
  };
}

export async function openPglite(dataDir?: string): Promise<Database> {
  const db = new PGlite(dataDir);
  await db.waitReady;
  const base = asQueryable(db);
  return {
    kind: 'pglite',
    query: (sql, params) => base.query(sql, params),
    async exec(sql) {
      await db.exec(sql);
    },
    // PGlite has one connection; its transaction() holds an exclusive lock, so concurrent
    // transactions queue behind each other just as row locks would order them on a server.
    transaction: (fn) => db.transaction((tx) => fn(asQueryable(tx))),
    close: () => db.close(),
  };
}
