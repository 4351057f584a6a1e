/**
 * The `pin.*` commands on the PIN-change service. PINs pass straight through (the dispatcher
 * never logs payload values; log.ts redacts `pin`, `oldPin`, `newPin`).
 */
import type { CommandError } from '../contract';
import type { CommandHandlers } from '../dispatcher';
import { err, ok } from '../result';
import type { PinChangeService, PinOpFailure } from './pin-change';
import { pinFailureError } from './session-wiring';

/** The PIN-change failures; those it shares with PIN verification answer the same way. */
export function pinOpError(e: PinOpFailure): CommandError {
  switch (e.code) {
    case 'not_allowed':
      return { code: 'not_available', message: 'This card cannot do that here.' };
    case 'not_available':
      return {
        code: 'not_available',
        message: 'The kiosk cannot record the operation now (no central sync).',
      };
    case 'policy':
      return {
        code: 'bad_request',
        message: `The new PIN does not meet the PIN policy (${e.reason}).`,
        fields: ['newPin'],
      };
    default:
      return pinFailureError(e);
  }
}

type PinCommands = Pick<
  CommandHandlers,
  | 'pin.recheckNeeded'
  | 'pin.verifyCurrent'
  | 'pin.checkNew'
  | 'pin.change'
  | 'pin.recheck'
  | 'pin.confirm'
>;

export function pinCommands(pins: PinChangeService): PinCommands {
  return {
    'pin.recheckNeeded': () => ok({ purpose: pins.recheckNeeded() }),
    'pin.verifyCurrent': async ({ purpose, pin }) => {
      const r = await pins.verifyCurrent(purpose, pin);
      return r.ok ? ok({}) : err(pinOpError(r.error));
    },
    'pin.checkNew': ({ oldPin, newPin }) => {
      const r = pins.checkNew(oldPin, newPin);
      if (r.ok) return ok({ accepted: true, reason: null });
      if (r.error.code === 'policy') return ok({ accepted: false, reason: r.error.reason });
      return err(pinOpError(r.error));
    },
    'pin.change': async ({ purpose, oldPin, newPin }) => {
      const r = await pins.change(purpose, oldPin, newPin);
      return r.ok ? ok(r.value) : err(pinOpError(r.error));
    },
    'pin.recheck': async ({ which, pin }) => {
      const r = await pins.recheck(which, pin);
      return r.ok ? ok(r.value) : err(pinOpError(r.error));
    },
    'pin.confirm': async ({ reference }) => {
      const r = await pins.confirm(reference);
      return r.ok ? ok(r.value) : err(pinOpError(r.error));
    },
  };
}
