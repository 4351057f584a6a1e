import type { Result } from '../../result';
import { ReaderEventHub } from './reader-events';
import type {
  CardConnection,
  CardIoError,
  CardReaderPort,
  ReaderEvent,
  ReaderInfo,
  ReaderStatus,
} from './reader-port';

/**
 * A reader port that sees only the readers whose name contains `nameFilter` (case-insensitive):
 * on a kiosk with a contactless pad or a second slot, the citizen's card slot is the one the
 * configuration names. Status is recomputed over the matching readers only.
 */
export class FilteredReader implements CardReaderPort {
  private readonly hub: ReaderEventHub;
  private readonly needle: string;
  private off: (() => void) | null = null;

  constructor(
    private readonly inner: CardReaderPort,
    nameFilter: string,
  ) {
    this.needle = nameFilter.toLowerCase();
    this.hub = new ReaderEventHub(this.compute());
  }

  private matches(name: string): boolean {
    return name.toLowerCase().includes(this.needle);
  }

  private compute(): ReaderStatus {
    const inner = this.inner.status();
    if (inner.device === 'offline' || inner.device === 'hardware_error')
      return { device: inner.device, media: 'unknown' };
    const mine = this.readers();
    if (mine.length === 0) return { device: 'no_device', media: 'unknown' };
    return { device: 'online', media: mine.some((r) => r.cardPresent) ? 'present' : 'absent' };
  }

  start(): void {
    if (this.off) return;
    this.off = this.inner.onEvent((e) => {
      if (e.type !== 'status_changed' && this.matches(e.reader)) this.hub.emit(e);
      this.hub.setStatus(this.compute());
    });
    this.inner.start();
    this.hub.setStatus(this.compute());
  }

  async stop(): Promise<void> {
    await this.inner.stop();
    this.hub.setStatus(this.compute());
    this.off?.();
    this.off = null;
  }

  status(): ReaderStatus {
    return this.hub.status;
  }

  readers(): readonly ReaderInfo[] {
    return this.inner.readers().filter((r) => this.matches(r.name));
  }

  onEvent(listener: (event: ReaderEvent) => void): () => void {
    return this.hub.on(listener);
  }

  connect(reader: string): Promise<Result<CardConnection, CardIoError>> {
    if (!this.matches(reader))
      return Promise.resolve({
        ok: false,
        error: { code: 'reader_unavailable', detail: 'reader excluded by the name filter' },
      });
    return this.inner.connect(reader);
  }
}
