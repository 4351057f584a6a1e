import { useTranslation } from 'react-i18next';
import { kioskApi } from '../../api';
import { BigButton } from '../../ui/BigButton';

/** Placeholder until the inquiry command lands: says the service is unavailable. */
export function InquiryScreen() {
  const { t } = useTranslation();
  return (
    <section className="message-screen" data-testid="screen-inquiry" data-state="unavailable">
      <h1>{t('inquiry.menuTitle')}</h1>
      <p>{t('inquiry.offline')}</p>
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
