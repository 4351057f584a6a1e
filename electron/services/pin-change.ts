/**
 * Activation of a sealed card and change PIN of an active card (PRODUCT.md items 6–7).
 *
 * Order of things, and why:
 * 1. the current PIN goes to the card (VERIFY): the card decides, tries left come from it;
 * 2. the new PIN is checked against the PIN policy here, before anything touches the card;
 * 3. CHANGE PIN on the card; its answer says whether the PIN changed (yes / no / unknown when
 *    the card left while the command was on its way);
 * 4. only after a changed PIN the operation (`activation` / `pin_changed`, card number only) is
 *    recorded durably in the outbox — this does not need the card, so a card pulled right after
 *    CHANGE PIN still gets its record — and delivery is kicked;
 * 5. `confirm` waits a bounded time for the central service's answer, prints the receipt and
 *    says honestly "confirmed" or "pending, delivered automatically".
 *
 * PINs are parameters only: never logged, stored, put in a record, kept in a field. When the
 * card left during CHANGE PIN, the card is remembered (in the kiosk store as a keyed reference,
 * store/pin-recheck.ts, so a restart does not forget it; in memory, hashed, as well) so that on
 * re-insertion the citizen is asked for the new PIN (or, when unsure, the previous one) and the
 * card settles whether it changed. A refused PIN settles nothing (it may just be mistyped).
 */
import { DailyCounters } from './daily-counters';
import { createHash } from 'node:crypto';
import type { SyncEngine } from '../central/sync-engine';
import type { FailureCategory } from '../devices/card/failure-category';
import type { PrinterService } from '../devices/printer';
import { pinReceipt, type PinReceiptStatus } from '../devices/printer/pin-receipts';
import { maskCardNumber } from '../domain/mask';
import {
  checkNewPin,
  withForbidden,
  type PinPolicy,
  type PinPolicyReason,
} from '../domain/pin-policy';
import type { Language } from '../contract';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import type { AuditLog } from '../store/audit-log';
import type { CardService } from './card-service';
import type { SessionService } from './session';
import { printReceiptBounded, type ReceiptFailure, type ReceiptPrint } from './receipt-print';

export type PinPurpose = 'activation' | 'change';
export type PinChanged = 'yes' | 'no' | 'unknown';
export type Delivery = 'confirmed' | 'pending' | 'rejected';
/** Which PIN the citizen enters at the re-check: the one just chosen, or the previous one. */
export type RecheckWhich = 'new' | 'old';

export type PinOpFailure =
  | { readonly code: 'no_card' }
  | { readonly code: 'not_allowed' }
  | { readonly code: 'wrong_pin'; readonly triesLeft: number }
  | { readonly code: 'pin_blocked' }
  | { readonly code: 'pin_format' }
  | { readonly code: 'policy'; readonly reason: PinPolicyReason }
  | { readonly code: 'card_failed'; readonly category: FailureCategory }
  /** no outbox (central sync not running): the PIN is not changed, nothing is promised */
  | { readonly code: 'not_available' };

/** What the service needs of the sync engine: the outbox and delivery news. */
export type PinEngine = Pick<SyncEngine, 'record' | 'deliveryState' | 'onEvent'> & {
  readonly delivery: { kick(): void };
};

export interface ChangeOutcome {
  readonly pinChanged: PinChanged;
  /** set when the PIN changed and the operation is recorded: quote it, confirm with it */
  readonly reference: string | null;
  /** the card was no longer in the slot when the answer came */
  readonly cardRemoved: boolean;
  readonly bank: string | null;
}

/** `printing`: the receipt was handed to the printer service but had not finished in time. */
export type ReceiptState = 'printed' | 'printing' | 'failed' | 'none';

export interface ConfirmOutcome {
  readonly delivery: Delivery;
  readonly receipt: ReceiptState;
  /** why the receipt did not print (`failed` only) */
  readonly receiptReason: ReceiptFailure | null;
}

export interface PinChangeOptions {
  readonly session: SessionService;
  readonly cards: CardService;
  readonly engine: () => PinEngine | null;
  readonly audit: () => Pick<AuditLog, 'append'> | null;
  readonly printer: () => Pick<PrinterService, 'print'> | null;
  readonly printContext: () => { kioskId: string; siteName: string; language: Language };
  readonly policy: PinPolicy;
  /** The central configuration's PIN policy once known: its `forbidden` list is applied too. */
  readonly centralPolicy?: () => { readonly forbidden: readonly string[] } | null;
  readonly logger: Logger;
  readonly failureCategory: (code: string) => FailureCategory;
  /** How long `confirm` waits for the central service before saying "pending". */
  readonly confirmWaitMs?: number;
  /** How long `confirm` waits for the receipt to be handed to the printer. */
  readonly printWaitMs?: number;
  readonly now?: () => Date;
  /** Today's counters (services/daily-counters.ts); the service keeps its own when not given. */
  readonly counters?: DailyCounters;
  /** The durable re-check list (the kiosk store's); memory only while there is none. */
  readonly recheckList?: () => RecheckList | null;
}

/** Cards whose CHANGE PIN answer was lost, kept across restarts (store/pin-recheck.ts). */
export interface RecheckList {
  purposeOf(cardNumber: string): PinPurpose | null;
  add(cardNumber: string, purpose: PinPurpose): Promise<Result<void, { readonly kind: string }>>;
  remove(cardNumber: string): Promise<Result<void, { readonly kind: string }>>;
}

interface Recorded {
  readonly key: string;
  readonly operation: 'activation' | 'pin_change';
  readonly cardNumber: string;
  readonly holder: { readonly name: string; readonly idNumber: string } | null;
  readonly bank: string | null;
  readonly at: Date;
  readonly timer: NodeJS.Timeout;
}

/** A reference the citizen can read out: from the outbox key (the idempotency key). */
export const referenceOf = (key: string, purpose: PinPurpose): string =>
  `${purpose === 'activation' ? 'JH' : 'MM'}${key.replace(/-/g, '').slice(0, 12).toUpperCase()}`;

const cardTag = (cardNumber: string): string =>
  createHash('sha256').update(`ssc-pin-recheck|${cardNumber}`).digest('hex');

/** Records kept for `confirm` (receipt data) are dropped after this long regardless. */
const RECORD_TTL_MS = 10 * 60_000;

export class PinChangeService {
  private readonly log: Logger;
  private readonly recorded = new Map<string, Recorded>();
  /** cards whose CHANGE PIN answer was lost: tag → purpose */
  private readonly unsure = new Map<string, PinPurpose>();
  private readonly counts: DailyCounters;

  constructor(private readonly options: PinChangeOptions) {
    this.log = options.logger.child({ component: 'pin-change' });
    this.counts = options.counters ?? new DailyCounters(options.now);
  }

  /** Today's counts per operation and outcome, for the attendant and the heartbeat. */
  counters(): Record<string, number> {
    return this.counts.today();
  }

  private count(name: string): void {
    this.counts.add(name);
  }

  private audit(action: string, details: Record<string, string | number | boolean | null>): void {
    const audit = this.options.audit();
    if (!audit) return;
    void audit.append('citizen', action, details).then((r) => {
      if (!r.ok) this.log.error({ kind: r.error.kind }, 'audit entry not written');
    });
  }

  private allowed(
    purpose: PinPurpose,
  ): Result<NonNullable<ReturnType<SessionService['cardInSession']>>, PinOpFailure> {
    const card = this.options.session.cardInSession();
    if (!card) return err({ code: 'no_card' });
    const ok_ =
      purpose === 'activation' ? card.disposition === 'sealed' : card.disposition === 'normal';
    if (!ok_) return err({ code: 'not_allowed' });
    return ok(card);
  }

  /** Whether the card in session left during an earlier CHANGE PIN: ask for the new PIN. */
  recheckNeeded(): PinPurpose | null {
    const card = this.options.session.cardInSession();
    if (!card) return null;
    return this.unsureOf(card.summary.cardNumber);
  }

  private unsureOf(cardNumber: string): PinPurpose | null {
    return (
      this.unsure.get(cardTag(cardNumber)) ??
      this.options.recheckList?.()?.purposeOf(cardNumber) ??
      null
    );
  }

  /** Remembered in memory at once, and on disk (awaited) so a restart still re-checks. */
  private async markUnsure(cardNumber: string, purpose: PinPurpose): Promise<void> {
    this.unsure.set(cardTag(cardNumber), purpose);
    const list = this.options.recheckList?.();
    if (!list) {
      this.log.warn('re-check list not available: kept in memory only');
      return;
    }
    const r = await list.add(cardNumber, purpose);
    if (!r.ok) this.log.error({ kind: r.error.kind }, 're-check entry not stored; memory only');
  }

  private async settled(cardNumber: string): Promise<void> {
    this.unsure.delete(cardTag(cardNumber));
    const r = await this.options.recheckList?.()?.remove(cardNumber);
    if (r && !r.ok) this.log.error({ kind: r.error.kind }, 're-check entry not removed');
  }

  /** The PIN policy, with the birth date on the card; nothing touches the card. */
  checkNew(currentPin: string, newPin: string): Result<void, PinOpFailure> {
    const card = this.options.session.cardInSession();
    if (!card) return err({ code: 'no_card' });
    const r = checkNewPin(
      newPin,
      { currentPin, birthDate: card.summary.personal?.birthDate ?? null },
      withForbidden(this.options.policy, this.options.centralPolicy?.()?.forbidden),
    );
    return r.ok ? ok(undefined) : err({ code: 'policy', reason: r.error });
  }

  /** The current (initial) PIN to the card: the card decides. */
  async verifyCurrent(purpose: PinPurpose, pin: string): Promise<Result<void, PinOpFailure>> {
    const card = this.allowed(purpose);
    if (!card.ok) return card;
    const r = await this.options.cards.verifyPin(pin);
    if (r.ok) return ok(undefined);
    const e = r.error;
    if (e.code === 'wrong_pin') {
      this.count(`${purpose}_wrong_pin`);
      return err({ code: 'wrong_pin', triesLeft: e.triesLeft });
    }
    if (e.code === 'pin_blocked' || e.code === 'pin_format' || e.code === 'no_card')
      return err({ code: e.code });
    return err({ code: 'card_failed', category: this.options.failureCategory(e.code) });
  }

  async change(
    purpose: PinPurpose,
    currentPin: string,
    newPin: string,
  ): Promise<Result<ChangeOutcome, PinOpFailure>> {
    const card = this.allowed(purpose);
    if (!card.ok) return card;
    const policy = this.checkNew(currentPin, newPin);
    if (!policy.ok) {
      this.count(`${purpose}_policy_refused`);
      return policy;
    }
    // Without an outbox the change could not be recorded: do not touch the card.
    if (!this.options.engine()) return err({ code: 'not_available' });
    const { summary, bank } = card.value;
    const masked = maskCardNumber(summary.cardNumber);
    const r = await this.options.cards.changePin(currentPin, newPin);
    const cardRemoved = this.options.session.cardInSession()?.generation !== card.value.generation;
    if (!r.ok) {
      const e = r.error;
      const changedOnCard: PinChanged = e.pinChanged === 'unknown' ? 'unknown' : 'no';
      this.count(`${purpose}_${changedOnCard === 'unknown' ? 'unknown' : 'failed'}`);
      this.audit(purpose === 'activation' ? 'activation' : 'pin_change', {
        card: masked,
        outcome: e.code,
        changedOnCard,
      });
      if (e.pinChanged === 'unknown') {
        await this.markUnsure(summary.cardNumber, purpose);
        return ok({ pinChanged: 'unknown', reference: null, cardRemoved: true, bank });
      }
      if (e.code === 'wrong_pin') return err({ code: 'wrong_pin', triesLeft: e.triesLeft });
      if (e.code === 'pin_blocked' || e.code === 'pin_format' || e.code === 'no_card')
        return err({ code: e.code });
      return err({ code: 'card_failed', category: this.options.failureCategory(e.code) });
    }
    return this.changed(purpose, summary, bank, cardRemoved);
  }

  /**
   * The card came back after a lost CHANGE PIN answer: VERIFY settles whether the PIN changed.
   * `new` accepted → it changed (the operation is recorded now); `old` accepted → it did not.
   * A refused PIN settles nothing: a mistyped new PIN looks exactly like an unchanged card, so
   * the entry stays and the citizen may try again (or with the previous PIN). A blocked PIN
   * leaves the entry as well: the counter sorts it out.
   */
  async recheck(
    which: RecheckWhich,
    pin: string,
  ): Promise<Result<ChangeOutcome & { readonly purpose: PinPurpose }, PinOpFailure>> {
    const card = this.options.session.cardInSession();
    if (!card) return err({ code: 'no_card' });
    const cardNumber = card.summary.cardNumber;
    const purpose = this.unsureOf(cardNumber);
    if (!purpose) return err({ code: 'not_allowed' });
    const r = await this.options.cards.verifyPin(pin);
    if (!r.ok) {
      const e = r.error;
      if (e.code === 'wrong_pin') {
        this.count(`${purpose}_recheck_wrong_${which}`);
        return err({ code: 'wrong_pin', triesLeft: e.triesLeft });
      }
      if (e.code === 'pin_blocked') {
        this.count(`${purpose}_recheck_blocked`);
        this.audit(purpose === 'activation' ? 'activation' : 'pin_change', {
          card: maskCardNumber(cardNumber),
          outcome: 'recheck_blocked',
          changedOnCard: 'unknown',
        });
      }
      if (e.code === 'pin_blocked' || e.code === 'pin_format' || e.code === 'no_card')
        return err({ code: e.code });
      return err({ code: 'card_failed', category: this.options.failureCategory(e.code) });
    }
    await this.settled(cardNumber);
    if (which === 'old') {
      // The previous PIN still opens the card: CHANGE PIN did not act.
      this.count(`${purpose}_recheck_not_changed`);
      this.audit(purpose === 'activation' ? 'activation' : 'pin_change', {
        card: maskCardNumber(cardNumber),
        outcome: 'recheck_not_changed',
        changedOnCard: 'no',
      });
      return ok({
        purpose,
        pinChanged: 'no',
        reference: null,
        cardRemoved: false,
        bank: card.bank,
      });
    }
    if (purpose === 'activation' && card.disposition !== 'sealed') {
      // Activated meanwhile (another kiosk, the counter): nothing more to record.
      return ok({
        purpose,
        pinChanged: 'yes',
        reference: null,
        cardRemoved: false,
        bank: card.bank,
      });
    }
    const done = await this.changed(purpose, card.summary, card.bank, false);
    return done.ok ? ok({ ...done.value, purpose }) : done;
  }

  private async changed(
    purpose: PinPurpose,
    summary: NonNullable<ReturnType<SessionService['cardInSession']>>['summary'],
    bank: string | null,
    cardRemoved: boolean,
  ): Promise<Result<ChangeOutcome, PinOpFailure>> {
    const engine = this.options.engine();
    const masked = maskCardNumber(summary.cardNumber);
    const kind = purpose === 'activation' ? 'activation' : 'pin_changed';
    const at = (this.options.now ?? (() => new Date()))();
    const recorded = engine
      ? await engine.record(
          kind,
          { cardNumber: summary.cardNumber, occurredAt: at.toISOString() },
          { card: masked },
        )
      : null;
    const operation = purpose === 'activation' ? 'activation' : 'pin_change';
    if (!recorded?.ok) {
      // The PIN changed but the record did not reach the disk: say the PIN changed, and that
      // the counter must complete the rest. Never "done".
      this.log.error({ operation }, 'PIN changed but the operation was not recorded');
      this.count(`${purpose}_not_recorded`);
      this.audit(operation, { card: masked, outcome: 'not_recorded', changedOnCard: 'yes' });
      return ok({ pinChanged: 'yes', reference: null, cardRemoved, bank });
    }
    const key = recorded.value.key;
    const reference = referenceOf(key, purpose);
    const timer = setTimeout(() => this.recorded.delete(reference), RECORD_TTL_MS);
    timer.unref();
    this.recorded.set(reference, {
      key,
      operation,
      cardNumber: summary.cardNumber,
      holder: summary.personal
        ? { name: summary.personal.name, idNumber: summary.personal.idNumber }
        : null,
      bank,
      at,
      timer,
    });
    if (purpose === 'activation') this.options.session.noteActivated(false);
    this.audit(operation, { card: masked, outcome: 'recorded', changedOnCard: 'yes', reference });
    this.log.info({ operation, reference }, 'PIN changed; operation recorded');
    return ok({ pinChanged: 'yes', reference, cardRemoved, bank });
  }

  /**
   * Waits (bounded) for the central service's answer to the recorded operation, then prints
   * the receipt saying what is true. The receipt data is dropped afterwards.
   */
  async confirm(reference: string): Promise<Result<ConfirmOutcome, PinOpFailure>> {
    const rec = this.recorded.get(reference);
    if (!rec) return err({ code: 'not_allowed' });
    const delivery = await this.awaitDelivery(rec.key);
    const purpose: PinPurpose = rec.operation === 'activation' ? 'activation' : 'change';
    this.count(`${purpose}_${delivery}`);
    this.audit(rec.operation, {
      card: maskCardNumber(rec.cardNumber),
      outcome: delivery,
      reference,
    });
    if (purpose === 'activation' && delivery === 'confirmed')
      this.options.session.noteActivated(true);
    const printed: ReceiptPrint | null =
      delivery === 'rejected' ? null : await this.print(rec, reference, delivery);
    clearTimeout(rec.timer);
    this.recorded.delete(reference);
    return ok({
      delivery,
      receipt: printed?.receipt ?? 'none',
      receiptReason: printed?.reason ?? null,
    });
  }

  /** Prints the receipt; the screen waits for it a bounded time only (a slow first render). */
  private async print(
    rec: Recorded,
    reference: string,
    status: PinReceiptStatus,
  ): Promise<ReceiptPrint | null> {
    const printer = this.options.printer();
    if (!printer) return null;
    const ctx = this.options.printContext();
    const doc = pinReceipt(
      { ...ctx, now: (this.options.now ?? (() => new Date()))() },
      {
        operation: rec.operation,
        status,
        holder: rec.holder,
        cardNumber: rec.cardNumber,
        at: rec.at,
        reference,
        bank: rec.bank,
      },
    );
    return printReceiptBounded(printer, doc, { log: this.log, waitMs: this.options.printWaitMs });
  }

  private awaitDelivery(key: string): Promise<Delivery> {
    const engine = this.options.engine();
    if (!engine) return Promise.resolve('pending');
    const settled = (): Delivery | null => {
      const s = engine.deliveryState(key)?.state;
      return s === 'acknowledged' ? 'confirmed' : s === 'rejected' ? 'rejected' : null;
    };
    const now = settled();
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      let done = false;
      const finish = (d: Delivery): void => {
        if (done) return;
        done = true;
        off();
        clearTimeout(timer);
        resolve(d);
      };
      const off = engine.onEvent((e) => {
        if (e.type === 'operation_delivered' && e.key === key) finish('confirmed');
        else if (e.type === 'operation_rejected' && e.key === key) finish('rejected');
      });
      const timer = setTimeout(
        () => finish(settled() ?? 'pending'),
        this.options.confirmWaitMs ?? 6_000,
      );
      engine.delivery.kick();
    });
  }
}
