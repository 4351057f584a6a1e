import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardRead, Language, SafeCardSummary } from '../../../../electron/contract';
import { usePrefsStore } from '../../state/prefs';
import { useSessionStore } from '../../state/session';
import { kioskApi } from '../../api';
import { BigButton } from '../../ui/BigButton';
import { SessionActions } from '../session/SessionActions';

/** 2029-06-01 → 2029年6月1日 in Chinese; ISO in English (unambiguous for any reader). */
function formatDate(iso: string, language: Language): string {
  if (language !== 'zh-CN') return iso;
  const [y, m, d] = iso.split('-');
  return `${y ?? ''}年${Number(m)}月${Number(d)}日`;
}

function SummaryPanel({ summary }: { summary: SafeCardSummary }) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const generation = summary.specVersion.startsWith('3') ? t('card.gen3') : t('card.gen2');
  const rows: { key: string; label: string; value: string }[] = [
    {
      key: 'holder',
      label: t('card.holder'),
      value: summary.maskedName ?? t('card.holderLocked'),
    },
    { key: 'number', label: t('card.number'), value: summary.maskedCardNumber },
    { key: 'type', label: t('card.type'), value: t(`card.types.${summary.cardType}`) },
    { key: 'generation', label: t('card.generation'), value: generation },
    { key: 'issued', label: t('card.issued'), value: formatDate(summary.issueDate, language) },
    { key: 'expires', label: t('card.expires'), value: formatDate(summary.expiryDate, language) },
  ];
  return (
    <dl className="card-summary" data-testid="card-summary">
      {rows.map((r) => (
        <div key={r.key} className="card-summary-row" data-testid={`card-${r.key}`}>
          <dt>{r.label}</dt>
          <dd className={r.key === 'expires' && summary.expired ? 'expired' : undefined}>
            {r.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Outcome({ read }: { read: CardRead }) {
  const { t } = useTranslation();
  if (read.outcome === 'ssc_card') {
    const { summary } = read;
    return (
      <>
        <h1>{summary.expired ? t('card.expiredTitle') : t('card.readTitle')}</h1>
        {summary.expired ? (
          <p className="card-warning" role="alert" data-testid="card-expired-warning">
            {t('card.expiredWarning')}
          </p>
        ) : null}
        {summary.cardNumberValid ? null : (
          <p className="card-warning" role="alert" data-testid="card-number-invalid">
            {t('card.numberInvalid')}
          </p>
        )}
        <SummaryPanel summary={summary} />
        <SessionActions />
      </>
    );
  }
  if (read.outcome === 'not_ssc_card') {
    return (
      <>
        <div className="card-icon bad" aria-hidden="true">
          ✕
        </div>
        <h1>{t('card.notSscTitle')}</h1>
        <p>{t('card.notSscBody')}</p>
      </>
    );
  }
  return (
    <>
      <div className="card-icon bad" aria-hidden="true">
        !
      </div>
      <h1>{t('card.unreadableTitle')}</h1>
      <p>{t(`card.unreadable.${read.category}`)}</p>
    </>
  );
}

/**
 * From insertion until the card leaves: "reading, do not remove" while the card service reads,
 * then the outcome — the masked card summary, or guidance to take the card out and re-insert.
 * Removing the card returns to the attract screen (wire.ts).
 */
export function CardScreen() {
  const { t } = useTranslation();
  const read = useSessionStore((s) => s.read);
  const [finishing, setFinishing] = useState(false);

  if (finishing) {
    return (
      <section className="message-screen" data-testid="screen-card" data-state="take-card">
        <div className="card-icon" aria-hidden="true">
          ⇧
        </div>
        <h1>{t('card.takeCard')}</h1>
      </section>
    );
  }
  if (read === null) {
    return (
      <section className="message-screen" data-testid="screen-card" data-state="reading">
        <div className="spinner" aria-hidden="true" />
        <h1>{t('card.reading')}</h1>
        <p>{t('card.readingHint')}</p>
      </section>
    );
  }
  return (
    <section
      className="message-screen card-screen"
      data-testid="screen-card"
      data-state={read.outcome}
    >
      <div className="card-outcome" aria-live="polite">
        <Outcome read={read} />
      </div>
      <div className="card-actions">
        <BigButton
          variant="secondary"
          testId="btn-finish"
          onPress={() => {
            setFinishing(true);
            void kioskApi().invoke('session.finish', {});
          }}
        >
          {read.outcome === 'ssc_card' ? t('card.finish') : t('card.takeOut')}
        </BigButton>
      </div>
    </section>
  );
}
