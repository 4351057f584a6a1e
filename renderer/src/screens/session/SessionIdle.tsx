import { kioskApi } from '../../api';
import { useDeviceStore } from '../../state/device';
import { useFlowStore } from '../../state/flow';
import { IdleCountdown } from '../../ui/IdleCountdown';

/** Screens on which someone's card session is open: an idle citizen gets the countdown. */
const SESSION_SCREENS = new Set(['card', 'pin', 'inquiry', 'cancel-loss']);

/**
 * The visible idle countdown during a card session; at zero the session ends (the main side
 * then shows "take your card" while the card is in the slot). Remounted per screen, so moving
 * on counts as activity.
 */
export function SessionIdle() {
  const screen = useFlowStore((s) => s.screen.name);
  const ui = useDeviceStore((s) => s.info?.ui);
  if (!ui || !SESSION_SCREENS.has(screen)) return null;
  return (
    <IdleCountdown
      key={screen}
      idleSeconds={ui.idleTimeoutSeconds}
      warningSeconds={ui.idleWarningSeconds}
      onTimeout={() => void kioskApi().invoke('session.finish', {})}
    />
  );
}
