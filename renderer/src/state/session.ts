import { create } from 'zustand';
import type { CardRead, SessionState } from '../../../electron/contract';

/**
 * The card in the reader, while there is one, what reading it gave (masked summary only: the
 * contract carries nothing else), and the citizen session's state (disposition, PIN and
 * authentication). Cleared completely when the card leaves or the session ends.
 */
interface SessionStore {
  card: { reader: string; atr: string } | null;
  read: CardRead | null;
  citizen: SessionState;
}

export const IDLE: SessionState = { phase: 'idle' };

export const useSessionStore = create<SessionStore>(() => ({
  card: null,
  read: null,
  citizen: IDLE,
}));
