import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandError, LossCard, LossOutcome } from '../../../../electron/contract';
import { validateIdNumber } from '../../../../electron/domain/id-number';
import { kioskApi } from '../../api';
import { useDeviceStore } from '../../state/device';
import { useFlowStore } from '../../state/flow';
import { usePrefsStore } from '../../state/prefs';
import { BigButton } from '../../ui/BigButton';
import { ReceiptNote, useReceiptPrint } from '../../ui/ReceiptNote';
import { IdleCountdown } from '../../ui/IdleCountdown';
import { Keypad } from '../../ui/Keypad';
import { speak } from '../../ui/speech';
import { PinyinKeyboard } from './PinyinKeyboard';
import { formatInstant } from './time';
import './loss.css';

type Step =
  | { kind: 'id'; error: string | null }
  | { kind: 'name'; idNumber: string }
  | { kind: 'sending' }
  | {
      kind: 'code';
      sentTo: string;
      resendAt: number;
      warning: string | null;
    }
  | { kind: 'checking'; sentTo: string; resendAt: number }
  | { kind: 'locked' }
  | { kind: 'cards'; cards: LossCard[]; validityDays: number }
  | { kind: 'confirm'; card: LossCard; validityDays: number }
  | { kind: 'submitting' }
  | { kind: 'result'; outcome: LossOutcome }
  | { kind: 'message'; text: string; retry: 'id' | 'none' };

const STEP_NUMBER: Partial<Record<Step['kind'], number>> = {
  id: 1,
  name: 2,
  code: 3,
  checking: 3,
  cards: 4,
  confirm: 5,
};

/**
 * Loss pre-reporting without the card: ID number on the keypad (checked here before it is
 * sent, and again on the main side), the name by pinyin, the SMS code, the card, the plain
 * consequences, the outcome as it really is (confirmed / recorded / refused) and the receipt.
 * The ID number and name are in this screen's state only until they are sent.
 */
export function LossScreen() {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const home = useFlowStore((s) => s.home);
  const ui = useDeviceStore((s) => s.info?.ui);
  const [step, setStep] = useState<Step>({ kind: 'id', error: null });
  const [now, setNow] = useState(() => Date.now());

  const leave = () => {
    void kioskApi().invoke('loss.end', {});
    home();
  };

  useEffect(() => {
    speak(t('loss.title'), language);
  }, [language, t]);

  // The resend countdown ticks once a second while a code is awaited.
  const waitingCode = step.kind === 'code';
  useEffect(() => {
    if (!waitingCode) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitingCode]);

  const neutral = (e: CommandError) =>
    e.code === 'central_unavailable' ? t('loss.offline') : t('loss.tryLater');

  const submitId = (entry: string) => {
    const r = validateIdNumber(entry);
    if (!r.ok) setStep({ kind: 'id', error: t(`loss.id.errors.${r.error}`) });
    else setStep({ kind: 'name', idNumber: r.value.idNumber });
  };

  const start = (idNumber: string, name: string) => {
    setStep({ kind: 'sending' });
    void kioskApi()
      .invoke('loss.start', { idNumber, name })
      .then((r) => {
        if (r.ok) {
          setStep({
            kind: 'code',
            sentTo: r.value.sentTo,
            resendAt: Date.now() + r.value.resendAfterSeconds * 1000,
            warning: null,
          });
          return;
        }
        const reason = r.error.reason;
        if (r.error.code === 'bad_request' && reason && reason.startsWith('id_'))
          setStep({ kind: 'id', error: t(`loss.id.errors.${reason as 'id_length'}`) });
        else setStep({ kind: 'message', text: neutral(r.error), retry: 'id' });
      });
  };

  const resend = (sentTo: string) => {
    void kioskApi()
      .invoke('loss.resend', {})
      .then((r) => {
        if (r.ok)
          setStep({
            kind: 'code',
            sentTo: r.value.sentTo,
            resendAt: Date.now() + r.value.resendAfterSeconds * 1000,
            warning: t('loss.code.resent'),
          });
        else if (r.error.code === 'resend_too_soon')
          setStep({
            kind: 'code',
            sentTo,
            resendAt: Date.now() + (r.error.waitSeconds ?? 30) * 1000,
            warning: null,
          });
        else setStep({ kind: 'message', text: neutral(r.error), retry: 'id' });
      });
  };

  const verify = (code: string, sentTo: string, resendAt: number) => {
    setStep({ kind: 'checking', sentTo, resendAt });
    void kioskApi()
      .invoke('loss.verify', { code })
      .then((r) => {
        if (r.ok) {
          setStep({ kind: 'cards', cards: r.value.cards, validityDays: r.value.validityDays });
          return;
        }
        switch (r.error.code) {
          case 'code_invalid':
            setStep({
              kind: 'code',
              sentTo,
              resendAt,
              warning: t('loss.code.wrong', { count: r.error.attemptsLeft ?? 0 }),
            });
            break;
          case 'code_expired':
            setStep({ kind: 'code', sentTo, resendAt: 0, warning: t('loss.code.expired') });
            break;
          case 'locked_out':
            setStep({ kind: 'locked' });
            break;
          default:
            setStep({ kind: 'message', text: neutral(r.error), retry: 'id' });
        }
      });
  };

  const submit = (card: LossCard) => {
    setStep({ kind: 'submitting' });
    void kioskApi()
      .invoke('loss.submit', { cardRef: card.cardRef })
      .then((r) => {
        if (r.ok) setStep({ kind: 'result', outcome: r.value });
        else
          setStep({
            kind: 'message',
            text: r.error.code === 'not_recorded' ? t('loss.tryLater') : neutral(r.error),
            retry: 'none',
          });
      });
  };

  const stepNumber = STEP_NUMBER[step.kind];
  const body = (() => {
    switch (step.kind) {
      case 'id':
        return (
          <>
            <h1>{t('loss.id.title')}</h1>
            {step.error ? (
              <p className="loss-error" role="alert" data-testid="loss-id-error">
                {step.error}
              </p>
            ) : (
              <p className="loss-hint">{t('loss.id.hint')}</p>
            )}
            <Keypad
              testId="id-keypad"
              label={t('loss.id.title')}
              length={18}
              masked={false}
              withX
              onSubmit={submitId}
            />
          </>
        );
      case 'name':
        return (
          <>
            <h1>{t('loss.name.title')}</h1>
            <p className="loss-hint">{t('loss.name.hint')}</p>
            <PinyinKeyboard onDone={(name) => start(step.idNumber, name)} />
          </>
        );
      case 'sending':
      case 'checking':
      case 'submitting':
        return (
          <div className="message-screen" data-testid="loss-busy">
            <div className="spinner" aria-hidden="true" />
            <h1>
              {step.kind === 'sending'
                ? t('loss.code.sending')
                : step.kind === 'checking'
                  ? t('loss.code.checking')
                  : t('loss.confirm.submitting')}
            </h1>
          </div>
        );
      case 'code': {
        const wait = Math.max(0, Math.ceil((step.resendAt - now) / 1000));
        return (
          <>
            <h1>{t('loss.code.title')}</h1>
            <p className="loss-hint" data-testid="loss-sent-to">
              {t('loss.code.sentTo', { phone: step.sentTo })}
            </p>
            <p className="loss-small">{t('loss.code.uniform')}</p>
            {step.warning ? (
              <p className="loss-error" role="alert" data-testid="loss-code-warning">
                {step.warning}
              </p>
            ) : null}
            <Keypad
              key={step.warning ?? 'code'}
              testId="code-keypad"
              label={t('loss.code.label')}
              length={6}
              masked={false}
              autoSubmit
              onSubmit={(code) => verify(code, step.sentTo, step.resendAt)}
            />
            <button
              type="button"
              className="loss-resend"
              data-testid="loss-resend"
              disabled={wait > 0}
              onClick={() => resend(step.sentTo)}
            >
              {wait > 0 ? t('loss.code.resendIn', { seconds: wait }) : t('loss.code.resend')}
            </button>
          </>
        );
      }
      case 'locked':
        return (
          <div className="message-screen" data-testid="loss-locked">
            <h1>{t('loss.code.lockedTitle')}</h1>
            <p>{t('loss.code.lockedBody')}</p>
          </div>
        );
      case 'cards':
        return (
          <>
            <h1>{t('loss.cards.title')}</h1>
            {step.cards.length === 0 ? <p className="loss-hint">{t('loss.cards.none')}</p> : null}
            <div className="loss-cards">
              {step.cards.map((card) => (
                <button
                  key={card.cardRef}
                  type="button"
                  className="loss-card"
                  data-testid="loss-card"
                  disabled={!card.eligible}
                  onClick={() =>
                    setStep({ kind: 'confirm', card, validityDays: step.validityDays })
                  }
                >
                  <span className="loss-card-number">{card.cardNumberMasked}</span>
                  <span className="loss-card-meta">
                    {t(`loss.cards.status.${card.status}`)} ·{' '}
                    {t('loss.cards.bank', { bank: card.bank })}
                  </span>
                </button>
              ))}
            </div>
          </>
        );
      case 'confirm':
        return (
          <div className="loss-confirm" data-testid="loss-confirm">
            <h1>{t('loss.confirm.title')}</h1>
            <p className="loss-confirm-card">
              {t('loss.confirm.card', { card: step.card.cardNumberMasked })}
            </p>
            <h2>{t('loss.confirm.effects')}</h2>
            <ul className="loss-effects">
              <li>{t('loss.confirm.effect1')}</li>
              <li>{t('loss.confirm.effect2', { days: step.validityDays })}</li>
              <li>{t('loss.confirm.effect3')}</li>
              <li>{t('loss.confirm.effect4')}</li>
            </ul>
            <BigButton testId="btn-loss-submit" icon="⚠" onPress={() => submit(step.card)}>
              {t('loss.confirm.submit')}
            </BigButton>
          </div>
        );
      case 'result':
        return <LossResult outcome={step.outcome} />;
      case 'message':
        return (
          <div className="message-screen" data-testid="loss-message">
            <p>{step.text}</p>
            {step.retry === 'id' ? (
              <BigButton
                testId="btn-loss-retry"
                onPress={() => setStep({ kind: 'id', error: null })}
              >
                {t('loss.retry')}
              </BigButton>
            ) : null}
          </div>
        );
    }
  })();

  const finished = step.kind === 'result';
  return (
    <section className="loss-screen" data-testid="screen-loss" data-step={step.kind}>
      <header className="loss-header">
        <span className="loss-title">{t('loss.title')}</span>
        {stepNumber ? (
          <span className="loss-step" data-testid="loss-step">
            {t('loss.steps', { step: stepNumber })}
          </span>
        ) : null}
      </header>
      {body}
      {finished ? null : (
        <BigButton testId="btn-loss-exit" variant="secondary" onPress={leave}>
          {t('loss.exit')}
        </BigButton>
      )}
      {ui ? (
        <IdleCountdown
          key={step.kind}
          idleSeconds={ui.idleTimeoutSeconds}
          warningSeconds={ui.idleWarningSeconds}
          onTimeout={leave}
        />
      ) : null}
    </section>
  );
}

function LossResult({ outcome }: { outcome: LossOutcome }) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const home = useFlowStore((s) => s.home);
  const receipt = useReceiptPrint('loss.printReceipt');
  const done = () => {
    void kioskApi().invoke('loss.end', {});
    home();
  };
  const card = outcome.cardNumberMasked;
  const [title, bodyText] =
    outcome.outcome === 'confirmed'
      ? [t('loss.result.confirmedTitle'), t('loss.result.confirmedBody', { card })]
      : outcome.outcome === 'recorded'
        ? [t('loss.result.recordedTitle'), t('loss.result.recordedBody', { card })]
        : [t('loss.result.refusedTitle'), t('loss.result.refusedBody')];
  return (
    <div className="loss-result" data-testid="loss-result" data-outcome={outcome.outcome}>
      <h1>{title}</h1>
      <p>{bodyText}</p>
      <dl className="loss-facts">
        <dt>{t('loss.result.reference')}</dt>
        <dd data-testid="loss-reference">{outcome.reference}</dd>
        <dt>{t('loss.result.time')}</dt>
        <dd>{formatInstant(outcome.recordedAt, language)}</dd>
        {outcome.outcome === 'confirmed' ? (
          <>
            <dt>{t('loss.result.validLabel')}</dt>
            <dd data-testid="loss-valid-until">{formatInstant(outcome.validUntil, language)}</dd>
          </>
        ) : null}
      </dl>
      {outcome.outcome !== 'refused' ? (
        <p className="loss-small">{t('loss.result.nextSteps')}</p>
      ) : null}
      {outcome.outcome !== 'refused' ? (
        <BigButton testId="btn-loss-print" variant="secondary" onPress={receipt.print}>
          {receipt.request.state === 'asking' ? t('loss.result.printing') : t('loss.result.print')}
        </BigButton>
      ) : null}
      {receipt.request.state === 'idle' || receipt.request.state === 'asking' ? null : (
        <ReceiptNote outcome={receipt.request} testId="loss-print-state" className="loss-small" />
      )}
      <BigButton testId="btn-loss-done" onPress={done}>
        {t('loss.result.done')}
      </BigButton>
    </div>
  );
}
