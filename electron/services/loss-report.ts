/**
 * Loss pre-reporting without the card (PRODUCT.md item 8): ID number + name → identity
 * challenge (a one-time code to the registered mobile) → code → the citizen's cards (masked)
 * → confirm → the report recorded durably in the outbox with its idempotency key and
 * delivered (at once when online). What the citizen is told follows what is known:
 *   confirmed  the central service applied it (its reference, validity end);
 *   recorded   it is on disk here and will be delivered automatically (kiosk reference);
 *   refused    the central service will never apply it (card status no longer allows it).
 * Never "failed" for something that will still happen, never "done" for something that may not.
 *
 * The ID number and name live only in this object's memory for the flow (a resend needs
 * them) and are dropped when it ends; logs and audit get masked values only.
 */
import type { ChallengeCards, IdentityChallenge, CardActionResult } from '../../server/api-types';
import { validateIdNumber, type IdNumberError } from '../domain/id-number';
import { maskIdNumber } from '../domain/mask';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import type { CentralFailure } from './session';

/** The central calls this flow makes (central/loss-api.ts on the signed client). */
export interface LossCentralApi {
  createChallenge(body: {
    idNumber: string;
    name: string;
  }): Promise<Result<IdentityChallenge, CentralFailure>>;
  verifyChallenge(
    challengeId: string,
    code: string,
  ): Promise<Result<ChallengeCards, CentralFailure>>;
  cancelLossReport(
    sessionId: string,
    token: string,
    idempotencyKey: string,
  ): Promise<Result<CardActionResult, CentralFailure>>;
}

/** What the flow needs of the sync engine (engine.record / deliveryState / onEvent). */
export interface LossOutbox {
  record(
    kind: 'loss_report',
    payload: unknown,
    summary: Readonly<Record<string, string | number | boolean | null>>,
  ): Promise<Result<{ key: string }, { kind: string }>>;
  deliveryState(key: string): {
    state: 'pending' | 'delivering' | 'acknowledged' | 'rejected';
    result: string | null;
    reason: string | null;
  } | null;
  onEvent(listener: (e: { type: string; key?: string }) => void): () => void;
}

export interface LossAudit {
  /** Appends to the audit log (masked details only); resolves once written or refused. */
  audit(action: string, details: Readonly<Record<string, string | number | boolean | null>>): void;
  /** The attendant's counters: one per operation. */
  count(name: string): void;
}

export interface LossSettings {
  /** Seconds before "send the code again" is offered. */
  readonly resendSeconds: number;
  /** Wrong codes before the kiosk stops asking (the central service locks the challenge too). */
  readonly maxCodeAttempts: number;
  /** Pre-report validity in days, for the screens before the central service states its date. */
  readonly validityDays: number;
  /** How long the confirm screen waits for the outbox delivery before saying "recorded". */
  readonly deliveryWaitMs: number;
  /** A flow untouched for this long is dropped (the renderer's countdown comes first). */
  readonly idleMs: number;
}

export const DEFAULT_LOSS_SETTINGS: LossSettings = {
  resendSeconds: 60,
  maxCodeAttempts: 5,
  validityDays: 7,
  deliveryWaitMs: 8_000,
  idleMs: 5 * 60_000,
};

export interface LossCard {
  readonly cardRef: string;
  readonly cardNumberMasked: string;
  readonly status: ChallengeCards['cards'][number]['status'];
  readonly bank: string;
  /** Whether this card can be pre-reported (active or sealed). */
  readonly eligible: boolean;
}

export type LossFailure =
  | { readonly code: 'invalid_id_number'; readonly reason: IdNumberError }
  | { readonly code: 'invalid_name' }
  | { readonly code: 'no_flow' }
  | { readonly code: 'resend_too_soon'; readonly waitSeconds: number }
  | { readonly code: 'code_invalid'; readonly attemptsLeft: number }
  | { readonly code: 'code_expired' }
  | { readonly code: 'locked_out' }
  /** rate limit or a refusal that must not tell more: one neutral message */
  | { readonly code: 'try_later' }
  | { readonly code: 'card_not_eligible' }
  /** the operation could not even be written here: nothing will happen */
  | { readonly code: 'not_recorded' }
  | CentralFailure;

export interface ChallengeSent {
  readonly sentTo: string;
  readonly resendAfterSeconds: number;
  readonly expiresAt: string;
}

export type LossOutcome =
  | {
      readonly outcome: 'confirmed';
      readonly reference: string;
      readonly cardNumberMasked: string;
      readonly recordedAt: string;
      readonly validUntil: string;
      readonly validityDays: number;
    }
  | {
      readonly outcome: 'recorded';
      readonly reference: string;
      readonly cardNumberMasked: string;
      readonly recordedAt: string;
      readonly validUntil: null;
      readonly validityDays: number;
    }
  | {
      readonly outcome: 'refused';
      readonly reference: string;
      readonly cardNumberMasked: string;
      readonly recordedAt: string;
      readonly reason: string;
    };

interface Flow {
  idNumber: string;
  name: string;
  challengeId: string | null;
  sentAt: number;
  wrongCodes: number;
  code: string | null;
  cards: LossCard[];
  outcome: LossOutcome | null;
}

const ELIGIBLE = new Set(['active', 'sealed']);
/** A Chinese name: 2–20 characters, Han ideographs and the middle dot of minority names. */
const NAME = /^[\p{Script=Han}·]{2,20}$/u;

/** A short reference the citizen can read out, from the operation's idempotency key. */
export function kioskReference(key: string, at: Date): string {
  const day = at.toISOString().slice(0, 10).replaceAll('-', '');
  return `K${day}${key.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}

function rejectionCode(reason: string | null): string {
  // Delivery settles a refusal as "<api code>: <message>".
  const m = /^([a-z_]+):/.exec(reason ?? '');
  return m?.[1] ?? 'refused';
}

export class LossReportService {
  private flow: Flow | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly log: Logger;
  private readonly settings: LossSettings;

  constructor(
    private readonly deps: {
      readonly central: () => LossCentralApi | null;
      readonly outbox: () => LossOutbox | null;
      readonly audit: LossAudit;
      readonly logger: Logger;
      readonly settings?: Partial<LossSettings>;
      /** The central configuration's pre-report validity, when one is known (it wins). */
      readonly centralValidityDays?: () => number | null;
      readonly now?: () => number;
    },
  ) {
    this.log = deps.logger.child({ component: 'loss-report' });
    this.settings = { ...DEFAULT_LOSS_SETTINGS, ...deps.settings };
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.end(), this.settings.idleMs);
    this.idleTimer.unref();
  }

  /** Drops everything personal (flow left, finished, timed out). */
  end(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.flow = null;
  }

  /** The masked ID number of the flow in progress (receipt), or null. */
  holder(): { idNumber: string; name: string } | null {
    return this.flow ? { idNumber: this.flow.idNumber, name: this.flow.name } : null;
  }

  /** Pre-report validity in days: the central configuration's, else the local setting. */
  get validityDays(): number {
    return this.deps.centralValidityDays?.() ?? this.settings.validityDays;
  }

  lastOutcome(): LossOutcome | null {
    return this.flow?.outcome ?? null;
  }

  /** ID number + name → a code to the registered mobile (masked number shown). */
  async start(idNumber: string, name: string): Promise<Result<ChallengeSent, LossFailure>> {
    const id = validateIdNumber(idNumber, new Date(this.now()));
    if (!id.ok) return err({ code: 'invalid_id_number', reason: id.error });
    const trimmed = name.trim();
    if (!NAME.test(trimmed)) return err({ code: 'invalid_name' });
    this.end();
    this.flow = {
      idNumber: id.value.idNumber,
      name: trimmed,
      challengeId: null,
      sentAt: 0,
      wrongCodes: 0,
      code: null,
      cards: [],
      outcome: null,
    };
    this.touch();
    return this.challenge(this.flow);
  }

  /** A new code for the same person, once the cool-down has passed. */
  async resend(): Promise<Result<ChallengeSent, LossFailure>> {
    const flow = this.flow;
    if (!flow || flow.code !== null) return err({ code: 'no_flow' });
    this.touch();
    const waited = (this.now() - flow.sentAt) / 1000;
    if (flow.challengeId && waited < this.settings.resendSeconds)
      return err({
        code: 'resend_too_soon',
        waitSeconds: Math.ceil(this.settings.resendSeconds - waited),
      });
    return this.challenge(flow);
  }

  private async challenge(flow: Flow): Promise<Result<ChallengeSent, LossFailure>> {
    const central = this.deps.central();
    if (!central) return err({ code: 'central_unavailable', detail: 'no central service' });
    const r = await central.createChallenge({ idNumber: flow.idNumber, name: flow.name });
    if (this.flow !== flow) return err({ code: 'no_flow' });
    const masked = maskIdNumber(flow.idNumber);
    if (!r.ok) {
      this.log.warn({ id: masked, failure: r.error.code }, 'identity challenge not created');
      this.deps.audit.audit('loss_report.challenge_failed', {
        id: masked,
        reason: r.error.code === 'central_rejected' ? r.error.apiCode : r.error.code,
      });
      if (r.error.code === 'central_rejected') return err({ code: 'try_later' });
      return r;
    }
    flow.challengeId = r.value.challengeId;
    flow.sentAt = this.now();
    flow.wrongCodes = 0;
    this.deps.audit.audit('loss_report.challenge_sent', { id: masked, sentTo: r.value.sentTo });
    this.deps.audit.count('loss_report.challenge');
    return ok({
      sentTo: r.value.sentTo,
      resendAfterSeconds: this.settings.resendSeconds,
      expiresAt: r.value.expiresAt,
    });
  }

  /** The code from the SMS → the person's cards, masked. */
  async verify(code: string): Promise<Result<{ cards: LossCard[] }, LossFailure>> {
    const flow = this.flow;
    if (!flow?.challengeId) return err({ code: 'no_flow' });
    this.touch();
    if (flow.wrongCodes >= this.settings.maxCodeAttempts) return err({ code: 'locked_out' });
    const central = this.deps.central();
    if (!central) return err({ code: 'central_unavailable', detail: 'no central service' });
    const r = await central.verifyChallenge(flow.challengeId, code);
    if (this.flow !== flow) return err({ code: 'no_flow' });
    const masked = maskIdNumber(flow.idNumber);
    if (!r.ok) {
      if (r.error.code === 'central_unavailable') return r;
      const api = r.error.apiCode;
      this.deps.audit.audit('loss_report.code_refused', { id: masked, reason: api });
      if (api === 'code_invalid') {
        flow.wrongCodes += 1;
        const left = this.settings.maxCodeAttempts - flow.wrongCodes;
        if (left <= 0) {
          this.deps.audit.count('loss_report.locked_out');
          return err({ code: 'locked_out' });
        }
        return err({ code: 'code_invalid', attemptsLeft: left });
      }
      if (api === 'challenge_locked') {
        flow.wrongCodes = this.settings.maxCodeAttempts;
        this.deps.audit.count('loss_report.locked_out');
        return err({ code: 'locked_out' });
      }
      if (api === 'code_expired') return err({ code: 'code_expired' });
      return err({ code: 'try_later' });
    }
    flow.code = code;
    flow.cards = r.value.cards.map((c) => ({ ...c, eligible: ELIGIBLE.has(c.status) }));
    this.deps.audit.audit('loss_report.identity_verified', {
      id: masked,
      cards: flow.cards.length,
    });
    return ok({ cards: flow.cards });
  }

  /**
   * Records the report in the outbox (durable when this resolves), then waits a little for its
   * delivery. The answer says what is known: confirmed, recorded (delivered later) or refused.
   */
  async submit(cardRef: string): Promise<Result<LossOutcome, LossFailure>> {
    const flow = this.flow;
    if (!flow?.challengeId || flow.code === null) return err({ code: 'no_flow' });
    if (flow.outcome) return ok(flow.outcome); // a double tap: the same report, once
    this.touch();
    const card = flow.cards.find((c) => c.cardRef === cardRef);
    if (!card?.eligible) return err({ code: 'card_not_eligible' });
    const outbox = this.deps.outbox();
    if (!outbox) return err({ code: 'central_unavailable', detail: 'no sync engine' });
    const at = new Date(this.now());
    const recorded = await outbox.record(
      'loss_report',
      {
        challengeId: flow.challengeId,
        code: flow.code,
        cardRef,
        occurredAt: at.toISOString(),
      },
      { cardNumberMasked: card.cardNumberMasked },
    );
    if (!recorded.ok) {
      this.log.error({ problem: recorded.error.kind }, 'loss report not recorded');
      this.deps.audit.audit('loss_report.not_recorded', { card: card.cardNumberMasked });
      return err({ code: 'not_recorded' });
    }
    const key = recorded.value.key;
    const reference = kioskReference(key, at);
    this.deps.audit.audit('loss_report.recorded', {
      operation: key,
      reference,
      card: card.cardNumberMasked,
    });
    this.deps.audit.count('loss_report');
    const state = await this.waitForDelivery(outbox, key);
    const base = { cardNumberMasked: card.cardNumberMasked, recordedAt: at.toISOString() };
    let outcome: LossOutcome;
    if (state?.state === 'acknowledged') {
      const answer = parseResult(state.result);
      outcome = {
        outcome: 'confirmed',
        ...base,
        reference: answer.reference ?? reference,
        validUntil:
          answer.validUntil ??
          new Date(at.getTime() + this.validityDays * 86_400_000).toISOString(),
        validityDays: this.validityDays,
      };
      this.deps.audit.audit('loss_report.confirmed', {
        operation: key,
        reference: outcome.reference,
      });
      // The sync engine pulls the invalid list as soon as a loss report is delivered (now, or
      // later for a report queued offline), so the local hotlist has the card at once.
    } else if (state?.state === 'rejected') {
      outcome = { outcome: 'refused', ...base, reference, reason: rejectionCode(state.reason) };
      this.deps.audit.audit('loss_report.refused', { operation: key, reason: outcome.reason });
    } else {
      outcome = {
        outcome: 'recorded',
        ...base,
        reference,
        validUntil: null,
        validityDays: this.validityDays,
      };
      this.deps.audit.audit('loss_report.queued', { operation: key, reference });
    }
    if (this.flow === flow) flow.outcome = outcome;
    this.log.info({ outcome: outcome.outcome, reference }, 'loss report');
    return ok(outcome);
  }

  private waitForDelivery(
    outbox: LossOutbox,
    key: string,
  ): Promise<ReturnType<LossOutbox['deliveryState']>> {
    const settled = () => {
      const s = outbox.deliveryState(key);
      return s && (s.state === 'acknowledged' || s.state === 'rejected') ? s : null;
    };
    const now = settled();
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        off();
        resolve(outbox.deliveryState(key));
      };
      const timer = setTimeout(finish, this.settings.deliveryWaitMs);
      const off = outbox.onEvent((e) => {
        if (e.key === key && settled()) finish();
      });
    });
  }
}

function parseResult(text: string | null): { reference?: string; validUntil?: string } {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null) return {};
    const o = v as Record<string, unknown>;
    return {
      ...(typeof o.reference === 'string' ? { reference: o.reference } : {}),
      ...(typeof o.validUntil === 'string' ? { validUntil: o.validUntil } : {}),
    };
  } catch {
    return {};
  }
}
