import { create } from 'zustand';

/** The card in the reader, while there is one. Cleared completely when it leaves. */
interface SessionStore {
  card: { reader: string; atr: string } | null;
}

export const useSessionStore = create<SessionStore>(() => ({ card: null }));
