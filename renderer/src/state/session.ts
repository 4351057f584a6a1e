import { create } from 'zustand';
import type { CardRead } from '../../../electron/contract';

/**
 * The card in the reader, while there is one, and what reading it gave (masked summary only:
 * the contract carries nothing else). Cleared completely when the card leaves.
 */
interface SessionStore {
  card: { reader: string; atr: string } | null;
  read: CardRead | null;
}

export const useSessionStore = create<SessionStore>(() => ({ card: null, read: null }));
