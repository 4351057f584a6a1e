import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskApi } from '../api';
import { useDeviceStore } from '../state/device';
import { useFlowStore } from '../state/flow';
import { useSessionStore } from '../state/session';

/** The card task's steps, shown in the header while the citizen is in them. */
const STEPS = ['card', 'pin', 'inquiry'] as const;
type Step = (typeof STEPS)[number];
const isStep = (name: string): name is Step => (STEPS as readonly string[]).includes(name);

/** Screens that are their own way out: the attract screen, and "take your card". */
const NO_EXIT = new Set(['attract', 'take-card']);

/**
 * The same header on every screen: service name, the step of the task, and one exit in the
 * same corner — with a card in the slot it ends the session (and asks for the card back),
 * without one it goes home.
 */
function HeaderTask() {
  const { t } = useTranslation();
  const screen = useFlowStore((s) => s.screen.name);
  const home = useFlowStore((s) => s.home);
  const cardIn = useSessionStore((s) => s.card !== null);
  const inService = useDeviceStore((s) => s.status?.service.inService ?? true);
  if (NO_EXIT.has(screen) || (!inService && screen === 'attract')) return null;
  const step = isStep(screen) ? STEPS.indexOf(screen) + 1 : 0;
  return (
    <div className="header-task">
      {step > 0 ? (
        <p className="header-step" data-testid="header-step" data-step={step}>
          {t('header.step', {
            step,
            steps: STEPS.length,
            name: t(`header.stepName.${STEPS[step - 1] ?? 'card'}`),
          })}
        </p>
      ) : null}
      <button
        type="button"
        className="header-exit"
        data-testid="header-exit"
        onClick={() => {
          if (cardIn) void kioskApi().invoke('session.finish', {});
          else home();
        }}
      >
        {cardIn ? t('header.exitSession') : t('header.home')}
      </button>
    </div>
  );
}

/** Header with the service name, step and exit; a footer with site and hotline. */
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
        <HeaderTask />
      </header>
      <main className="main">{children}</main>
      <footer className="footer">
        <span>{siteName}</span>
        <span className="hotline">{t('app.hotline')}</span>
      </footer>
    </div>
  );
}
