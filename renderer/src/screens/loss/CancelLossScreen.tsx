import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CancelOutcome } from '../../../../electron/contract';
import { kioskApi } from '../../api';
import { usePrefsStore } from '../../state/prefs';
import { useSessionStore } from '../../state/session';
import { BigButton } from '../../ui/BigButton';
import { ReceiptNote, useReceiptPrint } from '../../ui/ReceiptNote';
import { formatInstant } from './time';
import './loss.css';

type State =
  | { kind: 'ask' }
  | { kind: 'working' }
  | { kind: 'done'; outcome: CancelOutcome }
  | { kind: 'refused'; replacement: boolean }
  | { kind: 'offline' };

/**
 * Cancelling the pre-report of the card in the slot, after PIN + card authentication. Only
 * the central service's answer makes it "cancelled"; without it the card stays pre-reported
 * and the screen says so.
 */
export function CancelLossScreen() {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const citizen = useSessionStore((s) => s.citizen);
  const [state, setState] = useState<State>(() =>
    citizen.phase === 'card' && citizen.replacement
      ? { kind: 'refused', replacement: true }
      : { kind: 'ask' },
  );
  const receipt = useReceiptPrint('cancelLoss.printReceipt');
  const card = citizen.phase === 'card' ? citizen.card.cardNumberMasked : '';

  const submit = () => {
    setState({ kind: 'working' });
    void kioskApi()
      .invoke('cancelLoss.submit', {})
      .then((r) => {
        if (r.ok) setState({ kind: 'done', outcome: r.value });
        else if (r.error.code === 'central_unavailable') setState({ kind: 'offline' });
        else
          setState({
            kind: 'refused',
            replacement: r.error.reason === 'replacement_in_progress',
          });
      });
  };
  const finish = (
    <BigButton
      testId="btn-finish"
      variant="secondary"
      onPress={() => void kioskApi().invoke('session.finish', {})}
    >
      {t('loss.cancel.finish')}
    </BigButton>
  );

  const body = (() => {
    switch (state.kind) {
      case 'ask':
        return (
          <>
            <h1>{t('loss.cancel.title')}</h1>
            <p className="loss-confirm-card">{t('loss.cancel.card', { card })}</p>
            <p>{t('loss.cancel.body')}</p>
            <BigButton testId="btn-cancel-loss-confirm" onPress={submit}>
              {t('loss.cancel.confirm')}
            </BigButton>
            {finish}
          </>
        );
      case 'working':
        return (
          <div className="message-screen">
            <div className="spinner" aria-hidden="true" />
            <h1>{t('loss.cancel.working')}</h1>
          </div>
        );
      case 'done':
        return (
          <div className="loss-result" data-testid="cancel-loss-result" data-outcome="cancelled">
            <h1>{t('loss.cancel.doneTitle')}</h1>
            <p>{t('loss.cancel.doneBody', { card: state.outcome.cardNumberMasked })}</p>
            <dl className="loss-facts">
              <dt>{t('loss.result.reference')}</dt>
              <dd data-testid="cancel-reference">{state.outcome.reference}</dd>
              <dt>{t('loss.result.time')}</dt>
              <dd>{formatInstant(state.outcome.cancelledAt, language)}</dd>
            </dl>
            <BigButton testId="btn-cancel-print" variant="secondary" onPress={receipt.print}>
              {receipt.request.state === 'asking'
                ? t('loss.result.printing')
                : t('loss.result.print')}
            </BigButton>
            {receipt.request.state === 'idle' || receipt.request.state === 'asking' ? null : (
              <ReceiptNote
                outcome={receipt.request}
                testId="cancel-print-state"
                className="loss-small"
              />
            )}
            {finish}
          </div>
        );
      case 'refused':
        return (
          <div className="message-screen" data-testid="cancel-loss-refused">
            <h1>{t('loss.cancel.replacementTitle')}</h1>
            <p>
              {state.replacement
                ? t('loss.cancel.replacementBody')
                : t('loss.cancel.notAllowedBody')}
            </p>
            {finish}
          </div>
        );
      case 'offline':
        return (
          <div className="message-screen" data-testid="cancel-loss-offline">
            <p>{t('loss.cancel.offline')}</p>
            <BigButton testId="btn-cancel-retry" onPress={submit}>
              {t('loss.retry')}
            </BigButton>
            {finish}
          </div>
        );
    }
  })();
  return (
    <section className="loss-screen" data-testid="screen-cancel-loss" data-state={state.kind}>
      {body}
    </section>
  );
}
