import type { Logger } from '../log';
import type { CounterPersistence } from '../services/daily-counters';
import type { Store } from './store';

/** Days of counts kept in the store (the dashboard shows today; older ones are for support). */
const KEEP_DAYS = 62;

function daysBefore(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const back = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) - days));
  return back.toISOString().slice(0, 10);
}

/**
 * Today's counters per function in the kiosk store (table `daily_counters`, one row per local
 * day and function). Each count is one small journaled transaction; the in-memory database
 * has it at once, the disk after the journal's fsync.
 */
export function storeDailyCounts(store: Store, log: Logger): CounterPersistence {
  const settle = (what: string, run: () => Promise<{ ok: boolean }>): void => {
    run().then(
      (r) => {
        if (!r.ok) log.warn({ what }, 'daily counters: not written to the store');
      },
      (e: unknown) => log.warn({ what, e }, 'daily counters: not written to the store'),
    );
  };
  return {
    load(day) {
      // Old days go when a day is first looked at (at start and after midnight).
      const cutoff = daysBefore(day, KEEP_DAYS);
      if (store.get('SELECT 1 AS x FROM daily_counters WHERE day < ? LIMIT 1', [cutoff]))
        settle('prune', () =>
          store.transaction((tx) => tx.run('DELETE FROM daily_counters WHERE day < ?', [cutoff])),
        );
      const out: Record<string, number> = {};
      for (const row of store.all('SELECT name, count FROM daily_counters WHERE day = ?', [day]))
        out[String(row.name)] = Number(row.count);
      return out;
    },
    add(day, name, n) {
      settle('add', () =>
        store.transaction((tx) =>
          tx.run(
            `INSERT INTO daily_counters (day, name, count) VALUES (?, ?, ?)
             ON CONFLICT (day, name) DO UPDATE SET count = count + excluded.count`,
            [day, name, n],
          ),
        ),
      );
    },
  };
}
