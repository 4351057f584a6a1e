import { create } from 'zustand';

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

export const closeAttendant = (): void => useAttendantStore.setState({ phase: 'closed' });
