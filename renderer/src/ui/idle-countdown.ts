/**
 * Idle countdown logic, pure apart from the timers it is given. After `idleSeconds` without a
 * touch the citizen is warned with a countdown of `warningSeconds`; at zero the session ends.
 * The phase is computed from the time of the last touch, not by counting ticks, so a late or
 * throttled timer never makes the countdown run long.
 */
import { z } from 'zod';

export const IdleCountdownConfig = z
  .object({
    /** Seconds without a touch before the warning (configuration `ui.idleTimeoutSeconds`). */
    idleSeconds: z.number().int().min(5).max(3600),
    /** Seconds the warning counts down before the session ends. */
    warningSeconds: z.number().int().min(5).max(120),
  })
  .strict();
export type IdleCountdownConfig = z.infer<typeof IdleCountdownConfig>;

export type IdlePhase =
  | { readonly phase: 'active' }
  | { readonly phase: 'warning'; readonly secondsLeft: number }
  | { readonly phase: 'expired' };

/** The phase `elapsedMs` after the last touch. */
export function idlePhase(config: IdleCountdownConfig, elapsedMs: number): IdlePhase {
  const idleMs = config.idleSeconds * 1000;
  const endMs = idleMs + config.warningSeconds * 1000;
  if (elapsedMs < idleMs) return { phase: 'active' };
  if (elapsedMs >= endMs) return { phase: 'expired' };
  return { phase: 'warning', secondsLeft: Math.ceil((endMs - elapsedMs) / 1000) };
}

export interface IdleListener {
  /** Every change of phase and every second of the countdown. */
  readonly onPhase: (phase: IdlePhase) => void;
  /** Once, when the countdown reaches zero. */
  readonly onTimeout: () => void;
}

export interface IdleTimer {
  /** A touch anywhere while no warning is up. Ignored during the warning (see moreTime). */
  activity(): void;
  /** "I need more time": starts the idle period again, from any phase but expired. */
  moreTime(): void;
  /** Stops for good (session over, component gone). */
  stop(): void;
  /** The phase as of the last tick. */
  phase(): IdlePhase;
}

export function startIdleTimer(
  config: IdleCountdownConfig,
  listener: IdleListener,
  now: () => number = Date.now,
): IdleTimer {
  let last = now();
  let current: IdlePhase = { phase: 'active' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const emit = (next: IdlePhase) => {
    const same =
      next.phase === current.phase &&
      (next.phase !== 'warning' ||
        (current.phase === 'warning' && current.secondsLeft === next.secondsLeft));
    current = next;
    if (!same) listener.onPhase(next);
  };

  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    const elapsed = now() - last;
    const idleMs = config.idleSeconds * 1000;
    // Until the warning, one timer for the whole wait; during it, wake at each whole second.
    const wait = elapsed < idleMs ? idleMs - elapsed : 1000 - ((elapsed - idleMs) % 1000);
    timer = setTimeout(tick, wait);
  };

  const tick = () => {
    timer = undefined;
    if (stopped) return;
    const phase = idlePhase(config, now() - last);
    emit(phase);
    if (phase.phase === 'expired') {
      stopped = true;
      listener.onTimeout();
      return;
    }
    schedule();
  };

  const restart = () => {
    if (stopped) return;
    last = now();
    emit({ phase: 'active' });
    schedule();
  };

  schedule();
  return {
    // The pending timer re-reads `last` when it fires and sleeps again: no timer churn per touch.
    activity: () => {
      if (!stopped && current.phase === 'active') last = now();
    },
    moreTime: restart,
    phase: () => current,
    stop: () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
