import { randomBytes } from 'node:crypto';
import { ok } from '../../../electron/result';
import { maskIdNumber, maskName } from '../../../electron/domain/mask';
import type { CentralContext } from '../context';
import { failure, type Outcome } from '../errors';
import { cardSummary, loadCard } from './cards';
import * as inquiry from './inquiry';

// Crockford-style alphabet: no I, L, O, U, so a code read off paper is typed back right.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function newCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b % 32] ?? '0').join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
}

export interface StatementRequest {
  kind:
    | 'contributions'
    | 'person'
    | 'medical_account'
    | 'pension_account'
    | 'insurances'
    | 'benefits'
    | 'replacement';
  fromYear?: number;
  toYear?: number;
}

/** Issues a statement: its summary is fixed at issue time so a verification shows what was printed. */
export async function issueStatement(
  ctx: CentralContext,
  kioskId: string,
  cardId: number,
  req: StatementRequest,
): Promise<
  Outcome<{ code: string; issuedAt: string; kind: string; summary: Record<string, unknown> }>
> {
  return ctx.db.transaction(async (tx) => {
    const card = await loadCard(ctx, tx, { id: cardId });
    if (!card) return failure('card_not_found');
    let summary: Record<string, unknown>;
    if (req.kind === 'contributions') {
      const thisYear = new Date(ctx.now()).getUTCFullYear();
      const c = await inquiry.contributions(
        tx,
        card.person_id,
        req.fromYear ?? thisYear - 1,
        req.toYear ?? thisYear,
      );
      summary = {
        fromYear: c.fromYear,
        toYear: c.toYear,
        years: c.years.map((y) => ({
          year: y.year,
          totalFen: y.totalFen,
          months: Math.max(0, ...y.types.map((t) => t.months.length)),
        })),
      };
    } else if (req.kind === 'person') {
      const p = await inquiry.person(tx, card);
      summary = { cardStatus: p.cardStatus, bank: p.bank };
    } else if (req.kind === 'medical_account') {
      summary = await inquiry.medicalAccount(tx, card.person_id);
    } else if (req.kind === 'insurances') {
      const i = await inquiry.insurances(tx, card.person_id);
      summary = { insurances: i.insurances.map((x) => ({ type: x.type, status: x.status })) };
    } else if (req.kind === 'benefits') {
      const b = await inquiry.benefits(tx, card.person_id);
      summary = {
        count: b.benefits.length,
        totalFen: b.benefits.reduce((s, x) => s + x.amountFen, 0),
      };
    } else if (req.kind === 'replacement') {
      summary = { replacement: cardSummary(card).replacement };
    } else {
      summary = await inquiry.pensionAccount(tx, card.person_id);
    }
    const code = newCode();
    const issuedAt = new Date(ctx.now());
    await tx.query(
      'INSERT INTO statements (code, kiosk_id, person_id, kind, issued_at, summary) VALUES ($1, $2, $3, $4, $5, $6)',
      [code, kioskId, card.person_id, req.kind, issuedAt, JSON.stringify(summary)],
    );
    return ok({ code, issuedAt: issuedAt.toISOString(), kind: req.kind, summary });
  });
}

export async function verifyStatement(ctx: CentralContext, code: string) {
  const normalised = code.trim().toUpperCase();
  const rows = await ctx.db.query<{
    kind: string;
    issued_at: Date;
    summary: Record<string, unknown>;
    name: string;
    id_number: string;
  }>(
    `SELECT s.kind, s.issued_at, s.summary, p.name, p.id_number
       FROM statements s JOIN persons p ON p.id = s.person_id WHERE s.code = $1`,
    [normalised],
  );
  const s = rows[0];
  if (!s) return failure('statement_not_found');
  return ok({
    valid: true,
    code: normalised,
    issuedAt: s.issued_at.toISOString(),
    kind: s.kind,
    nameMasked: maskName(s.name),
    idNumberMasked: maskIdNumber(s.id_number),
    summary: s.summary,
  });
}
