import { useCallback, useRef } from 'react';
import { kioskApi } from '../../api';
import { useDeviceStore } from '../../state/device';
import { useFlowStore } from '../../state/flow';
import { useSessionStore } from '../../state/session';
import { IdleCountdown } from '../../ui/IdleCountdown';

/**
 * Screens an idle citizen is counted down on: the card session's, and the guide and "not yet
 * offered" pages, which a session may lead to (an expired card's replacement guidance) or a
 * visitor without a card may leave open.
 */
const IDLE_SCREENS = new Set([
  'card',
  'pin',
  'inquiry',
  'pin-change',
  'cancel-loss',
  'guide',
  'unavailable',
]);
/** The main side's idle backstop is told the citizen is there at most this often. */
const KEEP_ALIVE_MS = 5_000;

/**
 * The visible idle countdown; at zero a card session ends (the main side then shows "take
 * your card" while the card is in the slot), and a page opened without a card goes back to
 * the attract screen. Remounted per screen, so moving on counts as activity. Touches and "I
 * need more time" are passed to the main side, whose own idle timer would otherwise end a
 * session the screen still offers.
 */
export function SessionIdle() {
  const screen = useFlowStore((s) => s.screen.name);
  const home = useFlowStore((s) => s.home);
  const ui = useDeviceStore((s) => s.info?.ui);
  const inSession = useSessionStore((s) => s.card !== null || s.citizen.phase !== 'idle');
  const lastKeepAlive = useRef(0);
  const stillHere = useCallback(() => {
    if (!inSession || Date.now() - lastKeepAlive.current < KEEP_ALIVE_MS) return;
    lastKeepAlive.current = Date.now();
    void kioskApi().invoke('session.keepAlive', {});
  }, [inSession]);
  const timeout = useCallback(() => {
    if (inSession) void kioskApi().invoke('session.finish', {});
    else home();
  }, [inSession, home]);
  if (!ui || !IDLE_SCREENS.has(screen)) return null;
  return (
    <IdleCountdown
      key={screen}
      idleSeconds={ui.idleTimeoutSeconds}
      warningSeconds={ui.idleWarningSeconds}
      onTimeout={timeout}
      onStillHere={stillHere}
    />
  );
}
