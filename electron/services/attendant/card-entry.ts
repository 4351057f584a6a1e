import type { CommandError } from '../../contract';
import type { Logger } from '../../log';
import { err, ok, type Result } from '../../result';
import type { CardService, CardState } from '../card-service';
import type { AttendantCardGate } from './attendant-service';
import { matchCard, type AttendantCards } from './card-list';

/** What the entry screen is told about the card in the slot. No number, no name. */
export type CardWaitState =
  'off' | 'no_card' | 'reading' | 'listed' | 'not_listed' | 'not_ssc_card' | 'unreadable';

/**
 * The entry screen renews its wait while it is shown; a renderer that is gone (crashed,
 * disconnected) must not leave the kiosk deaf to citizens' cards for long.
 */
export const CARD_WAIT_MS = 60_000;

export interface CardWaitOptions {
  readonly cards: CardService;
  readonly list: AttendantCards | null;
  readonly log: Logger;
  /** Audits a refused card (not on the list); never with its number. */
  readonly record: (action: string, details: Record<string, string>) => Promise<void>;
  readonly citizenSession: () => boolean;
  readonly now?: () => number;
}

/**
 * The attendant entry screen waiting for an attendant card. A card inserted while it waits is
 * *held*: it starts no citizen session (session.ts asks `armed()` when a card arrives) until it
 * leaves the slot. Once read, its number is checked against the list (hashes only) and then
 * dropped; nothing of it is logged but the outcome.
 */
export class AttendantCardWait {
  private readonly now: () => number;
  private armedUntil = 0;
  private held = false;
  private check: Promise<{ readonly label: string } | null> | null = null;
  private readonly off: () => void;

  constructor(private readonly o: CardWaitOptions) {
    this.now = o.now ?? Date.now;
    this.off = o.cards.onEvent((e) => {
      if (e.type === 'card_state') this.onCard(e.card);
    });
  }

  /** Card entry is configured (a list with at least one card). */
  available(): boolean {
    return (this.o.list?.entries.length ?? 0) > 0;
  }

  /** The entry screen waits for a card now: a card inserted now is held. */
  armed(): boolean {
    return this.available() && this.now() < this.armedUntil;
  }

  /** The card in the slot arrived while waiting (it is not a citizen's). */
  holding(): boolean {
    return this.held;
  }

  arm(): void {
    this.armedUntil = this.now() + CARD_WAIT_MS;
  }

  disarm(): void {
    this.armedUntil = 0;
  }

  close(): void {
    this.off();
  }

  private onCard(card: CardState): void {
    switch (card.state) {
      case 'no_card':
        this.held = false;
        this.check = null;
        return;
      case 'reading':
        this.held = this.armed();
        this.check = null;
        return;
      case 'ssc_card':
        if (this.held && this.o.list)
          this.check = this.lookUp(this.o.list, card.summary.cardNumber);
        return;
      default:
        return;
    }
  }

  private async lookUp(
    list: AttendantCards,
    cardNumber: string,
  ): Promise<{ readonly label: string } | null> {
    try {
      const found = await matchCard(list, cardNumber);
      this.o.log.info({ listed: found !== null }, 'attendant card checked');
      if (!found)
        await this.o.record('attendant.entry_refused', {
          method: 'card',
          why: 'not_attendant_card',
        });
      return found;
    } catch (e) {
      this.o.log.error({ e }, 'attendant card: list check failed');
      return null;
    }
  }

  /** What the entry screen shows about the held card. */
  async state(): Promise<CardWaitState> {
    if (!this.available()) return 'off';
    const card = this.o.cards.current();
    if (!this.held || card.state === 'no_card') return 'no_card';
    switch (card.state) {
      case 'reading':
        return 'reading';
      case 'not_ssc_card':
        return 'not_ssc_card';
      case 'unreadable':
        return 'unreadable';
      case 'ssc_card':
        return (await this.check) ? 'listed' : 'not_listed';
    }
  }

  /** The AttendantService's view of the card: listed or not, and its PIN on the card. */
  gate(): AttendantCardGate {
    return {
      citizenSession: this.o.citizenSession,
      listed: async (): Promise<Result<{ readonly label: string }, CommandError>> => {
        const card = this.o.cards.current();
        if (!this.held || card.state === 'no_card' || card.state === 'reading')
          return err({ code: 'no_card', message: 'Insert the attendant card first.' });
        const found = card.state === 'ssc_card' ? await this.check : null;
        if (!found)
          return err({ code: 'not_attendant_card', message: 'This is not an attendant card.' });
        return ok(found);
      },
      verifyPin: async (pin) => {
        const r = await this.o.cards.verifyPin(pin);
        if (r.ok) return ok(undefined);
        const e = r.error;
        if (e.code === 'wrong_pin') return err({ code: 'wrong_pin', triesLeft: e.triesLeft });
        if (e.code === 'pin_blocked' || e.code === 'no_card') return err({ code: e.code });
        return err({ code: 'card_failed' });
      },
    };
  }
}
