import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DemoPanel } from './demo/DemoPanel';
import { i18next } from './i18n';
import { CardScreen } from './screens/card/CardScreen';
import { AttractScreen } from './screens/attract/AttractScreen';
import { GuideScreen } from './screens/guide/GuideScreen';
import { InquiryScreen } from './screens/inquiry/InquiryScreen';
import { PinScreen } from './screens/session/PinScreen';
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
  const connected = useDeviceStore((s) => s.connected);
  const status = useDeviceStore((s) => s.status);
  const attendant = useAttendantStore((s) => s.phase);
  if (!connected || !status) {
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
  if (!status.service.inService && screen.name === 'attract') {
    return <OutOfServiceScreen reason={status.service.reason} message={status.service.message} />;
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
    case 'unavailable':
      return <UnavailableScreen />;
  }
}

export function App() {
  const { language, largeText } = usePrefsStore();
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
