import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { INVALID_STATUSES } from '../domain/card-status';
import { isSeeded, seedDemoData } from './generator';
import { PERSONAS } from './personas';

describe('seeding the database', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('bulk mode (no history) loads every citizen with a card, and the hotlist matches the statuses', async () => {
    expect(await isSeeded(db)).toBe(false);
    const seeded = await seedDemoData(
      db,
      { extraPersons: 3000, years: 0, untilMonth: 202610, batchSize: 1000 },
      Date.UTC(2026, 10, 1),
    );
    expect(seeded.persons).toBe(PERSONAS.length + 3000);
    const count = async (sql: string): Promise<number> =>
      (await db.query<{ n: number }>(sql))[0]?.n ?? -1;
    expect(await count('SELECT count(*)::int AS n FROM persons')).toBe(seeded.persons);
    expect(await count('SELECT count(DISTINCT person_id)::int AS n FROM cards')).toBe(
      seeded.persons,
    );
    expect(await count('SELECT count(*)::int AS n FROM contributions')).toBe(0);
    const invalid = [...INVALID_STATUSES].map((s) => `'${s}'`).join(', ');
    expect(await count(`SELECT count(*)::int AS n FROM hotlist_changes WHERE action = 'add'`)).toBe(
      await count(`SELECT count(*)::int AS n FROM cards WHERE status IN (${invalid})`),
    );
    // The sequence moved past the explicit ids: a later insert does not collide.
    const next = await db.query<{ id: number }>(
      `INSERT INTO persons (id_number, name, sex, birth_date, phone) VALUES ('x', 'y', 1, '2000-01-01', '1') RETURNING id`,
    );
    expect(next[0]?.id).toBe(seeded.persons + 1);
  });
});
