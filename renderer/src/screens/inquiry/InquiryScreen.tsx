import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CommandError,
  CommandResult,
  InquiryAnswer,
  InquiryKind,
} from '../../../../electron/contract';
import { kioskApi } from '../../api';
import { useFunctionEnabled } from '../../state/functions';
import { BigButton } from '../../ui/BigButton';
import {
  BenefitsView,
  ContributionsView,
  MedicalView,
  PensionView,
  PersonView,
} from './InquiryViews';
import { PrintAction, type PrintTarget } from './PrintAction';
import { ReplacementView } from './ReplacementView';

type Page = 'person' | 'contributions' | 'medical' | 'pension' | 'benefits' | 'replacement';
const PAGES: readonly Page[] = [
  'person',
  'contributions',
  'medical',
  'pension',
  'benefits',
  'replacement',
];
/** The central calls behind each page. */
const CALLS: Record<Page, readonly InquiryKind[]> = {
  person: ['person', 'insurances'],
  contributions: ['contributions'],
  medical: ['medicalAccount', 'medicalTransactions'],
  pension: ['pensionAccount'],
  benefits: ['benefits'],
  replacement: ['card'],
};
const YEARS_SHOWN = 20;
/** Years fetched before the contributions page is first shown (this year may be empty yet). */
const RECENT_YEARS = 2;

type InquiryResult = CommandResult<'session.inquiry'>;
type ContributionsAnswer = Extract<InquiryAnswer, { kind: 'contributions' }>;

function contributionsOf(fromYear: number, toYear: number): Promise<InquiryResult> {
  return kioskApi().invoke('session.inquiry', { kind: 'contributions', fromYear, toYear });
}

function hasYears(a: InquiryAnswer): boolean {
  return a.kind === 'contributions' && a.data.years.length > 0;
}

/** Two answers for adjoining year ranges as one. */
function mergeYears(older: InquiryAnswer, recent: InquiryAnswer): InquiryResult | null {
  if (older.kind !== 'contributions' || recent.kind !== 'contributions') return null;
  const value: ContributionsAnswer = {
    kind: 'contributions',
    data: {
      fromYear: older.data.fromYear,
      toYear: recent.data.toYear,
      years: [...older.data.years, ...recent.data.years],
    },
  };
  return { ok: true, value };
}

/** The central answers by kind, as the contract carries them. */
type Answers = Partial<{ [K in InquiryKind]: Extract<InquiryAnswer, { kind: K }>['data'] }>;

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; offline: boolean }
  | { state: 'ready'; answers: Answers; partial?: boolean };

function put(into: Answers, a: InquiryAnswer): void {
  (into as Record<string, unknown>)[a.kind] = a.data;
}

function PageView({ page, answers, partial }: { page: Page; answers: Answers; partial: boolean }) {
  switch (page) {
    case 'person': {
      const person = answers.person;
      const insurances = answers.insurances;
      return person && insurances ? <PersonView person={person} insurances={insurances} /> : null;
    }
    case 'contributions': {
      const data = answers.contributions;
      return data ? <ContributionsView data={data} partial={partial} /> : null;
    }
    case 'medical': {
      const account = answers.medicalAccount;
      const transactions = answers.medicalTransactions;
      return account && transactions ? (
        <MedicalView account={account} transactions={transactions} />
      ) : null;
    }
    case 'pension': {
      const account = answers.pensionAccount;
      return account ? <PensionView account={account} /> : null;
    }
    case 'benefits': {
      const benefits = answers.benefits;
      return benefits ? <BenefitsView benefits={benefits} /> : null;
    }
    case 'replacement': {
      const card = answers.card;
      return card ? <ReplacementView card={card} /> : null;
    }
  }
}

/** What the page's print button prints: the statement for contributions, else the page. */
function printTarget(page: Page, answers: Answers): PrintTarget | null {
  if (page !== 'contributions') return { kind: 'page', page };
  const years = answers.contributions?.years.map((y) => y.year) ?? [];
  return years.length > 0 ? { kind: 'statement', years } : null;
}

/**
 * Self-service inquiry after PIN + card authentication: a menu of pages, each loaded from the
 * central service through the session (nothing is kept after the session ends). Offline or
 * refused → the plain "not available now" message, never a half-filled page.
 */
export function InquiryScreen() {
  const { t } = useTranslation();
  const [page, setPage] = useState<Page | null>(null);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  // Printing switched off at this site: no print button (the main side refuses it too).
  const printing = useFunctionEnabled('print');

  useEffect(() => {
    if (!page) return;
    let live = true;
    const year = new Date().getFullYear();
    const settle = (results: readonly InquiryResult[], into: Answers = {}): Loaded => {
      const answers: Answers = { ...into };
      let error: CommandError | null = null;
      for (const r of results) {
        if (r.ok) put(answers, r.value);
        else error = r.error;
      }
      return error
        ? { state: 'failed', offline: error.code === 'central_unavailable' }
        : { state: 'ready', answers };
    };
    if (page === 'contributions') {
      // The latest years first, so the monthly table is up at once; the rest of the twenty
      // years (the chart, the year picker) follow while the citizen reads.
      void contributionsOf(year - RECENT_YEARS + 1, year).then((recent) => {
        if (!live) return;
        const first = settle([recent]);
        const haveRecent = first.state === 'ready' && recent.ok && hasYears(recent.value);
        if (haveRecent) setLoaded({ ...first, partial: true });
        void contributionsOf(year - YEARS_SHOWN + 1, year - RECENT_YEARS).then((older) => {
          if (!live) return;
          if (!haveRecent) {
            // Nothing in the latest years (retired, moved away): the older years are the page.
            setLoaded(first.state === 'failed' ? first : settle([older]));
            return;
          }
          const merged = older.ok && recent.ok ? mergeYears(older.value, recent.value) : null;
          setLoaded(merged ? settle([merged]) : { ...first, partial: false });
        });
      });
    } else {
      void Promise.all(
        CALLS[page].map((kind) => kioskApi().invoke('session.inquiry', { kind })),
      ).then((results) => {
        if (live) setLoaded(settle(results));
      });
    }
    return () => {
      live = false;
    };
  }, [page]);

  const finish = (
    <BigButton
      testId="btn-finish"
      variant="secondary"
      onPress={() => void kioskApi().invoke('session.finish', {})}
    >
      {t('session.finish')}
    </BigButton>
  );

  if (!page) {
    return (
      <section className="inquiry-screen" data-testid="screen-inquiry" data-state="menu">
        <h1>{t('inquiry.menuTitle')}</h1>
        <div className="inquiry-menu">
          {PAGES.map((p) => (
            <BigButton
              key={p}
              testId={`inquiry-${p}`}
              onPress={() => {
                setLoaded({ state: 'loading' });
                setPage(p);
              }}
            >
              {t(`inquiry.${p}`)}
            </BigButton>
          ))}
        </div>
        {finish}
      </section>
    );
  }
  const toPrint = loaded.state === 'ready' && printing ? printTarget(page, loaded.answers) : null;
  return (
    <section className="inquiry-screen" data-testid="screen-inquiry" data-state={page}>
      <h1>{t(`inquiry.${page}`)}</h1>
      <div className="inquiry-body" aria-live="polite">
        {loaded.state === 'loading' ? (
          <p className="session-note" data-testid="inquiry-loading">
            {t('inquiry.loading')}
          </p>
        ) : loaded.state === 'failed' ? (
          <p className="card-warning" role="alert" data-testid="inquiry-failed">
            {loaded.offline ? t('inquiry.offline') : t('inquiry.failed')}
          </p>
        ) : (
          <PageView page={page} answers={loaded.answers} partial={loaded.partial ?? false} />
        )}
      </div>
      <div className="inquiry-footer">
        {toPrint ? <PrintAction target={toPrint} /> : null}
        <BigButton testId="btn-inquiry-menu" variant="secondary" onPress={() => setPage(null)}>
          {t('inquiry.backToMenu')}
        </BigButton>
        {finish}
      </div>
    </section>
  );
}
