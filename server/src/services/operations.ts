import type * as api from '../../api-types';
import type { CentralContext } from '../context';
import { activateCard, cancelPreReport, recordPinChanged, reportLoss } from './card-actions';
import { runOnce, type StoredReply } from './idempotency';

/**
 * Delivers a kiosk's queued operations one by one, each at most once per idempotency key, in
 * the order given (the outbox order). One operation's refusal does not stop the others.
 */
export async function deliverOperations(
  ctx: CentralContext,
  kioskId: string,
  operations: readonly api.Operation[],
) {
  const results = [];
  for (const op of operations) {
    const r = await deliverOne(ctx, kioskId, op);
    const applied = r.status < 300;
    results.push({
      idempotencyKey: op.idempotencyKey,
      outcome: applied ? ('applied' as const) : ('rejected' as const),
      status: r.status,
      ...(applied ? { result: r.body } : { error: r.body }),
    });
  }
  return { results };
}

function deliverOne(ctx: CentralContext, kioskId: string, op: api.Operation): Promise<StoredReply> {
  const key = op.idempotencyKey;
  if (op.type === 'loss_report') {
    const request = { challengeId: op.challengeId, code: op.code, cardRef: op.cardRef };
    return runOnce(ctx.db, { kioskId, key, operation: 'loss_report', request }, 201, (tx) =>
      reportLoss(ctx, tx, kioskId, request),
    );
  }
  const apply =
    op.type === 'activation'
      ? activateCard
      : op.type === 'pin_changed'
        ? recordPinChanged
        : cancelPreReport;
  return runOnce(
    ctx.db,
    { kioskId, key, operation: op.type, request: { cardNumber: op.cardNumber } },
    200,
    (tx) => apply(ctx, tx, kioskId, { cardNumber: op.cardNumber }),
  );
}
