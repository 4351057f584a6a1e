import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PinPurpose, SessionState } from '../../../../electron/contract';
import { kioskApi } from '../../api';
import { useFlowStore } from '../../state/flow';
import { useFunctionEnabled } from '../../state/functions';
import { FunctionOff } from '../common/UnavailableScreen';
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

/** Whether this card left during an earlier CHANGE PIN here: then the card must settle it. */
function useRecheck(inSession: boolean): PinPurpose | null {
  const [purpose, setPurpose] = useState<PinPurpose | null>(null);
  useEffect(() => {
    if (!inSession) return;
    let live = true;
    void kioskApi()
      .invoke('pin.recheckNeeded', {})
      .then((r) => {
        if (live && r.ok) setPurpose(r.value.purpose);
      });
    return () => {
      live = false;
    };
  }, [inSession]);
  return inSession ? purpose : null;
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
  const recheck = useRecheck(state.phase === 'card');
  // Functions switched off at this site: their button gives way to a line saying so.
  const inquiry = useFunctionEnabled('inquiry');
  const activation = useFunctionEnabled('activation');
  const changePin = useFunctionEnabled('change_pin');
  const cancelLoss = useFunctionEnabled('cancel_loss_report');
  const guide = useFunctionEnabled('guide');

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

  if (recheck && (state.disposition === 'normal' || state.disposition === 'sealed'))
    return panel(
      t('pinChange.recheck.title'),
      t('pinChange.recheck.body'),
      <BigButton
        testId="btn-pin-recheck"
        onPress={() => go({ name: 'pin-change', purpose: recheck, recheck: true })}
      >
        {t('pinChange.recheck.button')}
      </BigButton>,
    );

  switch (state.disposition) {
    case 'normal':
      return panel(
        t('session.normal.title'),
        null,
        <>
          {inquiry ? (
            <BigButton
              testId="btn-inquiry"
              hint={t('session.normal.inquiryHint')}
              onPress={() => go({ name: state.authenticated ? 'inquiry' : 'pin' })}
            >
              {t('session.normal.inquiry')}
            </BigButton>
          ) : (
            <FunctionOff fn="inquiry" />
          )}
          {changePin ? (
            <BigButton
              testId="btn-change-pin"
              variant="secondary"
              hint={t('pinChange.changeHint')}
              onPress={() => go({ name: 'pin-change', purpose: 'change', recheck: false })}
            >
              {t('pinChange.changeButton')}
            </BigButton>
          ) : (
            <FunctionOff fn="change_pin" />
          )}
        </>,
      );
    case 'sealed':
      return panel(
        t('session.sealed.title'),
        t('session.sealed.body'),
        activation ? (
          <BigButton
            testId="btn-activate"
            hint={t('session.sealed.activateHint')}
            onPress={() => go({ name: 'pin-change', purpose: 'activation', recheck: false })}
          >
            {t('session.sealed.activate')}
          </BigButton>
        ) : (
          <FunctionOff fn="activation" />
        ),
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
        cancelLoss ? (
          <BigButton
            testId="btn-cancel-loss"
            hint={t('session.lost.cancelHint')}
            onPress={() =>
              go(
                state.authenticated
                  ? { name: 'cancel-loss' }
                  : { name: 'pin', then: 'cancel-loss' },
              )
            }
          >
            {t('session.lost.cancel')}
          </BigButton>
        ) : (
          <FunctionOff fn="cancel_loss_report" />
        ),
      );
    case 'expired':
      return panel(
        t('session.expired.title'),
        t('session.expired.body'),
        guide ? (
          <BigButton testId="btn-replacement-guide" onPress={() => go({ name: 'guide' })}>
            {t('session.expired.guide')}
          </BigButton>
        ) : null,
      );
    case 'refused':
      return panel(
        t('session.refused.title'),
        `${state.refusal ? t(`session.refused.${state.refusal}`) : ''}${t('session.refused.counter')}`,
        null,
      );
  }
}
