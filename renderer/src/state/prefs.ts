import { create } from 'zustand';
import type { Preferences } from '../../../electron/contract';

/** The visitor's language and text size, as the main side last confirmed them. */
export const usePrefsStore = create<Preferences>(() => ({ language: 'zh-CN', largeText: false }));
