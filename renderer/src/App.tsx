import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DemoPanel } from './demo/DemoPanel';
import { i18next } from './i18n';
import { CardScreen } from './screens/card/CardScreen';
import { AttractScreen } from './screens/attract/AttractScreen';
import { GuideScreen } from './screens/guide/GuideScreen';
import { InquiryScreen } from './screens/inquiry/InquiryScreen';
import { PinScreen } from './screens/session/PinScreen';
import { PinChangeScreen } from './screens/pin/PinChangeScreen';
import { CancelLossScreen } from './screens/loss/CancelLossScreen';
import { LossScreen } from './screens/loss/LossScreen';
import { SessionIdle } from './screens/session/SessionIdle';
import { TakeCardScreen } from './screens/session/TakeCardScreen';
import { OutOfServiceScreen } from './screens/common/OutOfServiceScreen';
import { UnavailableScreen } from './screens/common/UnavailableScreen';
import { AttendantGesture } from './screens/attendant/AttendantGesture';
import { AttendantPasscode } from './screens/attendant/AttendantPasscode';
import { AttendantScreen } from './screens/attendant/AttendantScreen';
import { useAttendantStore } from './state/attendant';
import { useDeviceStore } from './state/device';
import { useFlowStore } from './state/flow';
import { usePrefsStore } from './state/prefs';
import { Layout } from './ui/Layout';

function CurrentScreen() {
  const { t } = useTranslation();
  const screen = useFlowStore((s) => s.screen);
  // Primitive selectors: a device.status event (reader media, printer, central) re-renders the
  // screen only when what decides the screen changed, not on every status message.
  const ready = useDeviceStore((s) => s.connected && s.status !== null);
  const inService = useDeviceStore((s) => s.status?.service.inService ?? true);
  const reason = useDeviceStore((s) =>
    s.status?.service.inService === false ? s.status.service.reason : 'starting',
  );
  const message = useDeviceStore((s) =>
    s.status?.service.inService === false ? s.status.service.message : null,
  );
  const attendant = useAttendantStore((s) => s.phase);
  if (!ready) {
    return (
      <section className="message-screen" data-testid="screen-connecting">
        <div className="spinner" aria-hidden="true" />
        <p>{t('app.connecting')}</p>
      </section>
    );
  }
  if (attendant === 'passcode') return <AttendantPasscode />;
  if (attendant === 'open') return <AttendantScreen />;
  // Out of service wins over everything but a card already in the slot: that citizen must
  // still be told to take it.
  if (!inService && screen.name === 'attract') {
    return <OutOfServiceScreen reason={reason} message={message} />;
  }
  switch (screen.name) {
    case 'attract':
      return <AttractScreen />;
    case 'card':
      return <CardScreen />;
    case 'pin':
      return <PinScreen />;
    case 'inquiry':
      return <InquiryScreen />;
    case 'take-card':
      return <TakeCardScreen />;
    case 'guide':
      return <GuideScreen />;
    case 'pin-change':
      return <PinChangeScreen purpose={screen.purpose} recheck={screen.recheck} />;
    case 'unavailable':
      return <UnavailableScreen fn={screen.fn} />;
    case 'loss':
      return <LossScreen />;
    case 'cancel-loss':
      return <CancelLossScreen />;
  }
}

export function App() {
  const language = usePrefsStore((s) => s.language);
  const largeText = usePrefsStore((s) => s.largeText);
  useEffect(() => {
    void i18next.changeLanguage(language);
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', largeText);
  }, [largeText]);
  return (
    <>
      <Layout>
        <CurrentScreen />
        <SessionIdle />
        <AttendantGesture />
      </Layout>
      <DemoPanel />
    </>
  );
}
