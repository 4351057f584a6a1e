import { maskCardNumber, maskIdNumber, maskPhone } from '../../../electron/domain/mask';
import type { Queryable } from '../db/database';
import type { CardRow } from './cards';

const monthText = (yyyymm: number): string =>
  `${Math.floor(yyyymm / 100)}-${String(yyyymm % 100).padStart(2, '0')}`;

/** The contributions query; the P5 benchmark sends this exact SQL straight to the database. */
export const CONTRIBUTIONS_SQL = `SELECT type, month, base_fen, employer_fen, personal_fen, paid
  FROM contributions WHERE person_id = $1 AND month BETWEEN $2 AND $3 ORDER BY month, type`;

interface PersonRow {
  name: string;
  id_number: string;
  sex: number;
  birth_date: string;
  phone: string;
}

export async function person(q: Queryable, card: CardRow) {
  const rows = await q.query<PersonRow>(
    'SELECT name, id_number, sex, birth_date, phone FROM persons WHERE id = $1',
    [card.person_id],
  );
  const p = rows[0];
  if (!p) throw new Error(`card ${card.id} has no person`);
  return {
    name: p.name,
    idNumberMasked: maskIdNumber(p.id_number),
    sex: p.sex === 1 ? ('male' as const) : ('female' as const),
    birthDate: p.birth_date,
    phoneMasked: maskPhone(p.phone),
    cardNumberMasked: maskCardNumber(card.card_number),
    cardStatus: card.status,
    bank: card.bank,
  };
}

export async function insurances(q: Queryable, personId: number) {
  const rows = await q.query<{
    type: string;
    status: string;
    start_date: string;
    employer: string;
  }>(
    'SELECT type, status, start_date, employer FROM insurances WHERE person_id = $1 ORDER BY type',
    [personId],
  );
  return {
    insurances: rows.map((r) => ({
      type: r.type,
      status: r.status,
      startDate: r.start_date,
      employer: r.employer,
    })),
  };
}

interface ContributionRow {
  type: string;
  month: number;
  base_fen: number;
  employer_fen: number;
  personal_fen: number;
  paid: boolean;
}

export async function contributions(
  q: Queryable,
  personId: number,
  fromYear: number,
  toYear: number,
) {
  const [lo, hi] = fromYear <= toYear ? [fromYear, toYear] : [toYear, fromYear];
  const rows = await q.query<ContributionRow>(CONTRIBUTIONS_SQL, [
    personId,
    lo * 100 + 1,
    hi * 100 + 12,
  ]);
  // Grouped by year, then insurance type (the screen shows one type at a time): each month
  // is then five numbers and a flag, a third less JSON than repeating type and date per row.
  const years = new Map<
    number,
    { year: number; totalFen: number; types: Map<string, unknown[]> }
  >();
  for (const r of rows) {
    const year = Math.floor(r.month / 100);
    let y = years.get(year);
    if (!y) {
      y = { year, totalFen: 0, types: new Map() };
      years.set(year, y);
    }
    if (r.paid) y.totalFen += r.employer_fen + r.personal_fen;
    let months = y.types.get(r.type);
    if (!months) {
      months = [];
      y.types.set(r.type, months);
    }
    months.push({
      month: r.month % 100,
      baseFen: r.base_fen,
      employerFen: r.employer_fen,
      personalFen: r.personal_fen,
      paid: r.paid,
    });
  }
  return {
    fromYear: lo,
    toYear: hi,
    years: [...years.values()].map((y) => ({
      year: y.year,
      totalFen: y.totalFen,
      types: [...y.types].map(([type, months]) => ({ type, months })),
    })),
  };
}

export async function medicalAccount(q: Queryable, personId: number) {
  const rows = await q.query<{ balance_fen: number; as_of: string }>(
    'SELECT balance_fen, as_of FROM medical_accounts WHERE person_id = $1',
    [personId],
  );
  const r = rows[0];
  return { balanceFen: r?.balance_fen ?? 0, asOf: r?.as_of ?? '1970-01-01' };
}

export async function medicalTransactions(q: Queryable, personId: number, limit: number) {
  const rows = await q.query<{
    at: Date;
    kind: string;
    place: string;
    amount_fen: number;
    balance_after_fen: number;
  }>(
    `SELECT at, kind, place, amount_fen, balance_after_fen FROM medical_transactions
      WHERE person_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
    [personId, limit],
  );
  return {
    transactions: rows.map((r) => ({
      at: r.at.toISOString(),
      kind: r.kind,
      place: r.place,
      amountFen: r.amount_fen,
      balanceAfterFen: r.balance_after_fen,
    })),
  };
}

export async function pensionAccount(q: Queryable, personId: number) {
  const rows = await q.query<{
    total_fen: number;
    personal_fen: number;
    months_paid: number;
    as_of: string;
  }>(
    'SELECT total_fen, personal_fen, months_paid, as_of FROM pension_accounts WHERE person_id = $1',
    [personId],
  );
  const r = rows[0];
  return {
    totalFen: r?.total_fen ?? 0,
    personalFen: r?.personal_fen ?? 0,
    monthsPaid: r?.months_paid ?? 0,
    asOf: r?.as_of ?? '1970-01-01',
  };
}

export async function benefits(q: Queryable, personId: number) {
  const rows = await q.query<{
    type: string;
    month: number;
    amount_fen: number;
    description: string;
  }>(
    'SELECT type, month, amount_fen, description FROM benefits WHERE person_id = $1 ORDER BY month DESC, id DESC LIMIT 120',
    [personId],
  );
  return {
    benefits: rows.map((r) => ({
      type: r.type,
      month: monthText(r.month),
      amountFen: r.amount_fen,
      description: r.description,
    })),
  };
}
