import { useTranslation } from 'react-i18next';
import type { KioskFunction } from '../../../../electron/attendant-contract';
import { useFlowStore } from '../../state/flow';
import { useSessionStore } from '../../state/session';
import { BigButton } from '../../ui/BigButton';

/**
 * A function switched off at this site that a page still offered (it was open before the
 * attendant changed the settings): the main side refused it; say so and offer the way back —
 * to the card's session panel while a card is in, else to the attract screen.
 */
export function UnavailableScreen({ fn }: { fn: KioskFunction }) {
  const { t } = useTranslation();
  const go = useFlowStore((s) => s.go);
  const inSession = useSessionStore((s) => s.card !== null);
  const name = t(`unavailable.fn.${fn}`);
  return (
    <section className="message-screen" data-testid="screen-unavailable" data-function={fn}>
      <h1>{t('unavailable.title')}</h1>
      <p>{t('unavailable.body', { name })}</p>
      <BigButton testId="btn-home" onPress={() => go({ name: inSession ? 'card' : 'attract' })}>
        {inSession ? t('unavailable.backToCard') : t('common.back')}
      </BigButton>
    </section>
  );
}

/** In place of a switched-off function's button: a plain line saying it is not offered here. */
export function FunctionOff({ fn }: { fn: KioskFunction }) {
  const { t } = useTranslation();
  return (
    <p className="session-note" data-testid="function-off" data-function={fn}>
      {t('unavailable.offHere', { name: t(`unavailable.fn.${fn}`) })}
    </p>
  );
}
