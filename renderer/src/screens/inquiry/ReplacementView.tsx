import { useTranslation } from 'react-i18next';
import type { CardSummary } from '../../../../server/api-types';
import { usePrefsStore } from '../../state/prefs';
import { formatDate } from './inquiry-model';
import './print.css';

type Stage = NonNullable<CardSummary['replacement']>['stage'];
const STAGES: readonly Stage[] = ['applied', 'in_production', 'ready_for_collection'];

/**
 * Replacement-card progress from the central card record: the three stages with the current
 * one marked, or — when there is no application — a plain sentence saying so and what to do.
 */
export function ReplacementView({ card }: { card: CardSummary }) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const r = card.replacement;
  if (!r) {
    return (
      <div className="inquiry-view" data-testid="view-replacement" data-stage="none">
        <p className="big-figure" data-testid="replacement-none">
          <strong>{t('replacementPage.none')}</strong>
        </p>
        <p className="session-note">{t('replacementPage.noneHint')}</p>
      </div>
    );
  }
  const current = STAGES.indexOf(r.stage);
  return (
    <div className="inquiry-view" data-testid="view-replacement" data-stage={r.stage}>
      <p className="session-note" data-testid="replacement-applied">
        {t('replacementPage.appliedAt', { date: formatDate(r.appliedAt, language) })}
      </p>
      <ol className="replacement-steps">
        {STAGES.map((stage, i) => {
          const state = i < current ? 'done' : i === current ? 'current' : 'pending';
          return (
            <li
              key={stage}
              className={`replacement-step ${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <strong>{t(`replacementPage.stages.${stage}`)}</strong>
              <small>
                {state === 'current' ? t('replacementPage.current') : t(`replacementPage.${state}`)}
              </small>
              {state === 'current' ? <span>{t(`replacementPage.stageHints.${stage}`)}</span> : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
