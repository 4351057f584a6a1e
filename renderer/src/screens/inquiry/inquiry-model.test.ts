import { describe, expect, it } from 'vitest';
import type { Contributions } from '../../../../server/api-types';
import {
  formatDate,
  formatYuan,
  pageOf,
  typesInYear,
  yearTable,
  yearTotals,
} from './inquiry-model';

const month = (m: number, paid = true) => ({
  month: m,
  baseFen: 500_000,
  employerFen: 80_000,
  personalFen: 40_000,
  paid,
});

const data: Contributions = {
  fromYear: 2022,
  toYear: 2023,
  years: [
    {
      year: 2023,
      totalFen: 999,
      types: [
        { type: 'medical', months: [month(1), month(2, false)] },
        { type: 'endowment', months: [month(1), month(2), month(3, false)] },
      ],
    },
    { year: 2022, totalFen: 123, types: [{ type: 'endowment', months: [month(12)] }] },
  ],
};

describe('inquiry model', () => {
  it('formats fen as yuan in both languages, negatives included', () => {
    expect(formatYuan(123456, 'zh-CN')).toBe('¥1,234.56');
    expect(formatYuan(-1200, 'en')).toMatch(/^-?CN¥12\.00$|^-¥12\.00$|^-CN¥12\.00$/);
    expect(formatYuan(0, 'zh-CN')).toBe('¥0.00');
  });

  it('formats dates and months, leaving unparsable text as given', () => {
    expect(formatDate('2024-03-05', 'zh-CN')).toBe('2024年3月5日');
    expect(formatDate('2024-03-05T10:00:00Z', 'en')).toBe('5 Mar 2024');
    expect(formatDate('2024-11', 'zh-CN')).toBe('2024年11月');
    expect(formatDate('2024-11', 'en')).toBe('Nov 2024');
    expect(formatDate('soon', 'en')).toBe('soon');
  });

  it('pages a list and clamps the page into range', () => {
    const items = [1, 2, 3, 4, 5, 6, 7];
    expect(pageOf(items, 0, 3)).toEqual({ items: [1, 2, 3], page: 0, pages: 3 });
    expect(pageOf(items, 2, 3)).toEqual({ items: [7], page: 2, pages: 3 });
    expect(pageOf(items, 9, 3).page).toBe(2);
    expect(pageOf(items, -1, 3).page).toBe(0);
    expect(pageOf([], 0, 3)).toEqual({ items: [], page: 0, pages: 1 });
  });

  it('sorts yearly totals and counts arrears months of every insurance', () => {
    expect(yearTotals(data)).toEqual([
      { year: 2022, totalFen: 123, arrears: 0 },
      { year: 2023, totalFen: 999, arrears: 2 },
    ]);
  });

  it('builds twelve month rows and sums only the paid months', () => {
    const t = yearTable(data, 2023, 'endowment');
    expect(t.rows).toHaveLength(12);
    expect(t.rows.map((r) => r.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(t.rows[2]?.record?.paid).toBe(false);
    expect(t.rows[3]?.record).toBeNull();
    expect(t).toMatchObject({
      paidMonths: 2,
      arrearsMonths: 1,
      employerFen: 160_000,
      personalFen: 80_000,
    });
    expect(yearTable(data, 1999, 'endowment').paidMonths).toBe(0);
  });

  it('lists the insurance types present in a year in display order', () => {
    expect(typesInYear(data, 2023)).toEqual(['endowment', 'medical']);
    expect(typesInYear(data, 2022)).toEqual(['endowment']);
    expect(typesInYear(data, 2000)).toEqual([]);
  });
});
