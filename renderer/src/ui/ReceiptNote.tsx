import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandResult, ReceiptFailure } from '../../../electron/contract';
import { kioskApi } from '../api';

/**
 * What happened to a citizen's receipt, said honestly: printed; still printing (handed to the
 * printer, not finished within the kiosk's bounded wait — it may still come out); failed, with
 * the reason; or unknown (the kiosk's answer did not arrive: never "not printed" for a receipt
 * that may come out). One component for every screen that prints a receipt.
 */
export type ReceiptNoteState = 'printed' | 'printing' | 'failed' | 'unknown';

export interface ReceiptOutcome {
  readonly state: ReceiptNoteState;
  readonly reason: ReceiptFailure | null;
}

/** A print command's answer as a note: no answer (timeout, lost connection) is "unknown". */
export function receiptOutcomeOf(
  r: CommandResult<'loss.printReceipt'> | CommandResult<'cancelLoss.printReceipt'>,
): ReceiptOutcome {
  return r.ok
    ? { state: r.value.receipt, reason: r.value.reason }
    : { state: 'unknown', reason: null };
}

export function ReceiptNote({
  outcome,
  testId,
  className,
}: {
  readonly outcome: ReceiptOutcome;
  readonly testId: string;
  readonly className?: string;
}) {
  const { t } = useTranslation();
  const text =
    outcome.state === 'failed'
      ? t(`receipt.failed.${outcome.reason ?? 'print_failed'}`)
      : t(`receipt.${outcome.state}`);
  return (
    <p
      className={className}
      role="status"
      data-testid={testId}
      data-receipt={outcome.state}
      data-reason={outcome.reason ?? undefined}
    >
      {text}
    </p>
  );
}

export type ReceiptRequest =
  { readonly state: 'idle' } | { readonly state: 'asking' } | ReceiptOutcome;

/** Asks the kiosk for a receipt (its answer is bounded) and keeps what it said. */
export function useReceiptPrint(command: 'loss.printReceipt' | 'cancelLoss.printReceipt') {
  const [request, setRequest] = useState<ReceiptRequest>({ state: 'idle' });
  const print = () => {
    setRequest({ state: 'asking' });
    void kioskApi()
      .invoke(command, {})
      .then((r) => setRequest(receiptOutcomeOf(r)));
  };
  return { request, print };
}
