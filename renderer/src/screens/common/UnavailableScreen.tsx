import { useTranslation } from 'react-i18next';
import { useFlowStore } from '../../state/flow';
import { BigButton } from '../../ui/BigButton';

/** A function this kiosk does not offer (yet, or at this site): say so and offer the way back. */
export function UnavailableScreen() {
  const { t } = useTranslation();
  const home = useFlowStore((s) => s.home);
  return (
    <section className="message-screen" data-testid="screen-unavailable">
      <h1>{t('unavailable.title')}</h1>
      <p>{t('unavailable.body')}</p>
      <BigButton testId="btn-home" onPress={home}>
        {t('common.back')}
      </BigButton>
    </section>
  );
}
