/**
 * Cancelling a pre-report (解挂, PRODUCT.md item 9) with the card in hand + PIN. It restores
 * settlement, so it is confirmed online only: the central service decides (no replacement
 * applied for, the card really pre-reported) and the kiosk says "cancelled" only on its answer.
 * The call carries an idempotency key kept for the session, so "try again" after a lost answer
 * cannot cancel twice or contradict the first answer.
 */
import { randomUUID } from 'node:crypto';
import type { CardSummary as CentralCardSummary } from '../../server/api-types';
import { maskCardNumber } from '../domain/mask';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import { kioskReference, type LossAudit, type LossCentralApi } from './loss-report';
import type { CentralFailure } from './session';

export interface AuthenticatedCard {
  readonly sessionId: string;
  readonly token: string;
  readonly cardNumber: string;
  readonly holder: { readonly name: string; readonly idNumber: string } | null;
  readonly card: CentralCardSummary;
}

export type CancelFailure =
  | { readonly code: 'not_authenticated' }
  | { readonly code: 'not_pre_reported' }
  | { readonly code: 'replacement_in_progress' }
  /** the central service refused for another reason (formally lost, status changed …) */
  | { readonly code: 'not_allowed'; readonly apiCode: string }
  | CentralFailure;

export interface CancelOutcome {
  readonly reference: string;
  readonly cardNumberMasked: string;
  readonly cancelledAt: string;
}

export class CancelLossService {
  private readonly log: Logger;
  /** One key per card session: a retry repeats the same request. */
  private pending: { sessionId: string; key: string; at: Date } | null = null;
  private last: { sessionId: string; outcome: CancelOutcome } | null = null;

  constructor(
    private readonly deps: {
      readonly session: {
        authenticatedCard(): AuthenticatedCard | null;
        applyCentralCard(card: CentralCardSummary): void;
      };
      readonly central: () => LossCentralApi | null;
      readonly refreshHotlist: () => Promise<Result<number, string>> | null;
      readonly audit: LossAudit;
      readonly logger: Logger;
      readonly now?: () => number;
    },
  ) {
    this.log = deps.logger.child({ component: 'cancel-loss' });
  }

  /** The outcome of this card session's cancellation, for its receipt. */
  lastOutcome(sessionId: string): CancelOutcome | null {
    return this.last?.sessionId === sessionId ? this.last.outcome : null;
  }

  async cancel(): Promise<Result<CancelOutcome, CancelFailure>> {
    const auth = this.deps.session.authenticatedCard();
    if (!auth) return err({ code: 'not_authenticated' });
    const masked = maskCardNumber(auth.cardNumber);
    const done = this.lastOutcome(auth.sessionId);
    if (done) return ok(done);
    if (auth.card.status !== 'pre_reported_lost') return err({ code: 'not_pre_reported' });
    if (auth.card.replacement) {
      this.deps.audit.audit('loss_cancel.refused', {
        card: masked,
        reason: 'replacement_in_progress',
      });
      return err({ code: 'replacement_in_progress' });
    }
    const central = this.deps.central();
    if (!central) return err({ code: 'central_unavailable', detail: 'no central service' });
    if (this.pending?.sessionId !== auth.sessionId)
      this.pending = {
        sessionId: auth.sessionId,
        key: randomUUID(),
        at: new Date((this.deps.now ?? Date.now)()),
      };
    const { key, at } = this.pending;
    const r = await central.cancelLossReport(auth.sessionId, auth.token, key);
    if (!r.ok) {
      const e = r.error;
      if (e.code === 'central_unavailable') {
        this.log.warn({ card: masked, detail: e.detail }, 'pre-report cancel not confirmed');
        this.deps.audit.audit('loss_cancel.unconfirmed', { card: masked, operation: key });
        return err(e);
      }
      this.deps.audit.audit('loss_cancel.refused', { card: masked, reason: e.apiCode });
      if (e.apiCode === 'replacement_in_progress') return err({ code: 'replacement_in_progress' });
      return err({ code: 'not_allowed', apiCode: e.apiCode });
    }
    const outcome: CancelOutcome = {
      reference: kioskReference(key, at),
      cardNumberMasked: r.value.card.cardNumberMasked,
      cancelledAt: r.value.recordedAt,
    };
    this.last = { sessionId: auth.sessionId, outcome };
    this.pending = null;
    this.deps.audit.audit('loss_cancel.confirmed', {
      card: masked,
      operation: key,
      reference: outcome.reference,
    });
    this.deps.audit.count('loss_cancel');
    this.deps.session.applyCentralCard(r.value.card);
    // The card leaves the central invalid list: the local copy follows at once.
    void this.deps.refreshHotlist()?.then((h) => {
      if (!h.ok) this.log.warn({ problem: h.error }, 'hotlist not refreshed after cancel');
    });
    return ok(outcome);
  }
}
