import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeviceStore } from '../state/device';

/** Header with the service name, the page, and a footer with site and hotline. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const siteName = useDeviceStore((s) => s.info?.siteName ?? '');
  return (
    <div className="layout">
      <header className="header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            社
          </span>
          <span className="brand-name">{t('app.title')}</span>
        </div>
      </header>
      <main className="main">{children}</main>
      <footer className="footer">
        <span>{siteName}</span>
        <span className="hotline">{t('app.hotline')}</span>
      </footer>
    </div>
  );
}
