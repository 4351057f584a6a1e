import { useTranslation } from 'react-i18next';
import type { OutOfServiceReason } from '../../../../electron/contract';

export function OutOfServiceScreen({
  reason,
  message,
}: {
  reason: OutOfServiceReason;
  message: string | null;
}) {
  const { t } = useTranslation();
  return (
    <section
      className="message-screen out-of-service"
      data-testid="screen-out-of-service"
      data-reason={reason}
    >
      <div className="oos-icon" aria-hidden="true">
        ✕
      </div>
      <h1>{t('service.outOfService')}</h1>
      <p>{t(`service.reason.${reason}`)}</p>
      {message ? <p className="oos-message">{message}</p> : null}
      <p className="oos-hotline">{t('app.hotline')}</p>
    </section>
  );
}
