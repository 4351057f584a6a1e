import type { ReaderEvent, ReaderStatus } from './reader-port';

/** Listener set plus "events only on change" for the aggregate status. */
export class ReaderEventHub {
  private readonly listeners = new Set<(e: ReaderEvent) => void>();
  private last: ReaderStatus;

  constructor(initial: ReaderStatus) {
    this.last = initial;
  }

  get status(): ReaderStatus {
    return this.last;
  }

  on(listener: (e: ReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ReaderEvent): void {
    for (const l of [...this.listeners]) l(event);
  }

  setStatus(next: ReaderStatus): void {
    if (next.device === this.last.device && next.media === this.last.media) return;
    this.last = next;
    this.emit({ type: 'status_changed', status: next });
  }
}
