import { useTranslation } from 'react-i18next';
import { useDeviceStore } from '../state/device';

/** Non-blocking notices for devices the citizen should know about before starting. */
export function StatusNotices() {
  const { t } = useTranslation();
  const status = useDeviceStore((s) => s.status);
  if (!status) return null;
  const notices: { key: string; text: string }[] = [];
  if (
    status.printer.device !== 'online' ||
    status.printer.paper === 'out' ||
    status.printer.paper === 'jammed'
  ) {
    notices.push({ key: 'printer', text: t('service.printerDown') });
  }
  if (status.central.state === 'offline')
    notices.push({ key: 'central', text: t('service.centralDown') });
  if (notices.length === 0) return null;
  return (
    <div role="status" data-testid="status-notices">
      <ul className="notices">
        {notices.map((n) => (
          <li key={n.key} className="notice">
            <span className="notice-icon" aria-hidden="true">
              !
            </span>
            {n.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
