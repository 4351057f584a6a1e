import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../electron/contract';
import { noticesFor } from './StatusNotices';

const status = (
  printer: Partial<DeviceStatus['printer']>,
  central: DeviceStatus['central']['state'] = 'online',
): DeviceStatus => ({
  reader: { device: 'online', media: 'absent', name: 'r', lastError: null },
  printer: { device: 'online', paper: 'unknown', name: 'p', lastError: null, ...printer },
  central: { state: central, lastError: null },
  service: { inService: true },
});

describe('attract-screen notices', () => {
  it('none while the printer can print, busy with another job included', () => {
    expect(noticesFor(status({}))).toEqual([]);
    expect(noticesFor(status({ device: 'busy', paper: 'low' }))).toEqual([]);
    expect(noticesFor(null)).toEqual([]);
  });

  it('the printer when it cannot print; the centre when offline', () => {
    for (const printer of [
      { device: 'offline' },
      { device: 'no_device' },
      { device: 'hardware_error' },
      { paper: 'out' },
      { paper: 'jammed' },
    ] as const) {
      expect(noticesFor(status(printer))).toEqual(['printer']);
    }
    expect(noticesFor(status({}, 'offline'))).toEqual(['central']);
    expect(noticesFor(status({ device: 'offline' }, 'offline'))).toEqual(['printer', 'central']);
    expect(noticesFor(status({}, 'not_configured'))).toEqual([]);
  });
});
