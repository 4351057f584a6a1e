import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandError, InquiryAnswer, InquiryKind } from '../../../../electron/contract';
import { kioskApi } from '../../api';
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

/** The central answers by kind, as the contract carries them. */
type Answers = Partial<{ [K in InquiryKind]: Extract<InquiryAnswer, { kind: K }>['data'] }>;

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; offline: boolean }
  | { state: 'ready'; answers: Answers };

function put(into: Answers, a: InquiryAnswer): void {
  (into as Record<string, unknown>)[a.kind] = a.data;
}

function PageView({ page, answers }: { page: Page; answers: Answers }) {
  switch (page) {
    case 'person': {
      const person = answers.person;
      const insurances = answers.insurances;
      return person && insurances ? <PersonView person={person} insurances={insurances} /> : null;
    }
    case 'contributions': {
      const data = answers.contributions;
      return data ? <ContributionsView data={data} /> : null;
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

  useEffect(() => {
    if (!page) return;
    let live = true;
    const year = new Date().getFullYear();
    void Promise.all(
      CALLS[page].map((kind) =>
        kioskApi().invoke(
          'session.inquiry',
          kind === 'contributions'
            ? { kind, fromYear: year - YEARS_SHOWN + 1, toYear: year }
            : { kind },
        ),
      ),
    ).then((results) => {
      if (!live) return;
      const answers: Answers = {};
      let error: CommandError | null = null;
      for (const r of results) {
        if (r.ok) put(answers, r.value);
        else error = r.error;
      }
      setLoaded(
        error
          ? { state: 'failed', offline: error.code === 'central_unavailable' }
          : { state: 'ready', answers },
      );
    });
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
  const toPrint = loaded.state === 'ready' ? printTarget(page, loaded.answers) : null;
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
          <PageView page={page} answers={loaded.answers} />
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
