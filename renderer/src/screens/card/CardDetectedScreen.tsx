import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BigButton } from '../../ui/BigButton';

/** Shown from the moment a card is inserted until the card is read (or removed). */
export function CardDetectedScreen() {
  const { t } = useTranslation();
  const [finishing, setFinishing] = useState(false);
  return (
    <section className="message-screen" data-testid="screen-card-detected">
      <div className="spinner" aria-hidden="true" />
      <h1>{finishing ? t('card.takeCard') : t('card.detected')}</h1>
      {finishing ? null : <p>{t('card.reading')}</p>}
      {finishing ? null : (
        <BigButton variant="secondary" testId="btn-finish" onPress={() => setFinishing(true)}>
          {t('card.finish')}
        </BigButton>
      )}
    </section>
  );
}
