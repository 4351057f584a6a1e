import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskApp, type KioskApp } from './app';
import { ConfigSchema } from './config';
import type { DeviceStatus } from './contract';
import { silentLogger } from './log';

const apps: KioskApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function deviceStatus(overrides: Record<string, unknown>): Promise<DeviceStatus> {
  const app = createKioskApp(
    ConfigSchema.parse({
      dataDir: mkdtempSync(join(tmpdir(), 'app-dev-')),
      central: { mode: 'off' },
      ...overrides,
    }),
    { host: 'web', log: silentLogger() },
  );
  apps.push(app);
  const r = await app.dispatch({ id: 1, command: 'device.status', payload: {} });
  if (!r.result.ok) throw new Error('device.status failed');
  return r.result.value as DeviceStatus;
}

describe('printer wiring', () => {
  it('demo mode prints to a PDF folder and reports it online with paper unknown', async () => {
    const s = await deviceStatus({});
    expect(s.printer).toMatchObject({ device: 'online', paper: 'unknown', name: 'printouts' });
  });

  it('a receipt font that cannot be opened leaves the kiosk running with the printer in error', async () => {
    const s = await deviceStatus({
      printer: { font: { path: '/nonexistent/font.ttc' } },
    });
    expect(s.printer).toMatchObject({ device: 'hardware_error', lastError: 'font_unavailable' });
  });
});
