import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskApi } from '../../api';
import { closeAttendant, useAttendantStore } from '../../state/attendant';
import { useDeviceStore } from '../../state/device';
import { useSessionStore } from '../../state/session';
import { BigButton } from '../../ui/BigButton';
import { Keypad } from '../../ui/Keypad';

type CardWait =
  'off' | 'no_card' | 'reading' | 'listed' | 'not_listed' | 'not_ssc_card' | 'unreadable';

/** The wait for an attendant card is renewed while this screen is shown (main side: 60 s). */
const RENEW_MS = 20_000;

/**
 * The attendant passcode on the keypad; the main side checks it and counts failures. Where
 * attendant cards are configured, an attendant card may be inserted instead: the main side
 * holds it (no citizen session), says whether it is on the list, and the card checks its PIN.
 */
export function AttendantPasscode() {
  const { t } = useTranslation();
  const shuffled = useDeviceStore((s) => s.info?.ui.shuffledKeypad ?? false);
  // A message belongs to the card in the slot when it was given (none for the passcode).
  const [said, setSaid] = useState<{ text: string; card: object | null } | null>(null);
  const setMessage = (text: string) => setSaid({ text, card: useSessionStore.getState().card });
  const [attempt, setAttempt] = useState(0);
  const [card, setCard] = useState<CardWait>('off');
  // The card events (wire.ts) change these: ask the main side again what the card is.
  const cardInSlot = useSessionStore((s) => s.card);
  const cardRead = useSessionStore((s) => s.read);

  useEffect(() => {
    let live = true;
    const ask = () =>
      void kioskApi()
        .invoke('attendant.cardWait', { active: true })
        .then((r) => {
          if (live && r.ok) setCard(r.value.card);
        });
    ask();
    const timer = window.setInterval(ask, RENEW_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [cardInSlot, cardRead]);
  useEffect(() => () => void kioskApi().invoke('attendant.cardWait', { active: false }), []);
  // A new card (or none): the last card's message no longer applies.
  const message = said && said.card === cardInSlot ? said.text : null;

  const fail = (e: { code: string; triesLeft?: number; retryAfterSeconds?: number }) => {
    setAttempt((n) => n + 1);
    if (e.code === 'wrong_passcode') setMessage(t('attendant.wrong', { count: e.triesLeft ?? 0 }));
    else if (e.code === 'wrong_pin')
      setMessage(t('attendant.cardWrongPin', { count: e.triesLeft ?? 0 }));
    else if (e.code === 'pin_blocked') setMessage(t('attendant.cardBlocked'));
    else if (e.code === 'not_attendant_card') setMessage(t('attendant.notAttendantCard'));
    else if (e.code === 'no_card') setMessage(t('attendant.cardGone'));
    else if (e.code === 'attendant_locked')
      setMessage(t('attendant.locked', { minutes: Math.ceil((e.retryAfterSeconds ?? 60) / 60) }));
    else if (e.code === 'citizen_session_active') setMessage(t('attendant.busy'));
    else if (e.code === 'not_available') setMessage(t('attendant.unavailable'));
    else setMessage(t('attendant.failed'));
  };

  const submit = async (passcode: string) => {
    const r = await kioskApi().invoke('attendant.enter', { passcode });
    if (r.ok) useAttendantStore.setState({ phase: 'open', ...r.value });
    else fail(r.error);
  };
  const submitPin = async (pin: string) => {
    const r = await kioskApi().invoke('attendant.enterWithCard', { pin });
    if (r.ok) useAttendantStore.setState({ phase: 'open', ...r.value });
    else fail(r.error);
  };

  const refused =
    card === 'not_listed'
      ? t('attendant.notAttendantCard')
      : card === 'not_ssc_card' || card === 'unreadable'
        ? t('attendant.cardUnreadable')
        : null;

  return (
    <section className="attendant-passcode" data-testid="attendant-passcode">
      <h1>{t('attendant.passcodeTitle')}</h1>
      {message ? (
        <p className="attendant-error" role="alert" data-testid="attendant-passcode-error">
          {message}
        </p>
      ) : null}
      {refused ? (
        <p className="attendant-error" role="alert" data-testid="attendant-card-refused">
          {refused}
        </p>
      ) : card === 'reading' ? (
        <p className="attendant-card-hint" role="status" data-testid="attendant-card-reading">
          {t('attendant.cardReading')}
        </p>
      ) : card === 'listed' ? (
        <>
          <p className="attendant-card-hint" data-testid="attendant-pin-prompt">
            {t('attendant.cardPinLabel')}
          </p>
          <Keypad
            key={`pin-${attempt}`}
            label={t('attendant.cardPinLabel')}
            length={6}
            masked
            autoSubmit
            shuffled={shuffled}
            testId="attendant-pin"
            onSubmit={(v) => void submitPin(v)}
          />
        </>
      ) : (
        <>
          <Keypad
            key={attempt}
            label={t('attendant.passcodeLabel')}
            length={8}
            masked
            autoSubmit
            shuffled={shuffled}
            testId="attendant-keypad"
            onSubmit={(v) => void submit(v)}
          />
          {card === 'no_card' ? (
            <p className="attendant-card-hint" data-testid="attendant-card-hint">
              {t('attendant.cardHint')}
            </p>
          ) : null}
        </>
      )}
      <BigButton testId="attendant-cancel" variant="secondary" onPress={closeAttendant}>
        {t('attendant.cancel')}
      </BigButton>
    </section>
  );
}
