import { create } from 'zustand';
import type { GuideConfig } from '../../../electron/domain/guide';
import { demoOutletList } from '../guide/bundled';

/**
 * The site's guide configuration (outlets, hotline). Until the main side sends the `guide`
 * configuration section, the demo outlets from resources/guide/demo-outlets.json stand in.
 */
export const useGuideStore = create<GuideConfig>(() => ({
  hotline: '12333',
  outlets: [...demoOutletList],
}));
