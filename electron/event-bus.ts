import type { EventName, EventPayload, KioskEvent } from './contract';

/** Events flow one way, from services up to whichever host is connected. */
export class EventBus {
  private readonly listeners = new Set<(event: KioskEvent) => void>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const message = { event, payload } as KioskEvent;
    for (const listener of [...this.listeners]) listener(message);
  }

  subscribe(listener: (event: KioskEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
