import { create } from 'zustand';
import { useFlowStore } from './flow';
import { useSessionStore } from './session';

/**
 * Attendant mode in the renderer: closed, asking for the passcode, or open with the token the
 * main side handed out (kept only here, in memory, and dropped when the mode ends).
 */
type AttendantStore =
  | { phase: 'closed' }
  | { phase: 'passcode' }
  | {
      phase: 'open';
      token: string;
      inactivitySeconds: number;
      host: 'electron' | 'web';
    };

export const useAttendantStore = create<AttendantStore>(() => ({ phase: 'closed' }));

/**
 * Back to the citizens' screens. An attendant card still in the slot (held by the main side:
 * no citizen session) is asked to be taken before the next citizen.
 */
export const closeAttendant = (): void => {
  useAttendantStore.setState({ phase: 'closed' });
  if (useSessionStore.getState().card && useFlowStore.getState().screen.name === 'attract')
    useFlowStore.getState().go({ name: 'take-card' });
};
