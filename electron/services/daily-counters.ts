/**
 * Today's use of each kiosk function (PRODUCT.md: attendant dashboard; sent with each heartbeat).
 * In memory: they restart at zero with the app and at local midnight.
 */
export class DailyCounters {
  private day = '';
  private counts = new Map<string, number>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  private roll(): void {
    const d = this.now();
    const day = `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
    if (day !== this.day) {
      this.day = day;
      this.counts = new Map();
    }
  }

  add(name: string, n = 1): void {
    this.roll();
    this.counts.set(name, (this.counts.get(name) ?? 0) + n);
  }

  today(): Record<string, number> {
    this.roll();
    return Object.fromEntries(this.counts);
  }
}
