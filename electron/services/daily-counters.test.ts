import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { openKioskStore, storeConfigSchema, type KioskStore } from '../store';
import { storeDailyCounts } from '../store/daily-counts';
import { DailyCounters, localDay } from './daily-counters';

const open: KioskStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function store(dir: string): Promise<KioskStore> {
  const r = await openKioskStore({
    config: storeConfigSchema.parse({ dataDir: join(dir, 'store') }),
    log: silentLogger(),
  });
  if (!r.ok) throw new Error(r.error.kind);
  open.push(r.value);
  return r.value;
}

async function closeAll(): Promise<void> {
  for (const s of open.splice(0)) await s.close();
}

/** A clock the test moves (local time). */
function clock(start: Date) {
  let at = start;
  return { now: () => at, set: (d: Date) => (at = d) };
}

describe('daily counters', () => {
  it('in memory only: counted per local day, zero again after midnight', () => {
    const c = clock(new Date(2026, 10, 30, 23, 59, 0));
    const counters = new DailyCounters(c.now);
    counters.add('card_sessions');
    counters.add('card_sessions', 2);
    expect(counters.today()).toEqual({ card_sessions: 3 });
    c.set(new Date(2026, 11, 1, 0, 0, 1));
    expect(counters.today()).toEqual({});
    expect(localDay(c.now())).toBe('2026-12-01');
  });

  it("today's counts survive closing and reopening the store; counts made before the store opened are kept too", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'daily-counters-'));
    const c = clock(new Date(2026, 10, 30, 9, 0, 0));
    const first = new DailyCounters(c.now);
    // Counted while the store was still opening.
    first.add('card_sessions');
    const s1 = await store(dir);
    first.attach(storeDailyCounts(s1.store, silentLogger()));
    first.add('card_sessions');
    first.add('inquiry_pages', 4);
    expect(first.today()).toEqual({ card_sessions: 2, inquiry_pages: 4 });
    await closeAll();

    // The app restarts later the same day.
    c.set(new Date(2026, 10, 30, 17, 30, 0));
    const second = new DailyCounters(c.now);
    second.add('pin_verified');
    const s2 = await store(dir);
    second.attach(storeDailyCounts(s2.store, silentLogger()));
    expect(second.today()).toEqual({ card_sessions: 2, inquiry_pages: 4, pin_verified: 1 });
    second.add('card_sessions');
    expect(second.today()).toEqual({ card_sessions: 3, inquiry_pages: 4, pin_verified: 1 });
    await closeAll();

    const s3 = await store(dir);
    const third = new DailyCounters(c.now);
    third.attach(storeDailyCounts(s3.store, silentLogger()));
    expect(third.today()).toEqual({ card_sessions: 3, inquiry_pages: 4, pin_verified: 1 });
  });

  it('a day change resets the counts, in the running app and after a restart; old days stay apart in the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'daily-counters-day-'));
    const c = clock(new Date(2026, 10, 30, 23, 58, 0));
    const s1 = await store(dir);
    const counters = new DailyCounters(c.now);
    counters.attach(storeDailyCounts(s1.store, silentLogger()));
    counters.add('receipts_printed', 5);
    // Midnight passes while the app runs.
    c.set(new Date(2026, 11, 1, 0, 0, 30));
    expect(counters.today()).toEqual({});
    counters.add('receipts_printed');
    expect(counters.today()).toEqual({ receipts_printed: 1 });
    await closeAll();

    // Restarted the next day: only that day's count.
    const s2 = await store(dir);
    const next = new DailyCounters(c.now);
    next.attach(storeDailyCounts(s2.store, silentLogger()));
    expect(next.today()).toEqual({ receipts_printed: 1 });
    const rows = s2.store.all('SELECT day, name, count FROM daily_counters ORDER BY day');
    expect(rows).toEqual([
      { day: '2026-11-30', name: 'receipts_printed', count: 5 },
      { day: '2026-12-01', name: 'receipts_printed', count: 1 },
    ]);

    // Two months on, the old days are pruned when the day is first looked at.
    c.set(new Date(2027, 1, 15, 8, 0, 0));
    expect(next.today()).toEqual({});
    await closeAll();
    const s3 = await store(dir);
    expect(s3.store.all('SELECT day FROM daily_counters')).toEqual([]);
  });
});
