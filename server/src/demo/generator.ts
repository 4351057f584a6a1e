import { idCheckCharacter } from '../../../electron/domain/id-number';
import type { Queryable, SqlParam } from '../db/database';
import type { CardStatus } from '../domain/card-status';
import { personaCardNumber, PERSONAS, type Persona, type PersonaCard } from './personas';

/**
 * Deterministic demo data: the same seed gives the same citizens, byte for byte. Rows are
 * written with one `INSERT … SELECT FROM unnest($1::type[], …)` per table and batch: a
 * COPY-like path that needs no driver-specific streaming and runs on PGlite and pg alike.
 */
export interface SeedOptions {
  /** Generated citizens besides the personas. */
  readonly extraPersons: number;
  /** Years of monthly contributions per citizen (0 = none: bulk load tests). */
  readonly years: number;
  /** The month the history ends, YYYYMM. */
  readonly untilMonth: number;
  /** Generated citizens per batch. */
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

const INSURANCE_TYPES = [
  'endowment',
  'medical',
  'work_injury',
  'unemployment',
  'maternity',
] as const;
// Employer / personal rates in per mille of the base (typical urban employee rates).
const RATES: Record<(typeof INSURANCE_TYPES)[number], readonly [number, number]> = {
  endowment: [160, 80],
  medical: [80, 20],
  work_injury: [4, 0],
  unemployment: [5, 5],
  maternity: [8, 0],
};
const FAMILY = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);
const GIVEN = Array.from(
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰华红玉萍建国文辉鹏飞鑫宇浩然梓涵子轩欣怡佳琪晨阳思雨婷雪梅海波志宏春燕小龙家豪',
);
const REGIONS = [
  '110105',
  '310104',
  '440305',
  '510107',
  '320102',
  '420106',
  '370202',
  '610103',
  '330106',
  '120101',
];
const BANKS = [
  '中国工商银行',
  '中国建设银行',
  '中国农业银行',
  '中国银行',
  '交通银行',
  '中国邮政储蓄银行',
  '招商银行',
];
const PLACES = [
  '市第一人民医院',
  '协和医院',
  '社区卫生服务中心',
  '国大药房',
  '同仁堂药店',
  '中医院门诊部',
  '妇幼保健院',
];
/** Statuses cycled over generated cards so every branch has several cards, even in small seeds. */
export const GENERATED_STATUSES: readonly CardStatus[] = [
  'active',
  'sealed',
  'active',
  'pre_reported_lost',
  'active',
  'formally_lost',
  'active',
  'cancelled_after_loss',
  'active',
  'sealed',
  'active',
  'cancelled',
  'active',
  'number_assigned',
  'active',
  'in_production',
];

/** mulberry32: tiny, fast, good enough to make demo data look varied. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const monthAdd = (yyyymm: number, delta: number): number => {
  const m = Math.floor(yyyymm / 100) * 12 + (yyyymm % 100) - 1 + delta;
  return Math.floor(m / 12) * 100 + (m % 12) + 1;
};

/** Generated citizen number `i` (0-based): unique ID and card numbers derived from i. */
export function generatedPersona(i: number, untilMonth: number): Persona {
  const r = rng(i + 1);
  const region = REGIONS[i % REGIONS.length] ?? '110105';
  const untilYear = Math.floor(untilMonth / 100);
  // Birth dates spread over 1950–2000 (7919 is coprime to 18,250, so i ↦ day is a bijection
  // on residues); (date, sequence) is unique for i below 18,250 × 1,000.
  const day = (i * 7919) % 18_250;
  const birth = new Date(Date.UTC(1950, 0, 1) + day * 86_400_000);
  const birthDate = birth.toISOString().slice(0, 10);
  const seq = pad(Math.floor(i / 18_250) % 1000, 3);
  const first17 = `${region}${birthDate.replaceAll('-', '')}${seq}`;
  const sex = (Math.floor(i / 18_250) % 1000) % 2 === 1 ? 1 : 2;
  const name = pick(r, FAMILY) + pick(r, GIVEN) + (r() < 0.6 ? pick(r, GIVEN) : '');
  const status = GENERATED_STATUSES[i % GENERATED_STATUSES.length] ?? 'active';
  const serial = 1_000_000 + i;
  const cardNumber = personaCardNumber(
    `${String.fromCharCode(66 + Math.floor(i / 10_000_000))}${pad(i % 10_000_000, 7)}`,
  );
  const card: PersonaCard = {
    cardNumber,
    cardIdentificationCode:
      `${region}D156000005${serial.toString(16).padStart(8, '0')}${((serial * 2654435761) >>> 0).toString(16).padStart(8, '0')}`.toUpperCase(),
    algorithm: i % 3 === 0 ? '3des' : 'sm4',
    specVersion: i % 4 === 0 ? '3.00' : '2.00',
    status,
    bank: pick(r, BANKS),
    issueDate: `${untilYear - 3}-0${1 + (i % 9)}-15`,
    expiryDate: `${untilYear + 7}-0${1 + (i % 9)}-15`,
    ...(status === 'pre_reported_lost' ? { statusBeforePreReport: 'active' as const } : {}),
  };
  return {
    key: `generated-${i}`,
    idNumber: `${first17}${idCheckCharacter(first17) ?? '0'}`,
    name,
    sex,
    birthDate,
    phone: `1${pick(r, ['3', '5', '8'])}${pad(Math.floor(r() * 1e9), 9)}`,
    retired: birth.getUTCFullYear() < untilYear - 60,
    cards: [card],
    note: 'generated',
  };
}

type Columns = Record<string, { type: string; values: SqlParam[] }>;

class TableBatch {
  readonly columns: Columns;
  constructor(
    readonly table: string,
    spec: Record<string, string>,
  ) {
    this.columns = Object.fromEntries(
      Object.entries(spec).map(([k, type]) => [k, { type, values: [] }]),
    );
  }
  add(row: Record<string, SqlParam>): void {
    for (const [k, c] of Object.entries(this.columns)) c.values.push(row[k] ?? null);
  }
  get size(): number {
    return Object.values(this.columns)[0]?.values.length ?? 0;
  }
  async flush(q: Queryable): Promise<void> {
    if (this.size === 0) return;
    const names = Object.keys(this.columns);
    const casts = Object.values(this.columns).map((c, i) => `$${i + 1}::${c.type}[]`);
    await q.query(
      `INSERT INTO ${this.table} (${names.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`,
      Object.values(this.columns).map((c) => c.values as string[]),
    );
    for (const c of Object.values(this.columns)) c.values = [];
  }
}

interface Batches {
  persons: TableBatch;
  insurances: TableBatch;
  contributions: TableBatch;
  medicalAccounts: TableBatch;
  medicalTx: TableBatch;
  pension: TableBatch;
  benefits: TableBatch;
  cards: TableBatch;
  hotlist: TableBatch;
}

function newBatches(): Batches {
  return {
    persons: new TableBatch('persons', {
      id: 'bigint',
      id_number: 'text',
      name: 'text',
      sex: 'smallint',
      birth_date: 'text',
      phone: 'text',
    }),
    insurances: new TableBatch('insurances', {
      person_id: 'bigint',
      type: 'text',
      status: 'text',
      start_date: 'text',
      employer: 'text',
    }),
    contributions: new TableBatch('contributions', {
      person_id: 'bigint',
      type: 'text',
      month: 'integer',
      base_fen: 'bigint',
      employer_fen: 'bigint',
      personal_fen: 'bigint',
      paid: 'boolean',
    }),
    medicalAccounts: new TableBatch('medical_accounts', {
      person_id: 'bigint',
      balance_fen: 'bigint',
      as_of: 'text',
    }),
    medicalTx: new TableBatch('medical_transactions', {
      person_id: 'bigint',
      at: 'timestamptz',
      kind: 'text',
      place: 'text',
      amount_fen: 'bigint',
      balance_after_fen: 'bigint',
    }),
    pension: new TableBatch('pension_accounts', {
      person_id: 'bigint',
      total_fen: 'bigint',
      personal_fen: 'bigint',
      months_paid: 'integer',
      as_of: 'text',
    }),
    benefits: new TableBatch('benefits', {
      person_id: 'bigint',
      type: 'text',
      month: 'integer',
      amount_fen: 'bigint',
      description: 'text',
    }),
    cards: new TableBatch('cards', {
      card_number: 'text',
      person_id: 'bigint',
      card_identification_code: 'text',
      algorithm: 'text',
      spec_version: 'text',
      status: 'text',
      status_before_pre_report: 'text',
      pre_report_valid_until: 'timestamptz',
      bank: 'text',
      issue_date: 'text',
      expiry_date: 'text',
      replacement_stage: 'text',
      replacement_applied_at: 'timestamptz',
    }),
    hotlist: new TableBatch('hotlist_changes', { card_number: 'text', action: 'text' }),
  };
}

const EMPLOYERS = [
  '市自来水公司',
  '华信科技有限公司',
  '第三中学',
  '人民医院',
  '建工集团',
  '长江物流有限公司',
  '个体工商户',
];
const INVALID = new Set<CardStatus>([
  'pre_reported_lost',
  'formally_lost',
  'cancelled_after_loss',
  'cancelled',
]);

function addPerson(
  b: Batches,
  personId: number,
  p: Persona,
  opts: SeedOptions,
  nowMs: number,
): void {
  const r = rng(personId * 7919);
  b.persons.add({
    id: personId,
    id_number: p.idNumber,
    name: p.name,
    sex: p.sex,
    birth_date: p.birthDate,
    phone: p.phone,
  });
  const startMonth = monthAdd(opts.untilMonth, -opts.years * 12 + 1);
  const startDate = `${Math.floor(startMonth / 100)}-${pad(startMonth % 100, 2)}-01`;
  const employer = pick(r, EMPLOYERS);
  for (const type of INSURANCE_TYPES) {
    b.insurances.add({
      person_id: personId,
      type,
      status: p.retired && type !== 'medical' ? 'terminated' : 'participating',
      start_date: startDate,
      employer,
    });
  }
  let base = 150_000 + Math.floor(r() * 250_000); // 1,500–4,000 CNY at the start, in fen
  let pensionPersonal = 0;
  let pensionTotal = 0;
  let monthsPaid = 0;
  for (let k = 0; k < opts.years * 12; k += 1) {
    const month = monthAdd(startMonth, k);
    if (month % 100 === 1) base = Math.round(base * (1.04 + r() * 0.06));
    const paid = r() > 0.01; // about one month in a hundred is in arrears
    for (const type of INSURANCE_TYPES) {
      const [er, pr] = RATES[type];
      const employerFen = Math.round((base * er) / 1000);
      const personalFen = Math.round((base * pr) / 1000);
      b.contributions.add({
        person_id: personId,
        type,
        month,
        base_fen: base,
        employer_fen: employerFen,
        personal_fen: personalFen,
        paid,
      });
      if (type === 'endowment' && paid) {
        pensionPersonal += personalFen;
        pensionTotal += personalFen;
        monthsPaid += 1;
      }
    }
  }
  const asOf = `${Math.floor(opts.untilMonth / 100)}-${pad(opts.untilMonth % 100, 2)}-28`;
  if (opts.years > 0) {
    // Personal account accrues interest; a flat 3% a year keeps the figure plausible.
    pensionTotal = Math.round(pensionTotal * (1 + 0.03 * opts.years * 0.5));
    b.pension.add({
      person_id: personId,
      total_fen: pensionTotal,
      personal_fen: pensionPersonal,
      months_paid: monthsPaid,
      as_of: asOf,
    });
    let balance = 50_000 + Math.floor(r() * 300_000);
    const txCount = 20 + Math.floor(r() * 20);
    for (let t = txCount; t > 0; t -= 1) {
      const at = new Date(nowMs - t * 9 * 86_400_000 - Math.floor(r() * 86_400_000));
      const credit = t % 4 === 0;
      const amount = credit
        ? 20_000 + Math.floor(r() * 10_000)
        : -Math.min(balance, 1_000 + Math.floor(r() * 40_000));
      balance += amount;
      b.medicalTx.add({
        person_id: personId,
        at,
        kind: credit ? 'credit' : pick(r, ['hospital', 'pharmacy', 'clinic']),
        place: credit ? '医保个人账户划入' : pick(r, PLACES),
        amount_fen: amount,
        balance_after_fen: balance,
      });
    }
    b.medicalAccounts.add({ person_id: personId, balance_fen: balance, as_of: asOf });
    if (p.retired) {
      for (let m = 0; m < 24; m += 1) {
        b.benefits.add({
          person_id: personId,
          type: 'pension',
          month: monthAdd(opts.untilMonth, -m),
          amount_fen: 320_000 + Math.floor(r() * 200_000),
          description: '基本养老金',
        });
      }
    } else if (p.sex === 2 && r() < 0.3) {
      b.benefits.add({
        person_id: personId,
        type: 'maternity',
        month: monthAdd(opts.untilMonth, -30),
        amount_fen: 1_800_000,
        description: '生育津贴',
      });
    }
  }
  for (const c of p.cards) {
    const preReported = c.status === 'pre_reported_lost';
    b.cards.add({
      card_number: c.cardNumber,
      person_id: personId,
      card_identification_code: c.cardIdentificationCode,
      algorithm: c.algorithm,
      spec_version: c.specVersion,
      status: c.status,
      status_before_pre_report: c.statusBeforePreReport ?? null,
      pre_report_valid_until: preReported ? new Date(nowMs + 5 * 86_400_000) : null,
      bank: c.bank,
      issue_date: c.issueDate,
      expiry_date: c.expiryDate,
      replacement_stage: c.replacementStage ?? null,
      replacement_applied_at: c.replacementStage ? new Date(nowMs - 2 * 86_400_000) : null,
    });
    if (INVALID.has(c.status)) b.hotlist.add({ card_number: c.cardNumber, action: 'add' });
  }
}

async function flushAll(q: Queryable, b: Batches): Promise<void> {
  // Order matters for foreign keys: persons first.
  for (const t of Object.values(b) as TableBatch[]) await t.flush(q);
}

/** Seeds the personas and `extraPersons` generated citizens into an empty database. */
export async function seedDemoData(
  q: Queryable,
  opts: SeedOptions,
  nowMs: number,
): Promise<{ persons: number }> {
  const b = newBatches();
  const batchSize = opts.batchSize ?? (opts.years > 0 ? 20 : 20_000);
  let personId = 0;
  for (const p of PERSONAS) addPerson(b, ++personId, p, opts, nowMs);
  await flushAll(q, b);
  for (let i = 0; i < opts.extraPersons; i += 1) {
    addPerson(b, ++personId, generatedPersona(i, opts.untilMonth), opts, nowMs);
    if (b.persons.size >= batchSize) {
      await flushAll(q, b);
      opts.onProgress?.(i + 1, opts.extraPersons);
    }
  }
  await flushAll(q, b);
  // Explicit ids were used: move the sequence past them for later inserts.
  await q.query(`SELECT setval(pg_get_serial_sequence('persons', 'id'), $1)`, [personId]);
  return { persons: personId };
}

export async function isSeeded(q: Queryable): Promise<boolean> {
  return (await q.query('SELECT 1 FROM persons LIMIT 1')).length > 0;
}
