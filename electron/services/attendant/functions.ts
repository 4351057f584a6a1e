/**
 * Enabled functions per site type (attendant local settings) enforced on the main side: the
 * commands that start a switched-off function answer `function_disabled`, whatever a stale
 * page still shows. Only the entry of each function is gated: a flow already under way (a PIN
 * change waiting for its confirmation, a loss report's code) may finish; the guide has no
 * command (the renderer hides it).
 */
import type { KioskFunction } from '../../attendant-contract';
import type { CommandError } from '../../contract';
import type { CommandHandlers } from '../../dispatcher';
import { err } from '../../result';

/** Which function a command starts, given its (validated) request; null: not gated. */
export function functionOfRequest(command: string, request: unknown): KioskFunction | null {
  switch (command) {
    case 'session.inquiry':
      return 'inquiry';
    case 'print.statement':
    case 'print.page':
      return 'print';
    case 'pin.verifyCurrent':
    case 'pin.change': {
      const purpose =
        typeof request === 'object' && request !== null && 'purpose' in request
          ? request.purpose
          : null;
      return purpose === 'activation' ? 'activation' : purpose === 'change' ? 'change_pin' : null;
    }
    case 'loss.start':
      return 'loss_report';
    case 'cancelLoss.submit':
      return 'cancel_loss_report';
    default:
      return null;
  }
}

/**
 * The functions that run here: on in the attendant's setting for this site type and, once the
 * central configuration is known, in the bureau's list too (the bureau can switch a function
 * off everywhere; an attendant can only narrow that further).
 */
export function enabledFunctionsHere(
  local: readonly KioskFunction[],
  central: readonly KioskFunction[] | null,
): KioskFunction[] {
  return local.filter((f) => central?.includes(f) ?? true);
}

export function functionDisabled(fn: KioskFunction): CommandError {
  return {
    code: 'function_disabled',
    message: `The function "${fn}" is switched off on this kiosk.`,
    function: fn,
  };
}

const GATED = [
  'session.inquiry',
  'print.statement',
  'print.page',
  'pin.verifyCurrent',
  'pin.change',
  'loss.start',
  'cancelLoss.submit',
] as const satisfies readonly (keyof CommandHandlers)[];

/** The handlers, with each gated command refused while its function is switched off. */
export function gateFunctions(
  handlers: CommandHandlers,
  enabled: (fn: KioskFunction) => boolean,
): CommandHandlers {
  const gated: CommandHandlers = { ...handlers };
  for (const command of GATED) {
    const handler = handlers[command] as (req: unknown) => unknown;
    const wrapped = (req: unknown) => {
      const fn = functionOfRequest(command, req);
      return fn && !enabled(fn) ? err(functionDisabled(fn)) : handler(req);
    };
    // Same request and response types as the handler it wraps (the result type widens by the
    // error only, which every handler's result already allows).
    (gated as Record<string, unknown>)[command] = wrapped;
  }
  return gated;
}
