import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Contributions, MedicalTransactions } from '../../../../server/api-types';
import { i18next, initI18n } from '../../i18n';
import { usePrefsStore } from '../../state/prefs';
import { ContributionsView, MedicalView } from './InquiryViews';

const months = (paidUntil: number) =>
  Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    baseFen: 600_000,
    employerFen: 96_000,
    personalFen: 48_000,
    paid: i + 1 <= paidUntil,
  }));

const contributions: Contributions = {
  fromYear: 2021,
  toYear: 2023,
  years: [2021, 2022, 2023].map((year) => ({
    year,
    totalFen: year * 100,
    types: [{ type: 'endowment' as const, months: months(year === 2023 ? 10 : 12) }],
  })),
};

beforeAll(async () => {
  await initI18n('zh-CN');
});

describe('inquiry views (server-rendered markup)', () => {
  it('opens the contributions on the latest year with its months, sums and arrears', async () => {
    await i18next.changeLanguage('zh-CN');
    usePrefsStore.setState({ language: 'zh-CN' });
    const html = renderToStaticMarkup(<ContributionsView data={contributions} />);
    expect(html).toContain('2023年');
    expect(html).toContain('已缴 10 个月，欠缴 2 个月');
    expect(html).toContain('¥9,600.00'); // employer: 10 × 960.00
    expect((html.match(/data-testid="bar-/g) ?? []).length).toBe(3);
    expect(html).toContain('aria-pressed="true" data-testid="bar-2023"');
  });

  it('shows a chosen year in English', async () => {
    await i18next.changeLanguage('en');
    usePrefsStore.setState({ language: 'en' });
    const html = renderToStaticMarkup(
      <ContributionsView data={contributions} initialYear={2021} />,
    );
    expect(html).toContain('12 months paid, 0 months in arrears');
    expect(html).toContain('Pension insurance');
    expect(html).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('draws eight years at a time, the latest chosen; while partial, the table comes first', async () => {
    await i18next.changeLanguage('zh-CN');
    usePrefsStore.setState({ language: 'zh-CN' });
    const years = Array.from({ length: 12 }, (_, i) => 2015 + i);
    const many: Contributions = {
      fromYear: 2015,
      toYear: 2026,
      years: years.map((year) => ({
        year,
        totalFen: year,
        types: [{ type: 'endowment' as const, months: months(12) }],
      })),
    };
    const html = renderToStaticMarkup(<ContributionsView data={many} />);
    const bars = [...html.matchAll(/data-testid="bar-(\d+)"/g)].map((m) => Number(m[1]));
    expect(bars).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(html).toContain('aria-pressed="true" data-testid="bar-2026"');

    const early = renderToStaticMarkup(<ContributionsView data={many} initialYear={2016} />);
    const earlyBars = [...early.matchAll(/data-testid="bar-(\d+)"/g)].map((m) => Number(m[1]));
    expect(earlyBars[0]).toBe(2016);
    expect(earlyBars).toHaveLength(8);

    const partial = renderToStaticMarkup(<ContributionsView data={contributions} partial />);
    expect(partial).toContain('data-testid="chart-pending"');
    expect(partial).not.toContain('data-testid="bar-');
    expect(partial).toContain('data-testid="table-months"');
  });

  it('pages medical transactions six at a time', async () => {
    await i18next.changeLanguage('zh-CN');
    usePrefsStore.setState({ language: 'zh-CN' });
    const transactions: MedicalTransactions = {
      transactions: Array.from({ length: 8 }, (_, i) => ({
        at: `2024-0${i + 1}-01`,
        kind: 'pharmacy' as const,
        place: `药店${i + 1}`,
        amountFen: -1000,
        balanceAfterFen: 100_000 - i * 1000,
      })),
    };
    const html = renderToStaticMarkup(
      <MedicalView
        account={{ balanceFen: 92_000, asOf: '2024-09-01' }}
        transactions={transactions}
      />,
    );
    expect(html).toContain('¥920.00');
    expect(html).toContain('药店6');
    expect(html).not.toContain('药店7');
    expect(html).toContain('第 1 / 2 页');
  });
});
