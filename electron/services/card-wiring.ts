import type {
  CardCurrent,
  CardRead,
  ReaderStatus as ContractReaderStatus,
  SafeCardSummary,
} from '../contract';
import type { CommandHandlers } from '../dispatcher';
import type { CardSummary } from '../devices/card/card-summary';
import { failureCategory } from '../devices/card/failure-category';
import type { CardReaderPort, ReaderStatus } from '../devices/card/reader-port';
import { maskCardNumber, maskName } from '../domain/mask';
import type { EventBus } from '../event-bus';
import { err, ok } from '../result';
import type { CardService, CardState } from './card-service';

/**
 * Connects the card service to the contract: the session's card states become `card.*`
 * events, the reader port's status becomes the reader part of `device.status`, and the card
 * commands answer from the session. What crosses to the renderer is the safe view of the
 * card: card number and name masked, no ID number, no identification code.
 */

const maskOneName = (name: string): string =>
  Array.from(name).length <= 1 ? '*'.repeat(name.length > 0 ? 1 : 0) : maskName(name);

export function safeSummary(s: CardSummary): SafeCardSummary {
  return {
    maskedCardNumber: maskCardNumber(s.cardNumber),
    cardNumberValid: s.cardNumberValid,
    region: s.region,
    cardType: s.cardType,
    specVersion: s.specVersion,
    algorithm: s.algorithm,
    issueDate: s.issueDate,
    expiryDate: s.expiryDate,
    expired: s.expired,
    maskedName: s.personal && s.personal.name.length > 0 ? maskOneName(s.personal.name) : null,
    personalLocked: s.personalLocked,
  };
}

/** The outcome of a finished read; null while reading or without a card. */
export function cardRead(state: CardState): CardRead | null {
  switch (state.state) {
    case 'ssc_card':
      return { outcome: 'ssc_card', summary: safeSummary(state.summary) };
    case 'not_ssc_card':
      return { outcome: 'not_ssc_card' };
    case 'unreadable':
      return { outcome: 'unreadable', reason: state.reason.slice(0, 40), category: state.category };
    default:
      return null;
  }
}

export function cardCurrent(state: CardState): CardCurrent {
  if (state.state === 'no_card') return { state: 'no_card' };
  if (state.state === 'reading') return { state: 'reading', reader: state.reader };
  const read = cardRead(state);
  return read ? { state: 'read', reader: state.reader, read } : { state: 'no_card' };
}

export function wireCardEvents(
  service: CardService,
  reader: CardReaderPort,
  bus: EventBus,
  setReader: (status: ContractReaderStatus) => void,
): () => void {
  let sessionReader: string | null = null;
  // The attendant's "last error": the PC/SC service lost or the reader failing, a reader
  // gone from a running service (not the steps of starting or recovering), or a card it
  // could not read — with the local time; kept after recovery (the last one, not the state).
  let lastError: string | null = null;
  let lastDevice = service.readerStatus().device;
  const noteError = (what: string): void => {
    lastError = `${new Date().toLocaleTimeString('en-GB', { hour12: false })} ${what}`;
  };

  const publishStatus = (status: ReaderStatus) =>
    setReader({
      device: status.device,
      media: status.media,
      name: sessionReader ?? reader.readers()[0]?.name ?? null,
      lastError,
    });

  const off = service.onEvent((e) => {
    if (e.type === 'reader_status') {
      const d = e.status.device;
      if (
        d === 'offline' ||
        d === 'hardware_error' ||
        (d === 'no_device' && lastDevice === 'online')
      )
        noteError(`reader ${d}`);
      lastDevice = e.status.device;
      publishStatus(e.status);
      return;
    }
    const card = e.card;
    if (card.state === 'unreadable') noteError(`card ${card.reason}`);
    if (card.state === 'reading') {
      sessionReader = card.reader;
      const atr = reader.readers().find((r) => r.name === card.reader)?.atr ?? '';
      bus.emit('card.inserted', { reader: card.reader, atr });
    } else if (card.state === 'no_card') {
      if (sessionReader !== null) {
        const gone = sessionReader;
        sessionReader = null;
        bus.emit('card.removed', { reader: gone });
      }
    } else {
      const read = cardRead(card);
      if (read) bus.emit('card.read', read);
    }
    publishStatus(service.readerStatus());
  });
  publishStatus(service.readerStatus());
  return off;
}

type CardCommands = Pick<CommandHandlers, 'card.current' | 'card.pinState' | 'card.verifyPin'>;

const noCard = () =>
  err({ code: 'no_card' as const, message: 'There is no social security card in the reader.' });

const cardFailed = (code: string) =>
  err({
    code: 'card_failed' as const,
    message: `The card could not complete the operation (${code}).`,
    category: failureCategory(code),
  });

export function cardCommands(service: CardService): CardCommands {
  return {
    'card.current': () => ok(cardCurrent(service.current())),
    'card.pinState': async () => {
      const r = await service.pinState();
      if (r.ok) return ok(r.value);
      return r.error.code === 'no_card' ? noCard() : cardFailed(r.error.code);
    },
    // The PIN goes from the parsed request to the card and nowhere else.
    'card.verifyPin': async ({ pin }) => {
      const r = await service.verifyPin(pin);
      if (r.ok) return ok({ verified: true as const });
      const e = r.error;
      switch (e.code) {
        case 'wrong_pin':
          return err({
            code: 'wrong_pin' as const,
            message: `Wrong PIN; ${e.triesLeft} tries left.`,
            triesLeft: e.triesLeft,
          });
        case 'pin_blocked':
          return err({
            code: 'pin_blocked' as const,
            message: 'The PIN is blocked; it can be unblocked at a service counter.',
          });
        case 'no_card':
          return noCard();
        default:
          return cardFailed(e.code);
      }
    },
  };
}
