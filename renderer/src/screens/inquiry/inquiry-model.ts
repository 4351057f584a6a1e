/**
 * Pure helpers behind the inquiry screens: money and date formatting, touch paging, and the
 * shaping of the central service's contribution records into a year's monthly table and the
 * yearly totals of the chart. No React here, so every rule is unit-tested.
 */
import type { Contributions } from '../../../../server/api-types';
import type { Language } from '../../../../electron/contract';

export type InsuranceType = Contributions['years'][number]['types'][number]['type'];
export const INSURANCE_TYPES: readonly InsuranceType[] = [
  'endowment',
  'medical',
  'unemployment',
  'work_injury',
  'maternity',
];

const yuanFormats = new Map<Language, Intl.NumberFormat>();

/** Fen (0.01 CNY, an integer) → "¥1,234.56" (or "-¥12.00"). */
export function formatYuan(fen: number, language: Language): string {
  let f = yuanFormats.get(language);
  if (!f) {
    f = new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' });
    yuanFormats.set(language, f);
  }
  return f.format(fen / 100);
}

/** "2024-03-05…" → "2024年3月5日" / "5 Mar 2024"; anything unparsable is shown as given. */
export function formatDate(iso: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const month = Number(mo);
  if (language === 'zh-CN') return d ? `${y}年${month}月${Number(d)}日` : `${y}年${month}月`;
  const name = MONTHS_EN[month - 1] ?? mo;
  return d ? `${Number(d)} ${name} ${y}` : `${name} ${y}`;
}

const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

export interface Page<T> {
  readonly items: readonly T[];
  /** 0-based, clamped into range */
  readonly page: number;
  /** at least 1, so "page 1 of 1" shows for an empty list */
  readonly pages: number;
}

/** One page of a list for big previous/next buttons (no scrollbars to aim at). */
export function pageOf<T>(items: readonly T[], page: number, size: number): Page<T> {
  const per = Math.max(1, Math.floor(size));
  const pages = Math.max(1, Math.ceil(items.length / per));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { items: items.slice(p * per, p * per + per), page: p, pages };
}

export interface YearTotal {
  readonly year: number;
  readonly totalFen: number;
  /** months of any insurance marked as not paid */
  readonly arrears: number;
}

export function yearTotals(data: Contributions): YearTotal[] {
  return [...data.years]
    .sort((a, b) => a.year - b.year)
    .map((y) => ({
      year: y.year,
      totalFen: y.totalFen,
      arrears: y.types.reduce((n, t) => n + t.months.filter((m) => !m.paid).length, 0),
    }));
}

export interface MonthRow {
  readonly month: number;
  /** null: no record for this month (not yet due, or not insured then) */
  readonly record: {
    readonly baseFen: number;
    readonly employerFen: number;
    readonly personalFen: number;
    readonly paid: boolean;
  } | null;
}

export interface YearTable {
  readonly rows: readonly MonthRow[];
  readonly employerFen: number;
  readonly personalFen: number;
  readonly paidMonths: number;
  readonly arrearsMonths: number;
}

/** Twelve rows for one year and one insurance type, with the year's sums of paid months. */
export function yearTable(data: Contributions, year: number, type: InsuranceType): YearTable {
  const months =
    data.years.find((y) => y.year === year)?.types.find((t) => t.type === type)?.months ?? [];
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const rows: MonthRow[] = [];
  let employerFen = 0;
  let personalFen = 0;
  let paidMonths = 0;
  let arrearsMonths = 0;
  for (let month = 1; month <= 12; month++) {
    const m = byMonth.get(month);
    if (!m) {
      rows.push({ month, record: null });
      continue;
    }
    rows.push({
      month,
      record: {
        baseFen: m.baseFen,
        employerFen: m.employerFen,
        personalFen: m.personalFen,
        paid: m.paid,
      },
    });
    if (m.paid) {
      employerFen += m.employerFen;
      personalFen += m.personalFen;
      paidMonths++;
    } else arrearsMonths++;
  }
  return { rows, employerFen, personalFen, paidMonths, arrearsMonths };
}

/** The insurance types that have any record in the given year, in display order. */
export function typesInYear(data: Contributions, year: number): InsuranceType[] {
  const present = new Set(data.years.find((y) => y.year === year)?.types.map((t) => t.type) ?? []);
  return INSURANCE_TYPES.filter((t) => present.has(t));
}
