import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PinChangeOutcome, PinPolicyReason, PinPurpose } from '../../../../electron/contract';
import { kioskApi } from '../../api';
import { useDeviceStore } from '../../state/device';
import { useFlowStore } from '../../state/flow';
import { usePrefsStore } from '../../state/prefs';
import { useSessionStore } from '../../state/session';
import type { pinChangeZh } from '../../i18n/pin-strings';
import { BigButton } from '../../ui/BigButton';
import { Keypad } from '../../ui/Keypad';
import { ReceiptNote, type ReceiptOutcome } from '../../ui/ReceiptNote';
import { speak } from '../../ui/speech';
import { useCardPinState } from '../session/card-pin-state';
import './pin-change.css';

type Ending =
  | 'activated'
  | 'activation_pending'
  | 'changed'
  | 'change_pending'
  | 'rejected'
  | 'not_recorded'
  | 'removed_before'
  | 'unknown'
  | 'recheck_not_changed'
  | 'recheck_blocked'
  | 'blocked'
  | 'failed'
  | 'unavailable';

type Step =
  | { kind: 'explain' }
  | { kind: 'old'; triesLeft: number | null }
  | { kind: 'new'; reason: PinPolicyReason | 'mismatch' | null }
  | { kind: 'again' }
  /** `which`: the new PIN first; the previous one when the citizen is unsure it took effect */
  | { kind: 'recheck'; which: 'new' | 'old'; triesLeft: number | null; refusedNew: boolean }
  | { kind: 'working' }
  | { kind: 'confirming'; reference: string }
  | {
      kind: 'outcome';
      ending: Ending;
      reference: string | null;
      /** null: no receipt (none printed, or not this outcome) */
      receipt: ReceiptOutcome | null;
      bank: string | null;
    };

type OutcomeKey = keyof typeof pinChangeZh.outcome;
const ENDING_TEXT: Record<Ending, readonly [OutcomeKey, OutcomeKey]> = {
  activated: ['activatedTitle', 'activatedBody'],
  activation_pending: ['activationPendingTitle', 'activationPendingBody'],
  changed: ['changedTitle', 'changedBody'],
  change_pending: ['changedTitle', 'changePendingBody'],
  rejected: ['rejectedTitle', 'rejectedBody'],
  not_recorded: ['notRecordedTitle', 'notRecordedBody'],
  removed_before: ['removedBeforeTitle', 'removedBeforeBody'],
  unknown: ['unknownTitle', 'unknownBody'],
  recheck_not_changed: ['recheckNotChangedTitle', 'recheckNotChangedBody'],
  recheck_blocked: ['blockedTitle', 'recheckBlockedBody'],
  blocked: ['blockedTitle', 'blockedBody'],
  failed: ['failedTitle', 'failedBody'],
  unavailable: ['unavailableTitle', 'unavailableBody'],
};

const ENTERING = new Set<Step['kind']>(['explain', 'old', 'new', 'again', 'recheck']);

/** Endings after which the PIN on the card is the new one. */
const PIN_CHANGED = new Set<Ending>([
  'activated',
  'activation_pending',
  'changed',
  'change_pending',
  'rejected',
  'not_recorded',
]);

/**
 * Activation of a sealed card and change PIN of an active one. The PINs live in refs of this
 * component only until the one `pin.change` call that takes them to the main side (and from
 * there to the card); then the refs are emptied. The card may be pulled at any step: the
 * screen stays and says whether the PIN changed.
 */
export function PinChangeScreen({
  purpose,
  recheck,
}: {
  readonly purpose: PinPurpose;
  readonly recheck: boolean;
}) {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const shuffled = useDeviceStore((s) => s.info?.ui.shuffledKeypad ?? false);
  const cardIn = useSessionStore((s) => s.card !== null);
  const go = useFlowStore((s) => s.go);
  const home = useFlowStore((s) => s.home);
  const [shown, setStep] = useState<Step>(
    recheck
      ? { kind: 'recheck', which: 'new', triesLeft: null, refusedNew: false }
      : purpose === 'activation'
        ? { kind: 'explain' }
        : { kind: 'old', triesLeft: null },
  );
  const oldPin = useRef('');
  const newPin = useRef('');
  const forget = () => {
    oldPin.current = '';
    newPin.current = '';
  };
  useEffect(() => forget, []);

  const title =
    purpose === 'activation' ? t('pinChange.activationTitle') : t('pinChange.changeTitle');
  useEffect(() => {
    speak(title, language);
  }, [title, language]);

  // Blocked already: the ending at once, not after digits typed for nothing (a re-check then
  // cannot tell whether the PIN changed).
  useCardPinState((cardPin) => {
    setStep((s) => {
      const untouched =
        s.kind === 'explain' ||
        ((s.kind === 'old' || s.kind === 'recheck') && s.triesLeft === null);
      if (!untouched) return s;
      if (cardPin.state === 'blocked')
        return {
          kind: 'outcome',
          ending: recheck ? 'recheck_blocked' : 'blocked',
          reference: null,
          receipt: null,
          bank: null,
        };
      return s;
    });
  });

  // The card left before CHANGE PIN was sent: nothing changed on it. Say so.
  const entering = ENTERING.has(shown.kind);
  const step: Step =
    !cardIn && entering
      ? { kind: 'outcome', ending: 'removed_before', reference: null, receipt: null, bank: null }
      : shown;
  useEffect(() => {
    if (!cardIn) forget();
  }, [cardIn]);

  // A finished screen with no card left goes back to the start by itself after a while.
  const finishedWithoutCard = step.kind === 'outcome' && !cardIn;
  useEffect(() => {
    if (!finishedWithoutCard) return;
    const timer = setTimeout(home, 90_000);
    return () => clearTimeout(timer);
  }, [finishedWithoutCard, home]);

  const end = (ending: Ending, bank: string | null = null, reference: string | null = null) =>
    setStep({ kind: 'outcome', ending, reference, receipt: null, bank });

  const failure = (code: string): Ending =>
    code === 'pin_blocked'
      ? 'blocked'
      : code === 'no_card'
        ? 'removed_before'
        : code === 'not_available'
          ? 'unavailable'
          : 'failed';

  const confirm = (reference: string, bank: string | null) => {
    setStep({ kind: 'confirming', reference });
    void kioskApi()
      .invoke('pin.confirm', { reference })
      .then((r) => {
        const delivery = r.ok ? r.value.delivery : 'pending';
        const ending: Ending =
          delivery === 'rejected'
            ? 'rejected'
            : purpose === 'activation'
              ? delivery === 'confirmed'
                ? 'activated'
                : 'activation_pending'
              : delivery === 'confirmed'
                ? 'changed'
                : 'change_pending';
        setStep({
          kind: 'outcome',
          ending,
          reference,
          // No answer: the receipt may still come out, so "unknown", never "not printed".
          receipt: !r.ok
            ? { state: 'unknown', reason: null }
            : r.value.receipt === 'none'
              ? null
              : { state: r.value.receipt, reason: r.value.receiptReason },
          bank,
        });
      });
  };

  const afterChange = (o: PinChangeOutcome) => {
    if (o.pinChanged === 'unknown') return end('unknown', o.bank);
    if (o.pinChanged === 'no') return end('recheck_not_changed', o.bank);
    if (o.reference === null) return end('not_recorded', o.bank);
    confirm(o.reference, o.bank);
  };

  const submitOld = (pin: string) => {
    setStep({ kind: 'working' });
    void kioskApi()
      .invoke('pin.verifyCurrent', { purpose, pin })
      .then((r) => {
        if (r.ok) {
          oldPin.current = pin;
          setStep({ kind: 'new', reason: null });
        } else if (r.error.code === 'wrong_pin')
          setStep({ kind: 'old', triesLeft: r.error.triesLeft ?? null });
        else end(failure(r.error.code));
      });
  };

  const submitNew = (pin: string) => {
    void kioskApi()
      .invoke('pin.checkNew', { oldPin: oldPin.current, newPin: pin })
      .then((r) => {
        if (!r.ok) return end(failure(r.error.code));
        if (!r.value.accepted) return setStep({ kind: 'new', reason: r.value.reason ?? 'format' });
        newPin.current = pin;
        setStep({ kind: 'again' });
      });
  };

  const submitAgain = (pin: string) => {
    if (pin !== newPin.current) {
      newPin.current = '';
      return setStep({ kind: 'new', reason: 'mismatch' });
    }
    const request = { purpose, oldPin: oldPin.current, newPin: newPin.current };
    forget();
    setStep({ kind: 'working' });
    void kioskApi()
      .invoke('pin.change', request)
      .then((r) => {
        if (r.ok) return afterChange(r.value);
        if (r.error.code === 'bad_request') return setStep({ kind: 'new', reason: 'format' });
        end(failure(r.error.code));
      });
  };

  /** A refused PIN settles nothing (it may be mistyped): tries left, and the other PIN offered. */
  const submitRecheck = (which: 'new' | 'old', refusedNew: boolean) => (pin: string) => {
    setStep({ kind: 'working' });
    void kioskApi()
      .invoke('pin.recheck', { which, pin })
      .then((r) => {
        if (r.ok) return afterChange(r.value);
        if (r.error.code === 'wrong_pin')
          return setStep({
            kind: 'recheck',
            which,
            triesLeft: r.error.triesLeft ?? null,
            refusedNew: refusedNew || which === 'new',
          });
        end(r.error.code === 'pin_blocked' ? 'recheck_blocked' : failure(r.error.code));
      });
  };

  const cancel = (
    <BigButton
      testId="btn-pin-change-cancel"
      variant="secondary"
      onPress={() => go({ name: 'card' })}
    >
      {t('pinChange.cancel')}
    </BigButton>
  );
  const triesWarning = (triesLeft: number | null) =>
    triesLeft === null ? null : (
      <p className="pin-warning" role="alert" data-testid="pin-warning">
        {triesLeft <= 1 ? t('session.pin.wrongLast') : t('session.pin.wrong', { count: triesLeft })}
      </p>
    );

  switch (step.kind) {
    case 'explain':
      return (
        <section className="pin-change-screen" data-testid="screen-pin-change" data-state="explain">
          <h1>{title}</h1>
          <p>{t('pinChange.explain.intro')}</p>
          <ol className="pin-change-steps" data-testid="activation-steps">
            <li>{t('pinChange.explain.step1')}</li>
            <li>{t('pinChange.explain.step2')}</li>
            <li>{t('pinChange.explain.step3')}</li>
            <li>{t('pinChange.explain.step4')}</li>
          </ol>
          <BigButton
            testId="btn-activation-start"
            onPress={() => setStep({ kind: 'old', triesLeft: null })}
          >
            {t('pinChange.explain.start')}
          </BigButton>
          {cancel}
        </section>
      );
    case 'recheck': {
      const { which, triesLeft, refusedNew } = step;
      const label =
        which === 'new' ? t('pinChange.recheck.title') : t('pinChange.recheck.oldTitle');
      const other = which === 'new' ? 'old' : 'new';
      return (
        <section
          className="pin-screen pin-recheck"
          data-testid="screen-pin-change"
          data-state="recheck"
          data-which={which}
        >
          <h1>{label}</h1>
          {which === 'new' && triesLeft === null ? (
            <p className="pin-hint">{t('pinChange.recheck.body')}</p>
          ) : null}
          {triesWarning(triesLeft)}
          {which === 'old' ? (
            <p className="pin-recheck-offer" data-testid="recheck-old-body">
              {t('pinChange.recheck.oldBody')}
            </p>
          ) : null}
          {which === 'new' && refusedNew ? (
            <p className="pin-recheck-offer" data-testid="recheck-offer">
              {t('pinChange.recheck.offerOld')}
            </p>
          ) : null}
          <Keypad
            key={`recheck-${which}-${triesLeft ?? 'n'}`}
            label={label}
            onSubmit={submitRecheck(which, refusedNew)}
            shuffled={shuffled}
            masked
          />
          {refusedNew ? (
            <BigButton
              testId={`btn-recheck-${other}`}
              variant={which === 'new' ? 'primary' : 'secondary'}
              onPress={() => setStep({ kind: 'recheck', which: other, triesLeft, refusedNew })}
            >
              {which === 'new' ? t('pinChange.recheck.useOld') : t('pinChange.recheck.useNew')}
            </BigButton>
          ) : null}
          {cancel}
        </section>
      );
    }
    case 'old': {
      const label =
        purpose === 'activation' ? t('pinChange.old.activation') : t('pinChange.old.change');
      return (
        <section className="pin-screen" data-testid="screen-pin-change" data-state="old">
          <h1>{label}</h1>
          {triesWarning(step.triesLeft) ?? <p className="pin-hint">{t('pinChange.old.hint')}</p>}
          <Keypad
            key={`old-${step.triesLeft ?? 'n'}`}
            label={label}
            onSubmit={submitOld}
            shuffled={shuffled}
            masked
          />
          {cancel}
        </section>
      );
    }
    case 'new':
      return (
        <section className="pin-screen" data-testid="screen-pin-change" data-state="new">
          <h1>{t('pinChange.new.title')}</h1>
          {step.reason ? (
            <p
              className="pin-warning"
              role="alert"
              data-testid="policy-reason"
              data-reason={step.reason}
            >
              {t(`pinChange.reason.${step.reason}`)}
            </p>
          ) : (
            <p className="pin-hint" data-testid="policy-rules">
              {t('pinChange.new.rules')}
            </p>
          )}
          <Keypad
            key={`new-${step.reason ?? 'n'}`}
            label={t('pinChange.new.title')}
            onSubmit={submitNew}
            shuffled={shuffled}
            masked
          />
          {cancel}
        </section>
      );
    case 'again':
      return (
        <section className="pin-screen" data-testid="screen-pin-change" data-state="again">
          <h1>{t('pinChange.again.title')}</h1>
          <p className="pin-hint">{t('pinChange.old.hint')}</p>
          <Keypad
            key="again"
            label={t('pinChange.again.title')}
            onSubmit={submitAgain}
            shuffled={shuffled}
            masked
          />
          {cancel}
        </section>
      );
    case 'working':
    case 'confirming':
      return (
        <section className="message-screen" data-testid="screen-pin-change" data-state={step.kind}>
          <div className="spinner" aria-hidden="true" />
          <h1>{step.kind === 'working' ? t('pinChange.working') : t('pinChange.confirming')}</h1>
          {step.kind === 'confirming' ? (
            <p data-testid="pin-change-reference">
              {t('pinChange.reference', { reference: step.reference })}
            </p>
          ) : null}
        </section>
      );
    case 'outcome': {
      const [head, body] = ENDING_TEXT[step.ending];
      const changed = PIN_CHANGED.has(step.ending);
      const good = step.ending === 'activated' || step.ending === 'changed';
      return (
        <section
          className={`message-screen pin-change-outcome ${good ? 'good' : changed ? 'pending' : 'bad'}`}
          data-testid="screen-pin-change"
          data-state="outcome"
          data-ending={step.ending}
        >
          <div className={`card-icon ${good ? '' : 'bad'}`} aria-hidden="true">
            {good ? '✓' : '!'}
          </div>
          <h1 data-testid="pin-change-title">{t(`pinChange.outcome.${head}`)}</h1>
          <p data-testid="pin-change-body">{t(`pinChange.outcome.${body}`)}</p>
          {step.reference ? (
            <p className="pin-change-reference" data-testid="pin-change-reference">
              {t('pinChange.reference', { reference: step.reference })}
            </p>
          ) : null}
          {changed && purpose === 'activation' ? (
            <p className="session-note" data-testid="bank-note">
              {step.bank ? t('pinChange.bank', { bank: step.bank }) : t('pinChange.bankUnknown')}
            </p>
          ) : null}
          {step.receipt ? (
            <ReceiptNote outcome={step.receipt} testId="receipt-note" className="session-note" />
          ) : null}
          {cardIn ? null : <p className="session-note">{t('pinChange.outcome.cardRemoved')}</p>}
          {cardIn ? (
            <BigButton testId="btn-pin-change-menu" onPress={() => go({ name: 'card' })}>
              {t('pinChange.backToMenu')}
            </BigButton>
          ) : (
            <BigButton testId="btn-pin-change-done" onPress={home}>
              {t('pinChange.done')}
            </BigButton>
          )}
        </section>
      );
    }
  }
}
