import type { KioskFunction } from '../../../electron/attendant-contract';
import { useDeviceStore } from './device';

/**
 * Whether a function is enabled at this site (attendant local settings, from app.info). Absent
 * from app.info: all are. The main side refuses a switched-off function too.
 */
export function useFunctionEnabled(fn: KioskFunction): boolean {
  return useDeviceStore((s) => s.info?.enabledFunctions?.includes(fn) ?? true);
}
