import { useEffect, useRef, useState } from 'react';
import { kioskApi } from '../../api';
import { useAttendantStore } from '../../state/attendant';
import { useFlowStore } from '../../state/flow';
import { useSessionStore } from '../../state/session';

/**
 * The hidden way in: holding a corner of the attract (or out-of-service) screen for a few
 * seconds opens the passcode keypad. The corner and the hold time come from the main side's
 * configuration; a short touch does nothing.
 */
export function AttendantGesture() {
  const [gesture, setGesture] = useState<{ corner: string; holdSeconds: number } | null>(null);
  const timer = useRef<number | null>(null);
  const screen = useFlowStore((s) => s.screen.name);
  const card = useSessionStore((s) => s.card);
  const phase = useAttendantStore((s) => s.phase);

  useEffect(() => {
    void kioskApi()
      .invoke('attendant.state', {})
      .then((r) => {
        if (r.ok) setGesture(r.value.gesture);
      });
  }, []);

  const cancel = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => cancel, []);

  if (!gesture || screen !== 'attract' || card || phase !== 'closed') return null;
  return (
    <div
      className={`attendant-corner ${gesture.corner}`}
      data-testid="attendant-corner"
      // The attendants' hidden gesture: nothing for a citizen or a screen reader to find.
      aria-hidden="true"
      onPointerDown={() => {
        cancel();
        timer.current = window.setTimeout(() => {
          timer.current = null;
          useAttendantStore.setState({ phase: 'passcode' });
        }, gesture.holdSeconds * 1000);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
    />
  );
}
