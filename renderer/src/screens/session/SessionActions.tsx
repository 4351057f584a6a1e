import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../../electron/contract';
import { useFlowStore } from '../../state/flow';
import { usePrefsStore } from '../../state/prefs';
import { useSessionStore } from '../../state/session';
import { BigButton } from '../../ui/BigButton';
import { formatDate } from '../inquiry/inquiry-model';
import './session.css';

type CardPhase = Extract<SessionState, { phase: 'card' }>;

/** Where the card status came from; said plainly when the centre could not be asked. */
function Source({ state }: { state: CardPhase }) {
  const { t } = useTranslation();
  return (
    <p
      className={state.statusSource === 'central' ? 'status-source' : 'status-source offline'}
      data-testid="status-source"
      data-source={state.statusSource}
    >
      {t(`session.source.${state.statusSource}`)}
    </p>
  );
}

function Replacement({ state }: { state: CardPhase }) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  if (!state.replacement) return null;
  return (
    <p className="session-note" data-testid="replacement">
      <strong>{t('session.replacement.title')}：</strong>
      {t(`session.replacement.${state.replacement.stage}`, {
        date: formatDate(state.replacement.appliedAt, language),
      })}
    </p>
  );
}

/**
 * After the card summary: what this card can do here, by its disposition — PIN and inquiry
 * for a normal card, activation for a sealed one, cancelling a pre-report, replacement
 * guidance for an expired card, the counter for a refused one.
 */
export function SessionActions() {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const state = useSessionStore((s) => s.citizen);
  const go = useFlowStore((s) => s.go);

  if (state.phase !== 'card') {
    return (
      <p className="session-note" data-testid="session-checking">
        {t('session.checking')}
      </p>
    );
  }
  const panel = (title: string, body: string | null, actions: React.ReactNode) => (
    <div
      className={`session-panel ${state.disposition}`}
      data-testid="session-panel"
      data-disposition={state.disposition}
    >
      <h2>{title}</h2>
      {body ? <p>{body}</p> : null}
      <Replacement state={state} />
      <div className="session-actions">{actions}</div>
      <Source state={state} />
    </div>
  );

  switch (state.disposition) {
    case 'normal':
      return panel(
        t('session.normal.title'),
        null,
        <BigButton
          testId="btn-inquiry"
          hint={t('session.normal.inquiryHint')}
          onPress={() => go({ name: state.authenticated ? 'inquiry' : 'pin' })}
        >
          {t('session.normal.inquiry')}
        </BigButton>,
      );
    case 'sealed':
      return panel(
        t('session.sealed.title'),
        t('session.sealed.body'),
        <BigButton
          testId="btn-activate"
          hint={t('session.sealed.activateHint')}
          onPress={() => go({ name: 'unavailable', feature: 'activation' })}
        >
          {t('session.sealed.activate')}
        </BigButton>,
      );
    case 'pre_reported_lost':
      return panel(
        t('session.lost.title'),
        [
          t('session.lost.body'),
          state.preReportValidUntil
            ? t('session.lost.validUntil', {
                date: formatDate(state.preReportValidUntil, language),
              })
            : '',
        ]
          .filter(Boolean)
          .join(' '),
        <BigButton
          testId="btn-cancel-loss"
          hint={t('session.lost.cancelHint')}
          onPress={() =>
            go(state.authenticated ? { name: 'cancel-loss' } : { name: 'pin', then: 'cancel-loss' })
          }
        >
          {t('session.lost.cancel')}
        </BigButton>,
      );
    case 'expired':
      return panel(
        t('session.expired.title'),
        t('session.expired.body'),
        <BigButton testId="btn-replacement-guide" onPress={() => go({ name: 'guide' })}>
          {t('session.expired.guide')}
        </BigButton>,
      );
    case 'refused':
      return panel(
        t('session.refused.title'),
        `${state.refusal ? t(`session.refused.${state.refusal}`) : ''}${t('session.refused.counter')}`,
        null,
      );
  }
}
