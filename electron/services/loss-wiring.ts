/**
 * Connects the loss pre-report and cancellation services to the contract: their failures
 * become command errors the renderer maps to screens, and their receipts go to the printer
 * (masked by the receipt builders).
 */
import type { CommandError, Language } from '../contract';
import type { CommandHandlers } from '../dispatcher';
import type { PrinterService } from '../devices/printer';
import { cancelReceipt, lossReportReceipt } from '../devices/printer/receipts';
import type { ReceiptDocument } from '../devices/printer/receipt';
import { err, ok, type Result } from '../result';
import type { CancelFailure, CancelLossService } from './cancel-loss';
import type { LossFailure, LossReportService } from './loss-report';
import { printReceiptBounded, type ReceiptPrint } from './receipt-print';
import type { Logger } from '../log';
import type { SessionService } from './session';

type LossCommands = Pick<
  CommandHandlers,
  | 'loss.start'
  | 'loss.resend'
  | 'loss.verify'
  | 'loss.submit'
  | 'loss.printReceipt'
  | 'loss.end'
  | 'cancelLoss.submit'
  | 'cancelLoss.printReceipt'
>;

export function lossFailureError(e: LossFailure): CommandError {
  switch (e.code) {
    case 'invalid_id_number':
      return {
        code: 'bad_request',
        message: 'The ID number is not valid.',
        fields: ['idNumber'],
        reason: e.reason,
      };
    case 'invalid_name':
      return { code: 'bad_request', message: 'Enter the name in Chinese.', fields: ['name'] };
    case 'no_flow':
      return { code: 'not_available', message: 'Start the loss report again.' };
    case 'resend_too_soon':
      return {
        code: 'resend_too_soon',
        message: 'A new code can be sent a little later.',
        waitSeconds: e.waitSeconds,
      };
    case 'code_invalid':
      return {
        code: 'code_invalid',
        message: 'The code is not right.',
        attemptsLeft: e.attemptsLeft,
      };
    case 'code_expired':
      return { code: 'code_expired', message: 'The code has expired.' };
    case 'locked_out':
      return { code: 'locked_out', message: 'Too many wrong codes.' };
    case 'try_later':
      return { code: 'try_later', message: 'The request cannot be handled now.' };
    case 'card_not_eligible':
      return {
        code: 'not_allowed',
        message: 'This card cannot be pre-reported.',
        reason: 'card_status',
      };
    case 'not_recorded':
      return { code: 'not_recorded', message: 'The report could not be recorded.' };
    case 'central_unavailable':
      return { code: 'central_unavailable', message: 'The central service cannot be reached.' };
    case 'central_rejected':
      return { code: 'try_later', message: 'The request cannot be handled now.' };
  }
}

export function cancelFailureError(e: CancelFailure): CommandError {
  switch (e.code) {
    case 'not_authenticated':
      return { code: 'not_authenticated', message: 'Enter the PIN first.' };
    case 'not_pre_reported':
      return {
        code: 'not_allowed',
        message: 'The card is not pre-reported.',
        reason: 'not_pre_reported',
      };
    case 'replacement_in_progress':
      return {
        code: 'not_allowed',
        message: 'A replacement card has been applied for.',
        reason: 'replacement_in_progress',
      };
    case 'not_allowed':
      return { code: 'not_allowed', message: 'Cancelling is not allowed.', reason: e.apiCode };
    case 'central_unavailable':
      return { code: 'central_unavailable', message: 'The central service cannot be reached.' };
    case 'central_rejected':
      return { code: 'not_allowed', message: 'Cancelling is not allowed.', reason: e.apiCode };
  }
}

export interface ReceiptPrinting {
  readonly printer: () => PrinterService | null;
  readonly kioskId: () => string;
  readonly siteName: string;
  readonly language: () => Language;
  readonly now?: () => number;
  readonly logger: Logger;
  /** The bounded wait for the printer (services/receipt-print.ts). */
  readonly waitMs?: number;
}

/** Printed / still printing / failed with the reason, within the screen's wait. */
async function printDoc(
  p: ReceiptPrinting,
  build: (ctx: Parameters<typeof lossReportReceipt>[0]) => ReceiptDocument,
): Promise<Result<ReceiptPrint, CommandError>> {
  const doc = build({
    kioskId: p.kioskId(),
    siteName: p.siteName,
    language: p.language(),
    now: new Date((p.now ?? Date.now)()),
  });
  return ok(await printReceiptBounded(p.printer(), doc, { log: p.logger, waitMs: p.waitMs }));
}

export function lossCommands(
  loss: LossReportService,
  cancel: CancelLossService,
  session: Pick<SessionService, 'authenticatedCard'>,
  printing: ReceiptPrinting,
): LossCommands {
  return {
    'loss.start': async ({ idNumber, name }) => {
      const r = await loss.start(idNumber, name);
      return r.ok ? ok(r.value) : err(lossFailureError(r.error));
    },
    'loss.resend': async () => {
      const r = await loss.resend();
      return r.ok ? ok(r.value) : err(lossFailureError(r.error));
    },
    'loss.verify': async ({ code }) => {
      const r = await loss.verify(code);
      return r.ok
        ? ok({ cards: r.value.cards, validityDays: loss.validityDays })
        : err(lossFailureError(r.error));
    },
    'loss.submit': async ({ cardRef }) => {
      const r = await loss.submit(cardRef);
      return r.ok ? ok(r.value) : err(lossFailureError(r.error));
    },
    'loss.printReceipt': async () => {
      const outcome = loss.lastOutcome();
      const holder = loss.holder();
      if (!outcome || !holder || outcome.outcome === 'refused')
        return err({ code: 'not_available', message: 'There is no report to print.' });
      return printDoc(printing, (ctx) =>
        lossReportReceipt(ctx, {
          // Only the masked card number is known here (the builder masks; masking is idempotent).
          holder: { ...holder, cardNumber: outcome.cardNumberMasked },
          reportedAt: new Date(outcome.recordedAt),
          validUntil: outcome.validUntil ? new Date(outcome.validUntil) : null,
          validityDays: outcome.validityDays,
          reference: outcome.reference,
          verificationCode: outcome.reference.slice(-8),
        }),
      );
    },
    'loss.end': () => {
      loss.end();
      return ok({});
    },
    'cancelLoss.submit': async () => {
      const r = await cancel.cancel();
      return r.ok ? ok(r.value) : err(cancelFailureError(r.error));
    },
    'cancelLoss.printReceipt': async () => {
      const auth = session.authenticatedCard();
      const outcome = auth ? cancel.lastOutcome(auth.sessionId) : null;
      if (!auth || !outcome)
        return err({ code: 'not_available', message: 'There is no cancellation to print.' });
      const holder = auth.holder ?? { name: '—', idNumber: '—' };
      return printDoc(printing, (ctx) =>
        cancelReceipt(ctx, {
          holder: { ...holder, cardNumber: auth.cardNumber },
          cancelledAt: new Date(outcome.cancelledAt),
          reference: outcome.reference,
          originalReference: '—',
          verificationCode: outcome.reference.slice(-8),
        }),
      );
    },
  };
}
