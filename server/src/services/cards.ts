import { ok } from '../../../electron/result';
import { maskCardNumber } from '../../../electron/domain/mask';
import type { CentralContext } from '../context';
import type { Queryable } from '../db/database';
import type { CardAlgorithm } from '../domain/card-crypto';
import {
  INVALID_STATUSES,
  transition,
  type CardAction,
  type CardStatus,
} from '../domain/card-status';
import { failure, type Outcome } from '../errors';

export interface CardRow {
  readonly id: number;
  readonly card_number: string;
  readonly person_id: number;
  readonly card_identification_code: string;
  readonly algorithm: CardAlgorithm;
  readonly spec_version: string;
  readonly status: CardStatus;
  readonly status_before_pre_report: CardStatus | null;
  readonly pre_report_valid_until: Date | null;
  readonly bank: string;
  readonly issue_date: string;
  readonly expiry_date: string;
  readonly replacement_stage: 'applied' | 'in_production' | 'ready_for_collection' | null;
  readonly replacement_applied_at: Date | null;
}

export interface CardSummary {
  cardNumberMasked: string;
  status: CardStatus;
  specVersion: string;
  bank: string;
  issueDate: string;
  expiryDate: string;
  preReportValidUntil: string | null;
  replacement: {
    stage: 'applied' | 'in_production' | 'ready_for_collection';
    appliedAt: string;
  } | null;
}

export function cardSummary(c: CardRow): CardSummary {
  return {
    cardNumberMasked: maskCardNumber(c.card_number),
    status: c.status,
    specVersion: c.spec_version,
    bank: c.bank,
    issueDate: c.issue_date,
    expiryDate: c.expiry_date,
    preReportValidUntil: c.pre_report_valid_until ? c.pre_report_valid_until.toISOString() : null,
    replacement:
      c.replacement_stage && c.replacement_applied_at
        ? { stage: c.replacement_stage, appliedAt: c.replacement_applied_at.toISOString() }
        : null,
  };
}

/**
 * Loads a card for update and lets an expired pre-report lapse first, so every decision is
 * taken on the status the card really has now.
 */
export async function loadCard(
  ctx: CentralContext,
  tx: Queryable,
  where: { id: number } | { cardNumber: string },
): Promise<CardRow | undefined> {
  const [column, value] = 'id' in where ? ['id', where.id] : ['card_number', where.cardNumber];
  const rows = await tx.query<CardRow>(`SELECT * FROM cards WHERE ${column} = $1 FOR UPDATE`, [
    value,
  ]);
  const card = rows[0];
  if (!card) return undefined;
  if (
    card.status === 'pre_reported_lost' &&
    card.pre_report_valid_until !== null &&
    card.pre_report_valid_until.getTime() <= ctx.now()
  ) {
    const lapsed = await applyCardAction(
      ctx,
      tx,
      card,
      'lapse_pre_report',
      null,
      'pre-report validity ended',
    );
    return lapsed.ok ? lapsed.value : card;
  }
  return card;
}

/** Applies one status-machine action, recording the event and the hotlist change. */
export async function applyCardAction(
  ctx: CentralContext,
  tx: Queryable,
  card: CardRow,
  action: CardAction,
  kioskId: string | null,
  reason: string,
): Promise<Outcome<CardRow>> {
  const next = transition(
    {
      status: card.status,
      statusBeforePreReport: card.status_before_pre_report,
      replacementApplied: card.replacement_stage !== null,
    },
    action,
  );
  if (!next.ok) return failure(next.error);
  const now = new Date(ctx.now());
  const validUntil =
    next.value.status === 'pre_reported_lost'
      ? new Date(ctx.now() + ctx.config.preReportValidityDays * 86_400_000)
      : null;
  const rows = await tx.query<CardRow>(
    `UPDATE cards SET status = $2, status_before_pre_report = $3, pre_report_valid_until = $4, status_changed_at = $5
      WHERE id = $1 RETURNING *`,
    [card.id, next.value.status, next.value.statusBeforePreReport, validUntil, now],
  );
  await tx.query(
    'INSERT INTO card_events (card_id, from_status, to_status, reason, kiosk_id, at) VALUES ($1, $2, $3, $4, $5, $6)',
    [card.id, card.status, next.value.status, reason, kioskId, now],
  );
  const wasInvalid = INVALID_STATUSES.has(card.status);
  const isInvalid = INVALID_STATUSES.has(next.value.status);
  if (wasInvalid !== isInvalid) {
    await tx.query('INSERT INTO hotlist_changes (card_number, action, at) VALUES ($1, $2, $3)', [
      card.card_number,
      isInvalid ? 'add' : 'remove',
      now,
    ]);
  }
  const updated = rows[0];
  if (!updated) throw new Error(`card ${card.id} vanished inside its own transaction`);
  return ok(updated);
}

/** Lets every expired pre-report lapse (run before serving the hotlist and on heartbeats). */
export async function lapseExpiredPreReports(ctx: CentralContext): Promise<number> {
  const due = await ctx.db.query<{ id: number }>(
    `SELECT id FROM cards WHERE status = 'pre_reported_lost' AND pre_report_valid_until <= $1 LIMIT 1000`,
    [new Date(ctx.now())],
  );
  for (const { id } of due) await ctx.db.transaction((tx) => loadCard(ctx, tx, { id }));
  return due.length;
}

export async function cardEvents(
  q: Queryable,
  cardId: number,
): Promise<
  { from_status: string; to_status: string; reason: string; kiosk_id: string | null; at: Date }[]
> {
  return q.query(
    'SELECT from_status, to_status, reason, kiosk_id, at FROM card_events WHERE card_id = $1 ORDER BY id',
    [cardId],
  );
}
