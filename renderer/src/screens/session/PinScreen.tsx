import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskApi } from '../../api';
import { useDeviceStore } from '../../state/device';
import { useFlowStore } from '../../state/flow';
import { usePrefsStore } from '../../state/prefs';
import { BigButton } from '../../ui/BigButton';
import { Keypad } from '../../ui/Keypad';
import { speak } from '../../ui/speech';
import { lastTryWarning, useCardPinState } from './card-pin-state';

type Outcome =
  /** `ahead`: the tries left come from the card before any digit here, not from a wrong PIN. */
  | { kind: 'entering'; triesLeft: number | null; ahead?: boolean }
  | { kind: 'checking' }
  | { kind: 'blocked' }
  | { kind: 'failed' }
  | { kind: 'offline' }
  | { kind: 'not_genuine' };

/**
 * The PIN on the large keypad. The digits live only in the keypad's state and in the one
 * `session.verifyPin` call that takes them to the card; nothing here keeps them. Tries left
 * come from the card; a blocked PIN sends the citizen to the counter.
 */
export function PinScreen() {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const shuffled = useDeviceStore((s) => s.info?.ui.shuffledKeypad ?? false);
  const go = useFlowStore((s) => s.go);
  const then = useFlowStore((s) => (s.screen.name === 'pin' ? s.screen.then : undefined));
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'entering', triesLeft: null });

  useEffect(() => {
    speak(t('session.pin.title'), language);
  }, [language, t]);

  // Blocked already: say so before any typing; on the last try, warn before the first digit.
  useCardPinState((cardPin) => {
    const lastTry = lastTryWarning(cardPin);
    setOutcome((o) =>
      o.kind !== 'entering' || o.triesLeft !== null
        ? o
        : cardPin.state === 'blocked'
          ? { kind: 'blocked' }
          : lastTry !== null
            ? { kind: 'entering', triesLeft: lastTry, ahead: true }
            : o,
    );
  });

  const submit = (pin: string) => {
    setOutcome({ kind: 'checking' });
    void kioskApi()
      .invoke('session.verifyPin', { pin })
      .then((r) => {
        if (r.ok) {
          if (r.value.authenticated) go({ name: then ?? 'inquiry' });
          else setOutcome({ kind: 'offline' });
          return;
        }
        switch (r.error.code) {
          case 'wrong_pin':
            setOutcome({ kind: 'entering', triesLeft: r.error.triesLeft ?? null });
            break;
          case 'pin_blocked':
            setOutcome({ kind: 'blocked' });
            break;
          case 'not_genuine':
            setOutcome({ kind: 'not_genuine' });
            break;
          default:
            setOutcome({ kind: 'failed' });
        }
      });
  };

  if (outcome.kind === 'checking') {
    return (
      <section className="message-screen" data-testid="screen-pin" data-state="checking">
        <div className="spinner" aria-hidden="true" />
        <h1>{t('session.pin.checking')}</h1>
      </section>
    );
  }
  if (outcome.kind !== 'entering') {
    const [title, body] =
      outcome.kind === 'blocked'
        ? [t('session.pin.blockedTitle'), t('session.pin.blockedBody')]
        : outcome.kind === 'offline'
          ? [t('session.pin.offlineTitle'), t('session.pin.offlineBody')]
          : outcome.kind === 'not_genuine'
            ? [t('session.pin.notGenuineTitle'), t('session.pin.notGenuineBody')]
            : [t('session.pin.failed'), ''];
    return (
      <section className="message-screen" data-testid="screen-pin" data-state={outcome.kind}>
        <h1>{title}</h1>
        {body ? <p>{body}</p> : null}
        <BigButton
          testId="btn-finish"
          variant="secondary"
          onPress={() => void kioskApi().invoke('session.finish', {})}
        >
          {t('session.finish')}
        </BigButton>
      </section>
    );
  }
  const warning =
    outcome.triesLeft === null
      ? null
      : outcome.ahead
        ? t('session.pin.lastTryAhead')
        : outcome.triesLeft <= 1
          ? t('session.pin.wrongLast')
          : t('session.pin.wrong', { count: outcome.triesLeft });
  return (
    <section className="pin-screen" data-testid="screen-pin" data-state="entering">
      <h1>{t('session.pin.title')}</h1>
      {warning ? (
        <p className="pin-warning" role="alert" data-testid="pin-warning">
          {warning}
        </p>
      ) : (
        <p className="pin-hint">{t('session.pin.hint')}</p>
      )}
      <Keypad label={t('session.pin.title')} onSubmit={submit} shuffled={shuffled} masked />
      <BigButton testId="btn-pin-cancel" variant="secondary" onPress={() => go({ name: 'card' })}>
        {t('session.pin.cancel')}
      </BigButton>
    </section>
  );
}
