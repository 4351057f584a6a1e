import { randomBytes } from 'node:crypto';
import { ok } from '../../../electron/result';
import { maskCardNumber } from '../../../electron/domain/mask';
import type { CentralContext } from '../context';
import type { Queryable } from '../db/database';
import { failure, type Outcome } from '../errors';
import { applyCardAction, cardSummary, loadCard, type CardSummary } from './cards';
import { checkCode, personCards } from './identity';

export type CardLocator = { id: number } | { cardNumber: string };

/** Kiosk actions on a card; each runs inside the caller's (idempotent) transaction. */
export async function activateCard(
  ctx: CentralContext,
  tx: Queryable,
  kioskId: string,
  where: CardLocator,
): Promise<Outcome<{ card: CardSummary; recordedAt: string }>> {
  const card = await loadCard(ctx, tx, where);
  if (!card) return failure('card_not_found');
  const next = await applyCardAction(ctx, tx, card, 'activate', kioskId, 'activated at kiosk');
  if (!next.ok) return next;
  return ok({ card: cardSummary(next.value), recordedAt: new Date(ctx.now()).toISOString() });
}

export async function cancelPreReport(
  ctx: CentralContext,
  tx: Queryable,
  kioskId: string,
  where: CardLocator,
): Promise<Outcome<{ card: CardSummary; recordedAt: string }>> {
  const card = await loadCard(ctx, tx, where);
  if (!card) return failure('card_not_found');
  const next = await applyCardAction(
    ctx,
    tx,
    card,
    'cancel_pre_report',
    kioskId,
    'pre-report cancelled at kiosk',
  );
  if (!next.ok) return next;
  await tx.query(
    'UPDATE loss_reports SET cancelled_at = $2 WHERE card_id = $1 AND cancelled_at IS NULL',
    [card.id, new Date(ctx.now())],
  );
  return ok({ card: cardSummary(next.value), recordedAt: new Date(ctx.now()).toISOString() });
}

/** The PIN lives only on the card; the centre just records that it changed, and where. */
export async function recordPinChanged(
  ctx: CentralContext,
  tx: Queryable,
  kioskId: string,
  where: CardLocator,
): Promise<Outcome<{ card: CardSummary; recordedAt: string }>> {
  const card = await loadCard(ctx, tx, where);
  if (!card) return failure('card_not_found');
  await tx.query(
    'INSERT INTO card_events (card_id, from_status, to_status, reason, kiosk_id, at) VALUES ($1, $2, $2, $3, $4, $5)',
    [card.id, card.status, 'PIN changed at kiosk', kioskId, new Date(ctx.now())],
  );
  return ok({ card: cardSummary(card), recordedAt: new Date(ctx.now()).toISOString() });
}

export async function reportLoss(
  ctx: CentralContext,
  tx: Queryable,
  kioskId: string,
  input: { challengeId: string; code: string; cardRef: string },
): Promise<
  Outcome<{ reference: string; cardNumberMasked: string; status: string; validUntil: string }>
> {
  const person = await checkCode(ctx, tx, kioskId, input.challengeId, input.code, 'report');
  if (!person.ok) return person;
  const chosen = (await personCards(ctx, tx, input.challengeId, person.value)).find(
    (c) => c.cardRef === input.cardRef,
  );
  if (!chosen) return failure('card_not_found');
  const card = await loadCard(ctx, tx, { id: chosen.id });
  if (!card) return failure('card_not_found');
  const next = await applyCardAction(
    ctx,
    tx,
    card,
    'pre_report',
    kioskId,
    'pre-reported lost at kiosk',
  );
  if (!next.ok) return next;
  const validUntil = next.value.pre_report_valid_until;
  if (!validUntil) throw new Error('a pre-reported card always has a validity end');
  const day = new Date(ctx.now()).toISOString().slice(0, 10).replaceAll('-', '');
  const reference = `GS${day}${randomBytes(4).toString('hex').toUpperCase()}`;
  await tx.query(
    'INSERT INTO loss_reports (reference, card_id, kiosk_id, created_at, valid_until) VALUES ($1, $2, $3, $4, $5)',
    [reference, card.id, kioskId, new Date(ctx.now()), validUntil],
  );
  return ok({
    reference,
    cardNumberMasked: maskCardNumber(card.card_number),
    status: next.value.status,
    validUntil: validUntil.toISOString(),
  });
}
