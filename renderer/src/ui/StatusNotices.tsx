import { useTranslation } from 'react-i18next';
import { printerReadiness, type DeviceStatus } from '../../../electron/contract';
import { useDeviceStore } from '../state/device';

/**
 * What the citizen should know before starting: the printer cannot print (a printer busy with
 * another job can: the job queues), the central service is offline.
 */
export function noticesFor(status: DeviceStatus | null): ('printer' | 'central')[] {
  if (!status) return [];
  const out: ('printer' | 'central')[] = [];
  if (printerReadiness(status.printer) !== 'ready') out.push('printer');
  if (status.central.state === 'offline') out.push('central');
  return out;
}

const TEXT = { printer: 'service.printerDown', central: 'service.centralDown' } as const;

/** Non-blocking notices for devices the citizen should know about before starting. */
export function StatusNotices() {
  const { t } = useTranslation();
  const status = useDeviceStore((s) => s.status);
  const notices = noticesFor(status).map((key) => ({ key, text: t(TEXT[key]) }));
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
