import { create } from 'zustand';
import type { AppInfo, DeviceStatus } from '../../../electron/contract';

/** What the main side tells us about itself and its devices. */
interface DeviceStore {
  connected: boolean;
  info: AppInfo | null;
  status: DeviceStatus | null;
}

export const useDeviceStore = create<DeviceStore>(() => ({
  connected: false,
  info: null,
  status: null,
}));
