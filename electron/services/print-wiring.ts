/**
 * The printing commands of the contract, answered by the statement print service. Every
 * failure is a typed answer the renderer maps to a screen (warning before waiting, "ask
 * staff" after a failed job, "cannot be printed now" without the central service).
 */
import type { CommandError } from '../contract';
import type { CommandHandlers } from '../dispatcher';
import { err, ok } from '../result';
import { inquiryFailureError } from './session-wiring';
import type { PrintRequestFailure, StatementPrintService } from './statement-print';

export function printFailureError(e: PrintRequestFailure): CommandError {
  switch (e.code) {
    case 'printer_unavailable':
      return { code: 'printer_unavailable', message: 'The printer is not ready.' };
    case 'paper_out':
      return { code: 'paper_out', message: 'The printer is out of paper.' };
    case 'print_failed':
      return {
        code: 'print_failed',
        message: e.kept
          ? 'Printing did not complete; the statement is kept for a reprint by staff.'
          : 'Printing did not complete.',
        category: e.category,
      };
    default:
      return inquiryFailureError(e);
  }
}

export function printCommands(
  printing: StatementPrintService,
): Pick<CommandHandlers, 'print.statement' | 'print.page'> {
  return {
    'print.statement': async ({ fromYear, toYear }) => {
      const r = await printing.printStatement(fromYear, toYear);
      return r.ok ? ok(r.value) : err(printFailureError(r.error));
    },
    'print.page': async ({ page }) => {
      const r = await printing.printPage(page);
      return r.ok ? ok(r.value) : err(printFailureError(r.error));
    },
  };
}
