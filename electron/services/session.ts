/**
 * The citizen's session: created when a card is read, destroyed when it leaves, times out or
 * the citizen finishes. It owns the card's disposition (which screen the card leads to), the
 * central card session, the PIN / card-authentication state and the inquiry token. Everything
 * personal lives only here and is dropped at the end; what leaves through `state()` is masked.
 *
 * Card status comes from the central service when it answers, from the local hotlist when it
 * does not — and the state says which (PRODUCT.md item 2).
 */
import type {
  AuthenticateRequest,
  AuthenticatedSession,
  Benefits,
  CardSession,
  CardSessionRequest,
  CardSummary as CentralCardSummary,
  Contributions,
  ExternalAuthRequest,
  ExternalAuthResponse,
  Insurances,
  MedicalAccount,
  MedicalTransactions,
  PensionAccount,
  Person,
  Statement,
  StatementRequest,
} from '../../server/api-types';
import type { CardSummary, ExternalAuthenticator } from '../devices/card/card-summary';
import type { FailureCategory } from '../devices/card/failure-category';
import { maskCardNumber, maskName } from '../domain/mask';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import type { CardService, CardState } from './card-service';

export type CentralFailure =
  /** offline, timeout, circuit open, 5xx, unparsable answer: try later, tell the citizen */
  | { readonly code: 'central_unavailable'; readonly detail: string }
  /** the service answered with one of its error codes (CENTRAL-API.md) */
  | { readonly code: 'central_rejected'; readonly apiCode: string; readonly detail: string };

export interface InquiryAnswers {
  person: Person;
  insurances: Insurances;
  contributions: Contributions;
  medicalAccount: MedicalAccount;
  medicalTransactions: MedicalTransactions;
  pensionAccount: PensionAccount;
  benefits: Benefits;
  card: CentralCardSummary;
}
export type InquiryKind = keyof InquiryAnswers;
export const INQUIRY_KINDS: readonly InquiryKind[] = [
  'person',
  'insurances',
  'contributions',
  'medicalAccount',
  'medicalTransactions',
  'pensionAccount',
  'benefits',
  'card',
];
export interface InquiryQuery {
  readonly fromYear?: number;
  readonly toYear?: number;
}

/** The card-related calls of the central API, as the sync engine's client offers them. */
export interface CentralCardApi {
  openCardSession(req: CardSessionRequest): Promise<Result<CardSession, CentralFailure>>;
  authenticate(
    sessionId: string,
    req: AuthenticateRequest,
  ): Promise<Result<AuthenticatedSession, CentralFailure>>;
  externalAuth(
    sessionId: string,
    req: ExternalAuthRequest,
  ): Promise<Result<ExternalAuthResponse, CentralFailure>>;
  inquiry<K extends InquiryKind>(
    sessionId: string,
    token: string,
    kind: K,
    query: InquiryQuery,
  ): Promise<Result<InquiryAnswers[K], CentralFailure>>;
  /** A verification code for a printout of the authenticated session's data. */
  issueStatement(token: string, req: StatementRequest): Promise<Result<Statement, CentralFailure>>;
}

/** The local invalid list; `null` when none has been loaded yet. */
export interface HotlistLookup {
  has(cardNumber: string): boolean | null;
}

export type CentralCardStatus = CentralCardSummary['status'];

/** Which screen the card leads to. */
export type Disposition = 'normal' | 'sealed' | 'pre_reported_lost' | 'refused' | 'expired';
export type Refusal =
  | 'formally_lost'
  | 'cancelled_after_loss'
  | 'cancelled'
  | 'not_issued'
  | 'hotlisted'
  | 'invalid_card_number'
  | 'not_genuine';

/** What the renderer may see of the card: masked, no personal data but a masked name. */
export interface SessionCard {
  readonly cardNumberMasked: string;
  readonly nameMasked: string | null;
  readonly cardType: string;
  readonly specVersion: string;
  readonly issueDate: string;
  readonly expiryDate: string;
  readonly expired: boolean;
  readonly bank: string | null;
}

export type SessionState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'reading' }
  | { readonly phase: 'not_ssc_card' }
  | { readonly phase: 'unreadable'; readonly category: FailureCategory }
  | {
      readonly phase: 'card';
      readonly card: SessionCard;
      readonly disposition: Disposition;
      readonly refusal: Refusal | null;
      /** where `cardStatus` / the refusal came from */
      readonly statusSource: 'central' | 'hotlist' | 'card';
      readonly cardStatus: CentralCardStatus | null;
      readonly preReportValidUntil: string | null;
      readonly replacement: CentralCardSummary['replacement'];
      readonly pinVerified: boolean;
      /** PIN verified and the card proved genuine to the central service: inquiry allowed */
      readonly authenticated: boolean;
    };

export type SessionEndReason = 'card_removed' | 'timeout' | 'finished';

export type SessionEvent =
  | { readonly type: 'state'; readonly state: SessionState }
  | { readonly type: 'ended'; readonly reason: SessionEndReason; readonly cardInSlot: boolean };

export type VerifyPinFailure =
  | { readonly code: 'wrong_pin'; readonly triesLeft: number }
  | { readonly code: 'pin_blocked' }
  | { readonly code: 'pin_format' }
  | { readonly code: 'no_card' }
  | { readonly code: 'card_failed'; readonly category: FailureCategory }
  | { readonly code: 'not_genuine' };

export type InquiryFailure =
  { readonly code: 'no_card' } | { readonly code: 'not_authenticated' } | CentralFailure;

export interface SessionServiceOptions {
  readonly cards: CardService;
  /**
   * The central service's card calls, once the sync engine has started; null while there is
   * none (not configured, not enrolled yet): the hotlist decides, inquiry is unavailable.
   */
  readonly central?: () => CentralCardApi | null;
  readonly hotlist?: () => HotlistLookup | null;
  readonly logger: Logger;
  /**
   * a session with no command for this long ends (the renderer's countdown comes first); a
   * function when the idle timeout can change while the kiosk runs (attendant, bureau)
   */
  readonly idleTimeoutMs: number | (() => number);
  readonly failureCategory: (code: string) => FailureCategory;
  /**
   * True while the attendant entry screen waits for an attendant card: a card arriving then is
   * held — no citizen session, no central card session — until it leaves the slot.
   */
  readonly holdCard?: () => boolean;
}

interface Live {
  readonly summary: CardSummary;
  readonly atr: string;
  central: {
    cardIdentificationCode: string;
    sessionId: string;
    challenge: string;
    card: CentralCardSummary;
  } | null;
  token: string | null;
  state: Extract<SessionState, { phase: 'card' }>;
}

const REFUSED: Partial<Record<CentralCardStatus, Refusal>> = {
  formally_lost: 'formally_lost',
  cancelled_after_loss: 'cancelled_after_loss',
  cancelled: 'cancelled',
  number_assigned: 'not_issued',
  in_production: 'not_issued',
};

/**
 * The central service's refusals of a card session that are about the card itself: the card
 * is not one the bureau issued (unknown number), or its identification code / algorithm are
 * not the issued ones (EF05 copied onto another chip). The centre answered: the card is
 * refused, not treated as "centre unreachable" (other refusals, e.g. of the kiosk, still are).
 */
const CARD_REJECTIONS: Partial<Record<string, Refusal>> = {
  card_not_found: 'not_issued',
  card_mismatch: 'not_genuine',
};

export function dispositionOf(
  summary: Pick<CardSummary, 'cardNumberValid' | 'expired'>,
  status: CentralCardStatus | null,
  hotlisted: boolean | null,
): { disposition: Disposition; refusal: Refusal | null } {
  if (!summary.cardNumberValid) return { disposition: 'refused', refusal: 'invalid_card_number' };
  if (status) {
    const refusal = REFUSED[status];
    if (refusal) return { disposition: 'refused', refusal };
    if (status === 'sealed') return { disposition: 'sealed', refusal: null };
    if (status === 'pre_reported_lost') return { disposition: 'pre_reported_lost', refusal: null };
  } else if (hotlisted) return { disposition: 'refused', refusal: 'hotlisted' };
  if (summary.expired) return { disposition: 'expired', refusal: null };
  return { disposition: 'normal', refusal: null };
}

const toApiVersion = (v: string): CardSessionRequest['specVersion'] | null =>
  v === '1.00' || v === '2.00' || v === '2.01' || v === '3.00' ? v : null;

export class SessionService {
  private readonly listeners = new Set<(e: SessionEvent) => void>();
  private readonly log: Logger;
  private current: SessionState = { phase: 'idle' };
  private live: Live | null = null;
  /** opened during the card read of a 3.00 card (EXTERNAL AUTHENTICATE), reused afterwards */
  private pendingCentral: Live['central'] = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private generation = 0;
  private lastAtr = '';
  /** The card in the slot is the attendant's (see `holdCard`): ignored until it leaves. */
  private held = false;

  private central(): CentralCardApi | null {
    return this.options.central?.() ?? null;
  }

  constructor(private readonly options: SessionServiceOptions) {
    this.log = options.logger.child({ component: 'session' });
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.options.cards.onEvent((e) => {
      if (e.type === 'card_state') void this.onCard(e.card);
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.wipe();
  }

  onEvent(listener: (e: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  state(): SessionState {
    return this.current;
  }

  /** Remembers the ATR of the card being read (the central session request carries it). */
  noteAtr(atr: string): void {
    this.lastAtr = atr;
  }

  /**
   * For the card service: EXTERNAL AUTHENTICATE of a 3.00 card needs the central service's
   * cryptogram, which needs a central card session — opened here and kept for the session.
   */
  readonly externalAuthenticator: ExternalAuthenticator = async (req) => {
    if (this.held) return err({ code: 'central_unavailable', detail: 'attendant card' });
    const central = this.central();
    if (!central) return err({ code: 'central_unavailable', detail: 'no central service' });
    const opened = await this.openCentral(req);
    if (!opened.ok) return opened;
    this.pendingCentral = opened.value;
    const r = await central.externalAuth(opened.value.sessionId, {
      cardChallenge: req.challenge.toString('hex').toUpperCase(),
    });
    if (!r.ok) return err({ code: r.error.code, detail: r.error.detail });
    return ok(Buffer.from(r.value.cryptogram, 'hex'));
  };

  private async openCentral(card: {
    readonly cardIdentificationCode: string;
    readonly cardNumber: string;
    readonly specVersion: string;
    readonly algorithm: CardSummary['algorithm'];
  }): Promise<Result<NonNullable<Live['central']>, CentralFailure>> {
    const central = this.central();
    const version = toApiVersion(card.specVersion);
    if (!central || !version)
      return err({ code: 'central_unavailable', detail: 'no central card session possible' });
    const r = await central.openCardSession({
      cardIdentificationCode: card.cardIdentificationCode.toUpperCase(),
      cardNumber: card.cardNumber,
      atr: this.lastAtr || '3B00',
      specVersion: version,
      algorithm: card.algorithm === 'SM4' ? 'sm4' : '3des',
    });
    if (!r.ok) return r;
    return ok({
      cardIdentificationCode: card.cardIdentificationCode.toUpperCase(),
      sessionId: r.value.sessionId,
      challenge: r.value.challenge,
      card: r.value.card,
    });
  }

  private emit(e: SessionEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  private setState(next: SessionState): void {
    this.current = next;
    this.emit({ type: 'state', state: next });
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.current.phase === 'idle') return;
    const { idleTimeoutMs } = this.options;
    const ms = typeof idleTimeoutMs === 'number' ? idleTimeoutMs : idleTimeoutMs();
    this.idleTimer = setTimeout(() => this.end('timeout'), ms);
    this.idleTimer.unref();
  }

  private async onCard(card: CardState): Promise<void> {
    const generation = ++this.generation;
    if (card.state === 'reading') this.held = this.options.holdCard?.() ?? false;
    if (this.held) {
      if (card.state === 'no_card') this.held = false;
      return;
    }
    switch (card.state) {
      case 'no_card':
        if (this.current.phase !== 'idle') this.finish('card_removed', false);
        return;
      case 'reading':
        this.wipe();
        this.pendingCentral = null;
        this.setState({ phase: 'reading' });
        this.touch();
        return;
      case 'not_ssc_card':
        this.wipe();
        this.setState({ phase: 'not_ssc_card' });
        this.touch();
        return;
      case 'unreadable':
        this.wipe();
        this.setState({ phase: 'unreadable', category: card.category });
        this.touch();
        return;
      case 'ssc_card':
        await this.begin(card.summary, generation);
        return;
    }
  }

  private async begin(summary: CardSummary, generation: number): Promise<void> {
    let central = this.pendingCentral;
    this.pendingCentral = null;
    if (central && central.cardIdentificationCode !== summary.cardIdentificationCode.toUpperCase())
      central = null;
    let statusSource: 'central' | 'hotlist' | 'card' = 'card';
    /** the central service answered that it does not know this card as issued */
    let unknownToCentral: Refusal | null = null;
    if (!central && this.central()) {
      const r = await this.openCentral(summary);
      if (generation !== this.generation) return; // the card left meanwhile
      if (r.ok) central = r.value;
      else {
        this.log.warn({ code: r.error.code }, 'central card session not opened');
        if (r.error.code === 'central_rejected')
          unknownToCentral = CARD_REJECTIONS[r.error.apiCode] ?? null;
      }
    }
    let hotlisted: boolean | null = null;
    if (central || unknownToCentral) statusSource = 'central';
    else {
      hotlisted = this.options.hotlist?.()?.has(summary.cardNumber) ?? null;
      if (hotlisted !== null) statusSource = 'hotlist';
    }
    const status = central?.card.status ?? null;
    const { disposition, refusal } = unknownToCentral
      ? { disposition: 'refused' as const, refusal: unknownToCentral }
      : dispositionOf(summary, status, hotlisted);
    const state: Live['state'] = {
      phase: 'card',
      card: {
        cardNumberMasked: maskCardNumber(summary.cardNumber),
        nameMasked: summary.personal ? maskName(summary.personal.name) : null,
        cardType: summary.cardType,
        specVersion: summary.specVersion,
        issueDate: summary.issueDate,
        expiryDate: summary.expiryDate,
        expired: summary.expired,
        bank: central?.card.bank ?? null,
      },
      disposition,
      refusal,
      statusSource,
      cardStatus: status,
      preReportValidUntil: central?.card.preReportValidUntil ?? null,
      replacement: central?.card.replacement ?? null,
      pinVerified: false,
      authenticated: false,
    };
    this.live = { summary, atr: this.lastAtr, central, token: null, state };
    this.log.info({ disposition, refusal, statusSource }, 'card session begins');
    this.setState(state);
    this.touch();
  }

  private update(patch: Partial<Live['state']>): void {
    if (!this.live) return;
    this.live.state = { ...this.live.state, ...patch };
    this.setState(this.live.state);
  }

  /**
   * The PIN goes to the card and nowhere else; then the card proves itself to the central
   * service (INTERNAL AUTHENTICATE on the service's challenge) and the session gets its token.
   * With the central service down the PIN is still verified: the state says not authenticated.
   */
  async verifyPin(pin: string): Promise<Result<{ authenticated: boolean }, VerifyPinFailure>> {
    this.touch();
    const live = this.live;
    if (!live) return err({ code: 'no_card' });
    const generation = this.generation;
    const r = await this.options.cards.verifyPin(pin);
    if (generation !== this.generation) return err({ code: 'no_card' });
    if (!r.ok) {
      const e = r.error;
      if (e.code === 'wrong_pin') return err({ code: 'wrong_pin', triesLeft: e.triesLeft });
      if (e.code === 'pin_blocked' || e.code === 'pin_format' || e.code === 'no_card')
        return err({ code: e.code });
      return err({ code: 'card_failed', category: this.options.failureCategory(e.code) });
    }
    this.update({ pinVerified: true });
    return ok({ authenticated: await this.authenticate(live, generation) });
  }

  private async authenticate(live: Live, generation: number): Promise<boolean> {
    const central = this.central();
    if (!central || !live.central) return false;
    const challenge = Buffer.from(live.central.challenge, 'hex');
    const answer = await this.options.cards.internalAuthenticate(challenge);
    if (generation !== this.generation || !answer.ok) return false;
    const r = await central.authenticate(live.central.sessionId, {
      cardCryptogram: answer.value.toString('hex').toUpperCase(),
      pinVerified: true,
    });
    if (generation !== this.generation) return false;
    if (r.ok) {
      live.token = r.value.token;
      this.update({ authenticated: true });
      return true;
    }
    if (r.error.code === 'central_rejected') {
      // The service refused the card's cryptogram: not a genuine card. Refuse and report.
      this.log.warn(
        { apiCode: r.error.apiCode },
        'card authentication refused by the central service',
      );
      this.update({ disposition: 'refused', refusal: 'not_genuine' });
    }
    return false;
  }

  async inquiry<K extends InquiryKind>(
    kind: K,
    query: InquiryQuery = {},
  ): Promise<Result<InquiryAnswers[K], InquiryFailure>> {
    this.touch();
    const live = this.live;
    if (!live) return err({ code: 'no_card' });
    const central = this.central();
    if (!central || !live.central)
      return err({ code: 'central_unavailable', detail: 'no central card session' });
    if (!live.token) return err({ code: 'not_authenticated' });
    const generation = this.generation;
    const r = await central.inquiry(live.central.sessionId, live.token, kind, query);
    if (generation !== this.generation) return err({ code: 'no_card' });
    return r;
  }

  /** Asks the central service for a statement's verification code (printing, statement-print.ts). */
  async issueStatement(req: StatementRequest): Promise<Result<Statement, InquiryFailure>> {
    this.touch();
    const live = this.live;
    if (!live) return err({ code: 'no_card' });
    const central = this.central();
    if (!central || !live.central)
      return err({ code: 'central_unavailable', detail: 'no central card session' });
    if (!live.token) return err({ code: 'not_authenticated' });
    const generation = this.generation;
    const r = await central.issueStatement(live.token, req);
    if (generation !== this.generation) return err({ code: 'no_card' });
    return r;
  }

  /**
   * The renderer saw the citizen (a touch, "I need more time"): the idle backstop starts
   * again. Without this a citizen reading one page and asking for more time twice was cut off
   * by the main side while the screen said they had time.
   */
  keepAlive(): void {
    this.touch();
  }

  /**
   * For the PIN operations (services/pin-change.ts): the card in session, unmasked, with its
   * disposition; null without one. `generation` changes when the card leaves.
   */
  cardInSession(): {
    readonly summary: CardSummary;
    readonly disposition: Disposition;
    readonly bank: string | null;
    readonly generation: number;
  } | null {
    const live = this.live;
    if (!live) return null;
    this.touch();
    return {
      summary: live.summary,
      disposition: live.state.disposition,
      bank: live.state.card.bank,
      generation: this.generation,
    };
  }

  /** The sealed card's PIN was changed here: it now serves as an active card. */
  noteActivated(confirmed: boolean): void {
    const state = this.live?.state;
    if (!state) return;
    if (state.disposition === 'sealed')
      this.update({ disposition: 'normal', ...(confirmed ? { cardStatus: 'active' } : {}) });
    else if (confirmed && state.cardStatus === 'sealed') this.update({ cardStatus: 'active' });
  }

  /**
   * For the use cases acting on the authenticated card (cancel a pre-report, ...): the central
   * card session, its token and the card's own data. Null unless PIN + card authentication
   * succeeded in this session.
   */
  authenticatedCard(): {
    readonly sessionId: string;
    readonly token: string;
    readonly cardNumber: string;
    readonly holder: { readonly name: string; readonly idNumber: string } | null;
    readonly card: CentralCardSummary;
  } | null {
    const live = this.live;
    if (!live?.central || !live.token) return null;
    this.touch();
    const p = live.summary.personal;
    return {
      sessionId: live.central.sessionId,
      token: live.token,
      cardNumber: live.summary.cardNumber,
      holder: p ? { name: p.name, idNumber: p.idNumber } : null,
      card: live.central.card,
    };
  }

  /** An action changed the card's status centrally: the screens follow the new status. */
  applyCentralCard(card: CentralCardSummary): void {
    const live = this.live;
    if (!live?.central) return;
    live.central.card = card;
    const { disposition, refusal } = dispositionOf(live.summary, card.status, null);
    this.update({
      disposition,
      refusal,
      cardStatus: card.status,
      preReportValidUntil: card.preReportValidUntil,
      replacement: card.replacement,
    });
  }

  /** The citizen pressed "finish": the session ends; the card is still in the slot. */
  finishByCitizen(): void {
    if (this.current.phase !== 'idle') this.finish('finished', true);
  }

  private end(reason: SessionEndReason): void {
    if (this.current.phase === 'idle') return;
    this.finish(reason, this.options.cards.current().state !== 'no_card');
  }

  private finish(reason: SessionEndReason, cardInSlot: boolean): void {
    this.log.info({ reason, cardInSlot }, 'session ends');
    this.wipe();
    this.generation++;
    this.setState({ phase: 'idle' });
    this.emit({ type: 'ended', reason, cardInSlot });
  }

  private wipe(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.live) {
      this.live.token = null;
      this.live.central = null;
    }
    this.live = null;
  }
}
