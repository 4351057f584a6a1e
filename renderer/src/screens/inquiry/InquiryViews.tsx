/**
 * The inquiry pages, as pure views of the central service's answers (types from the OpenAPI
 * contract). They hold only paging/selection state; the data arrives through props from the
 * session and is gone with it. Lists page by big buttons, never by scrollbars.
 */
import { useEffect, useState } from 'react';
import './inquiry.css';
import { useTranslation } from 'react-i18next';
import type {
  Benefits,
  Contributions,
  Insurances,
  MedicalAccount,
  MedicalTransactions,
  PensionAccount,
  Person,
} from '../../../../server/api-types';
import { usePrefsStore } from '../../state/prefs';
import {
  formatDate,
  formatYuan,
  pageOf,
  typesInYear,
  yearTable,
  yearTotals,
  type InsuranceType,
  type YearTotal,
} from './inquiry-model';

const ROWS_PER_PAGE = 6;
/** Large text on a landscape screen: half as many rows fit the height. */
const COMPACT_ROWS_PER_PAGE = 3;
const LANDSCAPE = '(orientation: landscape)';

/**
 * True when large text meets a landscape screen: tables then page in shorter pieces, so no
 * row is ever cut off below the buttons.
 */
function useCompactRows(): boolean {
  const largeText = usePrefsStore((s) => s.largeText);
  const [landscape, setLandscape] = useState(
    () => typeof window !== 'undefined' && window.matchMedia(LANDSCAPE).matches,
  );
  useEffect(() => {
    const query = window.matchMedia(LANDSCAPE);
    const onChange = () => setLandscape(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return largeText && landscape;
}

function Pager({
  page,
  pages,
  onPage,
}: {
  page: number;
  pages: number;
  onPage: (p: number) => void;
}) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('inquiry.pageOf', { page: page + 1, pages })}>
      <button
        type="button"
        className="pager-button"
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
        data-testid="page-previous"
      >
        {t('inquiry.previous')}
      </button>
      <span className="pager-label" data-testid="page-label">
        {t('inquiry.pageOf', { page: page + 1, pages })}
      </span>
      <button
        type="button"
        className="pager-button"
        disabled={page >= pages - 1}
        onClick={() => onPage(page + 1)}
        data-testid="page-next"
      >
        {t('inquiry.next')}
      </button>
    </nav>
  );
}

function Fields({ rows }: { rows: ReadonlyArray<readonly [string, string, string?]> }) {
  return (
    <dl className="fields">
      {rows.map(([label, value, testId]) => (
        <div className="field" key={label}>
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function PersonView({ person, insurances }: { person: Person; insurances: Insurances }) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  return (
    <div className="inquiry-view split" data-testid="view-person">
      <Fields
        rows={[
          [t('inquiry.field.name'), person.name, 'person-name'],
          [t('inquiry.field.idNumber'), person.idNumberMasked, 'person-id'],
          [t('inquiry.field.sex'), t(`inquiry.sex.${person.sex}`)],
          [t('inquiry.field.birthDate'), formatDate(person.birthDate, language)],
          [t('inquiry.field.phone'), person.phoneMasked],
          [t('inquiry.field.cardNumber'), person.cardNumberMasked],
          [t('inquiry.field.cardStatus'), t(`inquiry.cardStatus.${person.cardStatus}`)],
          [t('inquiry.field.bank'), person.bank],
        ]}
      />
      <InsurancesTable insurances={insurances} />
    </div>
  );
}

export function InsurancesTable({ insurances }: { insurances: Insurances }) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  if (insurances.insurances.length === 0) return <p className="empty">{t('inquiry.noData')}</p>;
  return (
    <table className="data-table" data-testid="table-insurances">
      <caption>{t('inquiry.insurances')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('inquiry.field.insuranceType')}</th>
          <th scope="col">{t('inquiry.field.startDate')}</th>
          <th scope="col">{t('inquiry.field.employerName')}</th>
        </tr>
      </thead>
      <tbody>
        {insurances.insurances.map((i) => (
          <tr key={i.type}>
            <th scope="row">
              {t(`inquiry.type.${i.type}`)}
              <span className={`tag tag-${i.status}`}>
                {t(`inquiry.insuranceStatus.${i.status}`)}
              </span>
            </th>
            <td>{formatDate(i.startDate, language)}</td>
            <td>{i.employer}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Years drawn in the chart at once: each bar stays a wide touch target, even in portrait. */
export const CHART_YEARS = 8;

/**
 * Yearly totals as bars; tapping a bar chooses the year. Each column is a real button (its
 * bar a stretched SVG rectangle), so touch, focus and screen readers get the same control.
 */
export function ContributionsChart({
  totals,
  selected,
  onSelect,
}: {
  totals: readonly YearTotal[];
  selected: number;
  onSelect: (year: number) => void;
}) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const max = Math.max(1, ...totals.map((y) => y.totalFen));
  return (
    <figure className="chart">
      <figcaption>{t('inquiry.chartTitle')}</figcaption>
      <div className="chart-bars" role="group" aria-label={t('inquiry.chartTitle')}>
        {totals.map((y) => {
          const h = Math.max(1, Math.round((y.totalFen / max) * 100));
          return (
            <button
              key={y.year}
              type="button"
              className={y.year === selected ? 'chart-column selected' : 'chart-column'}
              aria-label={t('inquiry.chartBar', {
                year: y.year,
                amount: formatYuan(y.totalFen, language),
              })}
              aria-pressed={y.year === selected}
              data-testid={`bar-${y.year}`}
              onClick={() => onSelect(y.year)}
            >
              <svg
                className="chart-bar"
                viewBox="0 0 10 100"
                preserveAspectRatio="none"
                aria-hidden="true"
              >
                <rect x={1.5} y={100 - h} width={7} height={h} />
              </svg>
              <span className="chart-year" aria-hidden="true">
                {y.year}
              </span>
            </button>
          );
        })}
      </div>
    </figure>
  );
}

/** The first of `CHART_YEARS` years drawn, moved only as far as needed to show `index`. */
function windowStart(start: number, index: number, count: number): number {
  const last = Math.max(0, count - CHART_YEARS);
  if (index < start) return Math.max(0, index);
  if (index >= start + CHART_YEARS) return Math.min(last, index - CHART_YEARS + 1);
  return Math.min(start, last);
}

export function ContributionsView({
  data,
  initialYear,
  partial = false,
}: {
  data: Contributions;
  initialYear?: number;
  /** Only the latest years have arrived; the chart follows with the rest. */
  partial?: boolean;
}) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const totals = yearTotals(data);
  const years = totals.map((y) => y.year);
  const latest = years[years.length - 1] ?? data.toYear;
  const [year, setYear] = useState(
    initialYear !== undefined && years.includes(initialYear) ? initialYear : latest,
  );
  const types = typesInYear(data, year);
  const [chosenType, setType] = useState<InsuranceType>('endowment');
  const type = types.includes(chosenType) ? chosenType : (types[0] ?? 'endowment');
  const table = yearTable(data, year, type);
  const index = years.indexOf(year);
  const [chartStart, setChartStart] = useState<number | null>(null);
  const start = windowStart(chartStart ?? years.length - CHART_YEARS, index, years.length);
  const choose = (y: number) => {
    setYear(y);
    setChartStart(windowStart(start, years.indexOf(y), years.length));
  };
  const money = (fen: number) => formatYuan(fen, language);
  const compact = useCompactRows();
  const [half, setHalf] = useState(0);
  const rows = compact ? pageOf(table.rows, half, 6) : pageOf(table.rows, 0, 12);

  return (
    <div className="inquiry-view contributions" data-testid="view-contributions">
      <div className="contributions-side">
        {partial ? (
          <figure className="chart chart-pending" data-testid="chart-pending">
            <figcaption>{t('inquiry.chartTitle')}</figcaption>
            <p className="chart-bars">{t('inquiry.loading')}</p>
          </figure>
        ) : (
          <ContributionsChart
            totals={totals.slice(start, start + CHART_YEARS)}
            selected={year}
            onSelect={choose}
          />
        )}
        <div className="year-picker">
          <button
            type="button"
            className="pager-button"
            disabled={index <= 0}
            onClick={() => choose(years[index - 1] ?? year)}
            data-testid="year-previous"
          >
            {t('inquiry.previousYear')}
          </button>
          <h2 data-testid="year-title">{t('inquiry.yearTitle', { year })}</h2>
          <button
            type="button"
            className="pager-button"
            disabled={index >= years.length - 1}
            onClick={() => choose(years[index + 1] ?? year)}
            data-testid="year-next"
          >
            {t('inquiry.nextYear')}
          </button>
        </div>
        <div className="type-tabs" role="tablist">
          {types.map((ty) => (
            <button
              key={ty}
              type="button"
              role="tab"
              aria-selected={ty === type}
              className={ty === type ? 'type-tab selected' : 'type-tab'}
              onClick={() => setType(ty)}
              data-testid={`type-${ty}`}
            >
              {t(`inquiry.type.${ty}`)}
            </button>
          ))}
        </div>
        <p className="year-summary" data-testid="year-summary">
          {t('inquiry.yearSummary', {
            paid: table.paidMonths,
            arrears: table.arrearsMonths,
            employer: money(table.employerFen),
            personal: money(table.personalFen),
          })}
        </p>
      </div>
      <div className="months-area">
        <table className="data-table months" data-testid="table-months">
          <thead>
            <tr>
              <th scope="col">{t('inquiry.month')}</th>
              <th scope="col">{t('inquiry.base')}</th>
              <th scope="col">{t('inquiry.employer')}</th>
              <th scope="col">{t('inquiry.personalPart')}</th>
              <th scope="col">{t('inquiry.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.items.map(({ month, record }) => (
              <tr key={month} className={record && !record.paid ? 'row-arrears' : undefined}>
                <th scope="row">{t('inquiry.monthValue', { month })}</th>
                {record ? (
                  <>
                    <td>{money(record.baseFen)}</td>
                    <td>{money(record.employerFen)}</td>
                    <td>{money(record.personalFen)}</td>
                    <td>{record.paid ? t('inquiry.paid') : t('inquiry.arrears')}</td>
                  </>
                ) : (
                  <td colSpan={4} className="muted">
                    {t('inquiry.noRecord')}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        <Pager page={rows.page} pages={rows.pages} onPage={setHalf} />
      </div>
    </div>
  );
}

export function MedicalView({
  account,
  transactions,
}: {
  account: MedicalAccount;
  transactions: MedicalTransactions;
}) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const [page, setPage] = useState(0);
  const perPage = useCompactRows() ? COMPACT_ROWS_PER_PAGE : ROWS_PER_PAGE;
  const view = pageOf(transactions.transactions, page, perPage);
  return (
    <div className="inquiry-view split" data-testid="view-medical">
      <p className="big-figure">
        <span>{t('inquiry.field.balance')}</span>
        <strong data-testid="medical-balance">{formatYuan(account.balanceFen, language)}</strong>
        <small>
          {t('inquiry.field.asOf')} {formatDate(account.asOf, language)}
        </small>
      </p>
      {view.items.length === 0 ? (
        <p className="empty">{t('inquiry.noData')}</p>
      ) : (
        <table className="data-table" data-testid="table-transactions">
          <thead>
            <tr>
              <th scope="col">{t('inquiry.field.date')}</th>
              <th scope="col">{t('inquiry.field.place')}</th>
              <th scope="col">{t('inquiry.field.amount')}</th>
              <th scope="col">{t('inquiry.field.balanceAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((tx, i) => (
              <tr key={`${tx.at}-${i}`}>
                <td>{formatDate(tx.at, language)}</td>
                <td>
                  {tx.place}
                  <span className="muted"> · {t(`inquiry.txKind.${tx.kind}`)}</span>
                </td>
                <td className={tx.amountFen < 0 ? 'amount-out' : 'amount-in'}>
                  {formatYuan(tx.amountFen, language)}
                </td>
                <td>{formatYuan(tx.balanceAfterFen, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={view.page} pages={view.pages} onPage={setPage} />
    </div>
  );
}

export function PensionView({ account }: { account: PensionAccount }) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  return (
    <div className="inquiry-view" data-testid="view-pension">
      <p className="big-figure">
        <span>{t('inquiry.field.total')}</span>
        <strong data-testid="pension-total">{formatYuan(account.totalFen, language)}</strong>
        <small>
          {t('inquiry.field.asOf')} {formatDate(account.asOf, language)}
        </small>
      </p>
      <Fields
        rows={[
          [t('inquiry.field.personalTotal'), formatYuan(account.personalFen, language)],
          [
            t('inquiry.field.monthsPaid'),
            t('inquiry.field.monthsValue', { count: account.monthsPaid }),
            'pension-months',
          ],
        ]}
      />
    </div>
  );
}

export function BenefitsView({ benefits }: { benefits: Benefits }) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const [page, setPage] = useState(0);
  const perPage = useCompactRows() ? COMPACT_ROWS_PER_PAGE : ROWS_PER_PAGE;
  const view = pageOf(benefits.benefits, page, perPage);
  return (
    <div className="inquiry-view" data-testid="view-benefits">
      {view.items.length === 0 ? (
        <p className="empty">{t('inquiry.noData')}</p>
      ) : (
        <table className="data-table" data-testid="table-benefits">
          <thead>
            <tr>
              <th scope="col">{t('inquiry.field.benefitMonth')}</th>
              <th scope="col">{t('inquiry.benefits')}</th>
              <th scope="col">{t('inquiry.field.amount')}</th>
              <th scope="col">{t('inquiry.field.description')}</th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((b, i) => (
              <tr key={`${b.month}-${b.type}-${i}`}>
                <td>{formatDate(b.month, language)}</td>
                <td>{t(`inquiry.benefitType.${b.type}`)}</td>
                <td>{formatYuan(b.amountFen, language)}</td>
                <td>{b.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={view.page} pages={view.pages} onPage={setPage} />
    </div>
  );
}
