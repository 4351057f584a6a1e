import { create } from 'zustand';
import type { KioskFunction } from '../../../electron/attendant-contract';

/** Which screen is up. Personal data never lives here; only the route. */
export type Screen =
  | { name: 'attract' }
  | { name: 'card' }
  /** `then`: where a verified PIN leads (inquiry by default) */
  | { name: 'pin'; then?: 'cancel-loss' }
  | { name: 'loss' }
  | { name: 'cancel-loss' }
  | { name: 'inquiry' }
  | { name: 'take-card' }
  | { name: 'guide' }
  /** activation of a sealed card / change PIN; `recheck` after a CHANGE PIN with a lost answer */
  | { name: 'pin-change'; purpose: 'activation' | 'change'; recheck: boolean }
  /** a function switched off at this site, refused by the main side (a page that was stale) */
  | { name: 'unavailable'; fn: KioskFunction };

interface FlowStore {
  screen: Screen;
  go: (screen: Screen) => void;
  home: () => void;
}

export const useFlowStore = create<FlowStore>((set) => ({
  screen: { name: 'attract' },
  go: (screen) => set({ screen }),
  home: () => set({ screen: { name: 'attract' } }),
}));
