import { useEffect, useRef } from 'react';
import type { PinState } from '../../../../electron/contract';
import { kioskApi } from '../../api';

/**
 * The card's PIN state as a PIN screen opens (`card.pinState`: the card's try counter, no PIN
 * sent), so that a blocked PIN is said at once — not after six digits typed for nothing — and
 * the last try is warned before the first digit. `onAnswer` is called once the card has
 * answered; when it cannot tell, never (then the screen simply asks for the PIN).
 */
export function useCardPinState(onAnswer: (state: PinState) => void): void {
  const latest = useRef(onAnswer);
  useEffect(() => {
    latest.current = onAnswer;
  });
  useEffect(() => {
    let live = true;
    void kioskApi()
      .invoke('card.pinState', {})
      .then((r) => {
        if (live && r.ok) latest.current(r.value);
      });
    return () => {
      live = false;
    };
  }, []);
}

/** Tries left worth saying before any digit: only the last one (a warning, not a number). */
export function lastTryWarning(state: PinState): number | null {
  return state.state === 'required' && state.triesLeft === 1 ? 1 : null;
}
