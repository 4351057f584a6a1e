import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startIdleTimer, type IdlePhase, type IdleTimer } from './idle-countdown';
import './idle-countdown.css';

interface Props {
  /** Seconds without a touch before the warning. */
  readonly idleSeconds: number;
  /** Seconds the warning counts down. */
  readonly warningSeconds: number;
  /** The countdown reached zero: end the session. Called once. */
  readonly onTimeout: () => void;
  /** The citizen showed they are there: a touch before the warning, or "I need more time". */
  readonly onStillHere?: () => void;
}

/** Everything that shows someone is at the screen. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

/**
 * Watches for touches while mounted (mount it for the length of a session). After
 * `idleSeconds` without one it covers the screen with a countdown and "I need more time"; at
 * zero it calls `onTimeout`. During the warning only that button brings the session back, so a
 * stray touch on the overlay cannot silently keep someone else's session open.
 */
export function IdleCountdown({ idleSeconds, warningSeconds, onTimeout, onStillHere }: Props) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<IdlePhase>({ phase: 'active' });
  const timer = useRef<IdleTimer | null>(null);
  const timeoutRef = useRef(onTimeout);
  const stillHereRef = useRef(onStillHere);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    timeoutRef.current = onTimeout;
    stillHereRef.current = onStillHere;
  }, [onTimeout, onStillHere]);

  useEffect(() => {
    const idle = startIdleTimer(
      { idleSeconds, warningSeconds },
      { onPhase: setPhase, onTimeout: () => timeoutRef.current() },
    );
    timer.current = idle;
    const onActivity = () => {
      // A touch on the countdown overlay is not activity (only its button is): see above.
      if (idle.phase().phase === 'active') stillHereRef.current?.();
      idle.activity();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { capture: true });
    return () => {
      idle.stop();
      timer.current = null;
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, [idleSeconds, warningSeconds]);

  const warning = phase.phase === 'warning';
  useEffect(() => {
    if (warning) button.current?.focus();
  }, [warning]);

  if (phase.phase !== 'warning') return null;
  const fraction = phase.secondsLeft / warningSeconds;
  return (
    <div className="idle-overlay" data-testid="idle-countdown">
      <div
        className="idle-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-body"
      >
        <h2 id="idle-title">{t('idle.title')}</h2>
        <div className="idle-ring" aria-hidden="true">
          <svg viewBox="0 0 100 100">
            <circle className="idle-ring-track" cx="50" cy="50" r="44" />
            <circle
              className="idle-ring-left"
              cx="50"
              cy="50"
              r="44"
              pathLength={1}
              strokeDasharray={`${fraction} 1`}
            />
          </svg>
          <span className="idle-seconds" data-testid="idle-seconds">
            {phase.secondsLeft}
          </span>
        </div>
        <p id="idle-body" aria-live="polite">
          {t('idle.body', { seconds: phase.secondsLeft })}
        </p>
        <button
          ref={button}
          type="button"
          className="big-button primary idle-more"
          data-testid="idle-more-time"
          onClick={() => {
            timer.current?.moreTime();
            stillHereRef.current?.();
          }}
        >
          <span className="big-button-label">{t('idle.moreTime')}</span>
        </button>
      </div>
    </div>
  );
}
