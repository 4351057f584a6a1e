/**
 * Today's use of each kiosk function (PRODUCT.md: attendant dashboard; sent with each heartbeat).
 * Counted per local calendar day: at local midnight the counts start again at zero. Once the
 * local store is open (`attach`) every count is also written there, so a restart of the app
 * keeps today's counts; counts made before the store opened are written then.
 */

/** Where the counts of a day are kept (the kiosk store: store/daily-counts.ts). */
export interface CounterPersistence {
  /** The counts kept for this local day ('YYYY-MM-DD'). */
  load(day: string): Record<string, number>;
  /** Adds to a count of the day; written in the background (a failure is logged, not thrown). */
  add(day: string, name: string, n: number): void;
}

/** The local calendar day of a moment, 'YYYY-MM-DD'. */
export function localDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export class DailyCounters {
  private day = '';
  private counts = new Map<string, number>();
  private persistence: CounterPersistence | null = null;

  constructor(private readonly now: () => Date = () => new Date()) {}

  private fromStore(day: string): Map<string, number> {
    return new Map(Object.entries(this.persistence?.load(day) ?? {}));
  }

  private roll(): void {
    const day = localDay(this.now());
    if (day !== this.day) {
      this.day = day;
      this.counts = this.fromStore(day);
    }
  }

  /**
   * From now on counts are kept in `persistence` too: today's kept counts are taken up, and
   * what was counted before (the store opens after the app starts) is added to them.
   */
  attach(persistence: CounterPersistence): void {
    this.roll();
    const early = this.counts;
    this.persistence = persistence;
    this.counts = this.fromStore(this.day);
    for (const [name, n] of early) {
      if (n <= 0) continue;
      this.counts.set(name, (this.counts.get(name) ?? 0) + n);
      persistence.add(this.day, name, n);
    }
  }

  add(name: string, n = 1): void {
    this.roll();
    this.counts.set(name, (this.counts.get(name) ?? 0) + n);
    this.persistence?.add(this.day, name, n);
  }

  today(): Record<string, number> {
    this.roll();
    return Object.fromEntries(this.counts);
  }
}
