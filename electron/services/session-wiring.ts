/**
 * Connects the session service to the contract: its states and endings become `session.*`
 * events, and the session commands answer from it. The PIN passes straight through to the
 * service (the dispatcher never logs payload values; log.ts redacts `pin`).
 */
import type { CommandError, InquiryAnswer } from '../contract';
import type { CommandHandlers } from '../dispatcher';
import type { EventBus } from '../event-bus';
import { err, ok } from '../result';
import type { InquiryFailure, SessionService, VerifyPinFailure } from './session';

export function inquiryFailureError(e: InquiryFailure): CommandError {
  switch (e.code) {
    case 'no_card':
      return { code: 'no_card', message: 'There is no social security card in session.' };
    case 'not_authenticated':
      return { code: 'not_authenticated', message: 'Enter the PIN first.' };
    case 'central_unavailable':
      return { code: 'central_unavailable', message: 'The central service cannot be reached.' };
    case 'central_rejected':
      return {
        code: 'central_rejected',
        message: 'The central service refused the inquiry.',
        apiCode: e.apiCode,
      };
  }
}

type SessionCommands = Pick<
  CommandHandlers,
  'session.state' | 'session.verifyPin' | 'session.finish' | 'session.inquiry' | 'session.keepAlive'
>;

export function wireSessionEvents(session: SessionService, bus: EventBus): () => void {
  return session.onEvent((e) => {
    if (e.type === 'state') bus.emit('session.state', e.state);
    else bus.emit('session.ended', { reason: e.reason, cardInSlot: e.cardInSlot });
  });
}

export function pinFailureError(e: VerifyPinFailure): CommandError {
  switch (e.code) {
    case 'wrong_pin':
      return {
        code: 'wrong_pin',
        message: `Wrong PIN; ${e.triesLeft} tries left.`,
        triesLeft: e.triesLeft,
      };
    case 'pin_blocked':
      return { code: 'pin_blocked', message: 'The PIN is blocked; a service counter unblocks it.' };
    case 'pin_format':
      return { code: 'bad_request', message: 'The PIN must be 6 digits.', fields: ['pin'] };
    case 'no_card':
      return { code: 'no_card', message: 'There is no social security card in session.' };
    case 'card_failed':
      return {
        code: 'card_failed',
        message: 'The card could not complete the operation.',
        category: e.category,
      };
    case 'not_genuine':
      return { code: 'not_genuine', message: 'The card failed authentication.' };
  }
}

export function sessionCommands(session: SessionService): SessionCommands {
  return {
    'session.state': () => ok(session.state()),
    'session.verifyPin': async ({ pin }) => {
      const r = await session.verifyPin(pin);
      return r.ok ? ok(r.value) : err(pinFailureError(r.error));
    },
    'session.inquiry': async ({ kind, fromYear, toYear }) => {
      const r = await session.inquiry(kind, { fromYear, toYear });
      if (r.ok) return ok({ kind, data: r.value } as InquiryAnswer);
      return err(inquiryFailureError(r.error));
    },
    'session.finish': () => {
      session.finishByCitizen();
      return ok({});
    },
    'session.keepAlive': () => {
      session.keepAlive();
      return ok({});
    },
  };
}
