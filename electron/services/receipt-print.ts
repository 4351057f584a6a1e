/**
 * Printing a citizen's receipt with a bounded wait, for every screen that offers one (activation
 * and change PIN, loss pre-report, cancelling a pre-report). The screen must not wait for the
 * printer without end, and must not say "not printed" for a receipt that is still coming out:
 * the answer is `printed` (the printer took it), `printing` (handed to the printer service, not
 * finished within the wait — it may still come out) or `failed` with a reason the citizen can
 * act on. The printing itself carries on after the wait; a late failure is logged.
 */
import type { PrinterService } from '../devices/printer';
import type { PrintErrorCode } from '../devices/printer/printer-port';
import type { ReceiptDocument } from '../devices/printer/receipt';
import type { Logger } from '../log';

export type ReceiptState = 'printed' | 'printing' | 'failed';
/** Why a receipt did not print, as the screen explains it. */
export type ReceiptFailure = 'no_printer' | 'paper_out' | 'printer_unavailable' | 'print_failed';

export interface ReceiptPrint {
  readonly receipt: ReceiptState;
  readonly reason: ReceiptFailure | null;
}

/** How long a screen waits for its receipt before saying "still printing". */
export const RECEIPT_WAIT_MS = 5_000;

export function receiptFailureOf(code: PrintErrorCode): ReceiptFailure {
  if (code === 'paper_out') return 'paper_out';
  if (code === 'printer_unavailable') return 'printer_unavailable';
  return 'print_failed';
}

export async function printReceiptBounded(
  printer: Pick<PrinterService, 'print'> | null,
  doc: ReceiptDocument,
  options: { readonly log: Logger; readonly waitMs?: number },
): Promise<ReceiptPrint> {
  if (!printer) return { receipt: 'failed', reason: 'no_printer' };
  let finished = false;
  const printing = printer.print(doc).then(
    (r): ReceiptPrint => {
      finished = true;
      if (r.ok) return { receipt: 'printed', reason: null };
      options.log.warn({ kind: doc.kind, code: r.error.code }, 'receipt not printed');
      return { receipt: 'failed', reason: receiptFailureOf(r.error.code) };
    },
    (e: unknown): ReceiptPrint => {
      finished = true;
      options.log.error({ kind: doc.kind, e: String(e) }, 'receipt printing threw');
      return { receipt: 'failed', reason: 'print_failed' };
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ReceiptPrint>((resolve) => {
    timer = setTimeout(
      () => resolve({ receipt: 'printing', reason: null }),
      options.waitMs ?? RECEIPT_WAIT_MS,
    );
  });
  const answer = await Promise.race([printing, late]);
  clearTimeout(timer);
  if (!finished)
    void printing.then((r) =>
      options.log.info({ kind: doc.kind, receipt: r.receipt }, 'receipt finished after the wait'),
    );
  return answer;
}
