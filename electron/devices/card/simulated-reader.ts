import { err, ok, type Result } from '../../result';
import { hex } from './apdu';
import { DEMO_PERSONAS, findPersona } from './personas';
import { ReaderEventHub } from './reader-events';
import type {
  CardConnection,
  CardIoError,
  CardReaderPort,
  ReaderEvent,
  ReaderInfo,
  ReaderStatus,
} from './reader-port';
import { VirtualCard } from './virtual-card';

export const SIMULATED_READER_NAME = 'SSC Kiosk simulated reader';

/** What can sit in the simulated slot: a virtual card, or a card that never answers. */
interface SimulatedCard {
  readonly atr: Buffer;
  reset(): void;
  /** The response APDU; null when the card stays silent. */
  transmit(apdu: Uint8Array): Buffer | null;
}

/**
 * A card that answers reset but no command: a damaged chip, or a card the wrong way round on
 * a reader that still reports an ATR. The kiosk must call it unreadable, not hang or crash.
 */
export const MUTE_CARD_ATR = '3B0200FF';
const muteCard = (): SimulatedCard => ({
  atr: Buffer.from(MUTE_CARD_ATR, 'hex'),
  reset: () => undefined,
  transmit: () => null,
});

export interface SimulatedReaderOptions {
  readonly pinTryLimit?: number;
}

/**
 * The in-process reader of demo mode: the demo panel inserts and removes persona cards. Each
 * persona keeps one VirtualCard for the life of the reader, so a PIN blocked in one session
 * stays blocked in the next, as on a real card.
 */
export class SimulatedReader implements CardReaderPort {
  private readonly hub = new ReaderEventHub({ device: 'offline', media: 'unknown' });
  private readonly cards = new Map<string, VirtualCard>();
  private inserted: SimulatedCard | null = null;
  private started = false;
  /** The open connection, if any: one exclusive session at a time, as on PC/SC. */
  private session: object | null = null;

  constructor(private readonly options: SimulatedReaderOptions = {}) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.hub.emit({ type: 'reader_added', reader: SIMULATED_READER_NAME });
    this.hub.setStatus({ device: 'online', media: this.inserted ? 'present' : 'absent' });
  }

  stop(): Promise<void> {
    if (this.started) {
      this.started = false;
      this.hub.emit({ type: 'reader_removed', reader: SIMULATED_READER_NAME });
      this.hub.setStatus({ device: 'offline', media: 'unknown' });
    }
    return Promise.resolve();
  }

  status(): ReaderStatus {
    return this.hub.status;
  }

  readers(): readonly ReaderInfo[] {
    if (!this.started) return [];
    const atr = this.inserted ? hex(this.inserted.atr) : null;
    return [{ name: SIMULATED_READER_NAME, cardPresent: this.inserted !== null, atr }];
  }

  onEvent(listener: (event: ReaderEvent) => void): () => void {
    return this.hub.on(listener);
  }

  /** The personas the demo panel offers. */
  personas(): readonly { id: string; label: { zh: string; en: string } }[] {
    return DEMO_PERSONAS.map(({ id, label }) => ({ id, label }));
  }

  /** The card of a persona (created on first use), e.g. to inspect its PIN counter. */
  cardOf(personaId: string): VirtualCard | undefined {
    const persona = findPersona(personaId);
    if (!persona) return undefined;
    let card = this.cards.get(personaId);
    if (!card) {
      card = new VirtualCard(persona, { pinTryLimit: this.options.pinTryLimit });
      this.cards.set(personaId, card);
    }
    return card;
  }

  insert(personaId: string): Result<void, 'unknown_persona' | 'reader_stopped'> {
    if (!this.started) return err('reader_stopped');
    const card = this.cardOf(personaId);
    if (!card) return err('unknown_persona');
    this.put(card);
    return ok(undefined);
  }

  /** Inserts a card that answers reset but no command (an unreadable card). */
  insertMute(): Result<void, 'reader_stopped'> {
    if (!this.started) return err('reader_stopped');
    this.put(muteCard());
    return ok(undefined);
  }

  private put(card: SimulatedCard): void {
    if (this.inserted) this.remove();
    card.reset();
    this.inserted = card;
    this.hub.emit({ type: 'card_inserted', reader: SIMULATED_READER_NAME, atr: hex(card.atr) });
    this.hub.setStatus({ device: 'online', media: 'present' });
  }

  remove(): void {
    if (!this.inserted) return;
    this.inserted = null;
    this.session = null;
    this.hub.emit({ type: 'card_removed', reader: SIMULATED_READER_NAME });
    if (this.started) this.hub.setStatus({ device: 'online', media: 'absent' });
  }

  connect(reader: string): Promise<Result<CardConnection, CardIoError>> {
    const card = this.inserted;
    if (!this.started || reader !== SIMULATED_READER_NAME) {
      return Promise.resolve(err({ code: 'reader_unavailable', detail: 'no such reader' }));
    }
    if (!card) return Promise.resolve(err({ code: 'no_card', detail: 'no card' }));
    if (this.session)
      return Promise.resolve(err({ code: 'card_busy', detail: 'already connected' }));
    const session = {};
    this.session = session;
    const connection: CardConnection = {
      reader,
      atr: hex(card.atr),
      transmit: (apdu) => {
        if (this.inserted !== card || this.session !== session) {
          return Promise.resolve(err({ code: 'card_removed', detail: 'card removed' }));
        }
        const answer = card.transmit(apdu);
        // Pulled while the card worked: the card may have acted, the host never hears back.
        if (this.inserted !== card) {
          return Promise.resolve(err({ code: 'card_removed', detail: 'card removed' }));
        }
        if (answer === null) {
          return Promise.resolve(err({ code: 'card_unresponsive', detail: 'no answer' }));
        }
        return Promise.resolve(ok(answer));
      },
      disconnect: () => {
        if (this.session === session) this.session = null;
        return Promise.resolve();
      },
    };
    return Promise.resolve(ok(connection));
  }
}
