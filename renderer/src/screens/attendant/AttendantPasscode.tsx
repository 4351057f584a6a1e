import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskApi } from '../../api';
import { closeAttendant, useAttendantStore } from '../../state/attendant';
import { useDeviceStore } from '../../state/device';
import { BigButton } from '../../ui/BigButton';
import { Keypad } from '../../ui/Keypad';

/** The attendant passcode on the keypad; the main side checks it and counts failures. */
export function AttendantPasscode() {
  const { t } = useTranslation();
  const shuffled = useDeviceStore((s) => s.info?.ui.shuffledKeypad ?? false);
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const submit = async (passcode: string) => {
    const r = await kioskApi().invoke('attendant.enter', { passcode });
    if (r.ok) {
      useAttendantStore.setState({ phase: 'open', ...r.value });
      return;
    }
    const e = r.error;
    setAttempt((n) => n + 1);
    if (e.code === 'wrong_passcode') setMessage(t('attendant.wrong', { count: e.triesLeft ?? 0 }));
    else if (e.code === 'attendant_locked')
      setMessage(t('attendant.locked', { minutes: Math.ceil((e.retryAfterSeconds ?? 60) / 60) }));
    else if (e.code === 'citizen_session_active') setMessage(t('attendant.busy'));
    else if (e.code === 'not_available') setMessage(t('attendant.unavailable'));
    else setMessage(t('attendant.failed'));
  };

  return (
    <section className="attendant-passcode" data-testid="attendant-passcode">
      <h1>{t('attendant.passcodeTitle')}</h1>
      {message ? (
        <p className="attendant-error" role="alert" data-testid="attendant-passcode-error">
          {message}
        </p>
      ) : null}
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
      <BigButton testId="attendant-cancel" variant="secondary" onPress={closeAttendant}>
        {t('attendant.cancel')}
      </BigButton>
    </section>
  );
}
