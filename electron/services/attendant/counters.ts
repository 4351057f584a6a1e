/**
 * Today's use of each kiosk function (card sessions, inquiry pages, receipts printed…), for
 * the attendant dashboard and the heartbeat. Counts are per local calendar day, in memory: a
 * restart starts the day's counts again (the central service keeps the running totals).
 */
export class UsageCounters {
  private day = '';
  private counts = new Map<string, number>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  add(fn: string, by = 1): void {
    this.roll();
    this.counts.set(fn, (this.counts.get(fn) ?? 0) + by);
  }

  today(): Record<string, number> {
    this.roll();
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  private roll(): void {
    const d = this.now();
    const key = `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
    if (key !== this.day) {
      this.day = key;
      this.counts = new Map();
    }
  }
}

/** Which function a successful contract command counts for, if any. */
export function functionOfCommand(command: string): string | null {
  if (command === 'session.inquiry') return 'inquiry_pages';
  if (command === 'session.verifyPin') return 'pin_verified';
  return null;
}
