import type { Database } from '../db/database';

/** A server-wide secret kept in the database; several instances starting together agree on one. */
export async function loadOrCreateServerKey(
  db: Database,
  name: string,
  create: () => string,
): Promise<string> {
  await db.query('INSERT INTO server_keys (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    name,
    create(),
  ]);
  const rows = await db.query<{ value: string }>('SELECT value FROM server_keys WHERE name = $1', [
    name,
  ]);
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`server key ${name} missing after insert`);
  return value;
}
