import {
  readCardSummary,
  type CardSummary,
  type ExternalAuthenticator,
} from '../devices/card/card-summary';
import type {
  CardConnection,
  CardReaderPort,
  ReaderEvent,
  ReaderStatus,
} from '../devices/card/reader-port';
import {
  SscCard,
  type CardFailure,
  type PinFailure,
  type PinState,
} from '../devices/card/ssc-card';
import { failureCategory, type FailureCategory } from '../devices/card/failure-category';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';

/**
 * Card insertion → card summary and outcome, PIN operations on the card in the slot. One card
 * session at a time (a kiosk has one slot; a second reader's card waits until the first
 * leaves). Personal data is never logged: only outcomes and error codes.
 */
export type CardOutcome = 'ssc_card' | 'not_ssc_card' | 'unreadable';

export type CardState =
  | { readonly state: 'no_card' }
  | { readonly state: 'reading'; readonly reader: string }
  | { readonly state: 'ssc_card'; readonly reader: string; readonly summary: CardSummary }
  | { readonly state: 'not_ssc_card'; readonly reader: string }
  | {
      readonly state: 'unreadable';
      readonly reader: string;
      readonly reason: string;
      readonly category: FailureCategory;
    };

export type CardServiceEvent =
  | { readonly type: 'reader_status'; readonly status: ReaderStatus }
  | { readonly type: 'card_state'; readonly card: CardState };

export type NoCard = { readonly code: 'no_card'; readonly detail: string };

/** A failed CHANGE PIN says whether the PIN may have changed: the UI must tell the citizen. */
export type ChangePinFailure = (PinFailure | NoCard) & { readonly pinChanged: false | 'unknown' };

export interface CardServiceOptions {
  readonly reader: CardReaderPort;
  readonly logger: Logger;
  /** The central service's EXTERNAL AUTHENTICATE cryptogram (3.00 cards); absent → EF06 locked. */
  readonly authenticate?: ExternalAuthenticator;
  readonly now?: () => Date;
}

interface Session {
  readonly reader: string;
  connection: CardConnection | null;
  card: SscCard | null;
}

const IO_CODES = new Set<string>([
  'card_removed',
  'no_card',
  'reader_unavailable',
  'card_busy',
  'card_unresponsive',
  'transmit_failed',
  'malformed_response',
]);

export class CardService {
  private readonly listeners = new Set<(e: CardServiceEvent) => void>();
  private readonly log: Logger;
  private state: CardState = { state: 'no_card' };
  private session: Session | null = null;
  private unsubscribe: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: CardServiceOptions) {
    this.log = options.logger.child({ component: 'card-service' });
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.options.reader.onEvent((e) => this.onReaderEvent(e));
    this.options.reader.start();
    // A card already in a reader at start-up is read as if just inserted.
    const waiting = this.options.reader.readers().find((r) => r.cardPresent);
    if (waiting) this.beginSession(waiting.name);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.endSession();
    await this.options.reader.stop();
  }

  onEvent(listener: (e: CardServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  current(): CardState {
    return this.state;
  }

  readerStatus(): ReaderStatus {
    return this.options.reader.status();
  }

  private emit(e: CardServiceEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  private setState(next: CardState): void {
    this.state = next;
    this.emit({ type: 'card_state', card: next });
  }

  /** Card operations run one after another: a card answers one APDU at a time. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private onReaderEvent(e: ReaderEvent): void {
    if (e.type === 'status_changed') {
      this.emit({ type: 'reader_status', status: e.status });
    } else if (e.type === 'card_inserted') {
      if (!this.session) this.beginSession(e.reader);
      else
        this.log.info({ reader: e.reader }, 'card in a second reader ignored while a session runs');
    } else if (
      (e.type === 'card_removed' || e.type === 'reader_removed') &&
      this.session?.reader === e.reader
    ) {
      void this.endSession().then(() => {
        this.setState({ state: 'no_card' });
        // Another reader may hold a card that waited for this session to end.
        const next = this.options.reader.readers().find((r) => r.cardPresent);
        if (next && !this.session) this.beginSession(next.name);
      });
    }
  }

  private beginSession(reader: string): void {
    const session: Session = { reader, connection: null, card: null };
    this.session = session;
    this.setState({ state: 'reading', reader });
    void this.serial(() => this.readInto(session));
  }

  private async readInto(session: Session): Promise<void> {
    const connection = await this.options.reader.connect(session.reader);
    if (this.session !== session) {
      if (connection.ok) await connection.value.disconnect();
      return;
    }
    if (!connection.ok) return this.finishRead(session, { code: connection.error.code });
    session.connection = connection.value;
    session.card = new SscCard(connection.value);
    const summary = await readCardSummary(session.card, {
      authenticate: this.options.authenticate,
      today: (this.options.now ?? (() => new Date()))(),
    });
    if (this.session !== session) return;
    if (summary.ok) {
      this.log.info(
        { outcome: 'ssc_card', version: summary.value.specVersion, apdus: session.card.apdusSent },
        'card read',
      );
      this.setState({ state: 'ssc_card', reader: session.reader, summary: summary.value });
      return;
    }
    this.finishRead(session, summary.error);
  }

  private finishRead(session: Session, failure: { readonly code: string }): void {
    if (this.session !== session) return;
    if (failure.code === 'not_ssc_card') {
      this.log.info({ outcome: 'not_ssc_card' }, 'card read');
      this.setState({ state: 'not_ssc_card', reader: session.reader });
      return;
    }
    this.log.warn({ outcome: 'unreadable', reason: failure.code }, 'card read');
    this.setState({
      state: 'unreadable',
      reader: session.reader,
      reason: failure.code,
      category: failureCategory(failure.code),
    });
  }

  private async endSession(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session?.connection) await session.connection.disconnect();
  }

  private activeCard(): Result<SscCard, NoCard> {
    const card = this.session?.card;
    if (!card || this.state.state !== 'ssc_card')
      return err({ code: 'no_card', detail: 'no SSC card in session' });
    return ok(card);
  }

  pinState(): Promise<Result<PinState, CardFailure | NoCard>> {
    return this.serial(async () => {
      const card = this.activeCard();
      return card.ok ? card.value.pinState() : card;
    });
  }

  /** The PIN is passed through to the card and dropped; it is never logged or kept. */
  verifyPin(pin: string): Promise<Result<void, PinFailure | NoCard>> {
    return this.serial(async () => {
      const card = this.activeCard();
      if (!card.ok) return card;
      const r = await card.value.verifyPin(pin);
      this.log.info({ result: r.ok ? 'ok' : r.error.code }, 'PIN verification');
      return r;
    });
  }

  changePin(oldPin: string, newPin: string): Promise<Result<void, ChangePinFailure>> {
    return this.serial(async () => {
      const card = this.activeCard();
      if (!card.ok) return err({ ...card.error, pinChanged: false as const });
      const r = await card.value.changePin(oldPin, newPin);
      this.log.info({ result: r.ok ? 'ok' : r.error.code }, 'PIN change');
      if (r.ok) return r;
      // The CHANGE PIN command may have reached the card before the link broke.
      const pinChanged = IO_CODES.has(r.error.code) ? ('unknown' as const) : false;
      return err({ ...r.error, pinChanged });
    });
  }

  /** INTERNAL AUTHENTICATE for the central service's "is this card genuine" check. */
  internalAuthenticate(random: Uint8Array): Promise<Result<Buffer, CardFailure | NoCard>> {
    return this.serial(async () => {
      const card = this.activeCard();
      return card.ok ? card.value.internalAuthenticate(random) : card;
    });
  }
}
