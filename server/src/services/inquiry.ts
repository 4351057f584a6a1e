import { maskCardNumber, maskIdNumber, maskPhone } from '../../../electron/domain/mask';
import type { Queryable } from '../db/database';
import type { CardRow } from './cards';

const monthText = (yyyymm: number): string =>
  `${Math.floor(yyyymm / 100)}-${String(yyyymm % 100).padStart(2, '0')}`;

/**
 * The contributions query. It returns the whole answer body (the `Contributions` schema) as
 * one compact JSON text built by the database, so the service passes 1,200 months through as
 * one string instead of 1,200 row objects. Grouped by year, then insurance type (the screen
 * shows one type at a time): each month is five numbers and a flag. Parameters: person id,
 * first and last month as YYYYMM. The P5 benchmark sends this exact SQL straight to the
 * database, as the same prepared statement.
 */
export const CONTRIBUTIONS_SQL = `SELECT concat('{"fromYear":', $2::int / 100, ',"toYear":', $3::int / 100,
      ',"years":[', string_agg(y.j, ',' ORDER BY y.year), ']}') AS body
  FROM (
    SELECT t.year, concat('{"year":', t.year, ',"totalFen":', sum(t.total),
        ',"types":[', string_agg(t.j, ',' ORDER BY t.type), ']}') AS j
      FROM (
        SELECT month / 100 AS year, type,
            sum(CASE WHEN paid THEN employer_fen + personal_fen ELSE 0 END) AS total,
            concat('{"type":', to_json(type), ',"months":[', string_agg(
              concat('{"month":', month % 100, ',"baseFen":', base_fen,
                ',"employerFen":', employer_fen, ',"personalFen":', personal_fen,
                CASE WHEN paid THEN ',"paid":true}' ELSE ',"paid":false}' END),
              ',' ORDER BY month), ']}') AS j
          FROM contributions WHERE person_id = $1 AND month BETWEEN $2 AND $3
         GROUP BY month / 100, type
      ) t
     GROUP BY t.year
  ) y`;
export const CONTRIBUTIONS_STATEMENT = 'central_contributions';

/**
 * The same query with the request's nonce claimed in the same statement: a signed inquiry is
 * then one round trip to the database. Parameters 4–6: kiosk id, nonce, time seen.
 */
const CONTRIBUTIONS_WITH_NONCE_SQL = `WITH claimed AS (
    INSERT INTO request_nonces (kiosk_id, nonce, seen_at) VALUES ($4, $5, $6)
    ON CONFLICT DO NOTHING RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM claimed) AS fresh, (${CONTRIBUTIONS_SQL}) AS body`;

export interface NonceToClaim {
  readonly kioskId: string;
  readonly nonce: string;
  readonly seenAt: Date;
}

const monthRange = (fromYear: number, toYear: number): [number, number] => {
  const [lo, hi] = fromYear <= toYear ? [fromYear, toYear] : [toYear, fromYear];
  return [lo * 100 + 1, hi * 100 + 12];
};

/** The contributions answer body as JSON text. */
export async function contributionsJson(
  q: Queryable,
  personId: number,
  fromYear: number,
  toYear: number,
): Promise<string> {
  const rows = await q.query<{ body: string }>(
    CONTRIBUTIONS_SQL,
    [personId, ...monthRange(fromYear, toYear)],
    CONTRIBUTIONS_STATEMENT,
  );
  const body = rows[0]?.body;
  if (body === undefined) throw new Error('contributions query returned no row');
  return body;
}

/** The contributions answer body as JSON text, claiming the request's nonce in the same statement. */
export async function contributionsJsonClaimingNonce(
  q: Queryable,
  personId: number,
  fromYear: number,
  toYear: number,
  claim: NonceToClaim,
): Promise<{ fresh: boolean; body: string }> {
  const rows = await q.query<{ fresh: boolean; body: string }>(
    CONTRIBUTIONS_WITH_NONCE_SQL,
    [personId, ...monthRange(fromYear, toYear), claim.kioskId, claim.nonce, claim.seenAt],
    'central_contributions_nonce',
  );
  const row = rows[0];
  if (!row) throw new Error('contributions query returned no row');
  return row;
}

export interface ContributionsAnswer {
  fromYear: number;
  toYear: number;
  years: {
    year: number;
    totalFen: number;
    types: {
      type: string;
      months: {
        month: number;
        baseFen: number;
        employerFen: number;
        personalFen: number;
        paid: boolean;
      }[];
    }[];
  }[];
}

/** The contributions answer as an object (statements summarise it). */
export async function contributions(
  q: Queryable,
  personId: number,
  fromYear: number,
  toYear: number,
): Promise<ContributionsAnswer> {
  return JSON.parse(await contributionsJson(q, personId, fromYear, toYear)) as ContributionsAnswer;
}

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
