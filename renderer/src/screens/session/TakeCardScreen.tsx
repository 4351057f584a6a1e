import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrefsStore } from '../../state/prefs';
import { useSessionStore } from '../../state/session';
import { useFlowStore } from '../../state/flow';
import { chime, speak } from '../../ui/speech';

/**
 * The session ended with the card still in the slot: say so with sound and words until the
 * card is taken (card.removed returns to the attract screen).
 */
export function TakeCardScreen() {
  const { t } = useTranslation();
  const language = usePrefsStore((s) => s.language);
  const cardPresent = useSessionStore((s) => s.card !== null);
  const home = useFlowStore((s) => s.home);

  useEffect(() => {
    if (!cardPresent) {
      home();
      return;
    }
    const remind = () => {
      chime();
      speak(t('session.takeCard.title'), language);
    };
    remind();
    const timer = setInterval(remind, 8000);
    return () => clearInterval(timer);
  }, [cardPresent, home, language, t]);

  return (
    <section className="message-screen take-card" data-testid="screen-take-card" role="alert">
      <div className="card-icon take-card-icon" aria-hidden="true">
        ⇧
      </div>
      <h1>{t('session.takeCard.title')}</h1>
      <p>{t('session.takeCard.body')}</p>
    </section>
  );
}
