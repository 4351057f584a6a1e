import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceStatus } from '../../electron/contract';
import { createKioskApp, type KioskApp } from '../../electron/app';
import { ConfigSchema, type KioskConfig } from '../../electron/config';
import { silentLogger, type Logger } from '../../electron/log';
import { startWebHost, type WebHost } from '../../electron/web-host';

export interface RunningKiosk {
  readonly app: KioskApp;
  readonly host: WebHost;
  readonly config: KioskConfig;
  close(): Promise<void>;
}

/**
 * The real app on the real web host, on a free loopback port, serving the renderer that
 * `npm test` built into dist/renderer.
 */
export async function startKiosk(
  overrides: Record<string, unknown> = {},
  options: { readonly log?: Logger } = {},
): Promise<RunningKiosk> {
  const config = ConfigSchema.parse({
    dataDir: mkdtempSync(join(tmpdir(), 'kiosk-e2e-')),
    // No embedded central service unless a test asks for one: seeding it costs seconds.
    central: { mode: 'off' },
    ...overrides,
  });
  const log = options.log ?? silentLogger();
  const app = createKioskApp(config, { host: 'web', log });
  const host = await startWebHost(app, {
    host: '127.0.0.1',
    port: 0,
    rendererDir: join(process.cwd(), 'dist', 'renderer'),
    log,
  });
  return {
    app,
    host,
    config,
    close: async () => {
      await host.close();
      await app.close();
    },
  };
}

export type Answer = Awaited<ReturnType<RunningKiosk['app']['dispatch']>>['result'];

let nextId = 1_000;

/** One contract command, as the renderer would send it; the answer's `result`. */
export async function command(
  kiosk: RunningKiosk,
  name: string,
  payload: unknown = {},
): Promise<Answer> {
  return (await kiosk.app.dispatch({ id: ++nextId, command: name, payload })).result;
}

/** Resolves once the kiosk's device status says the central service is online. */
export async function centralOnline(kiosk: RunningKiosk, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await command(kiosk, 'device.status');
    if (r.ok && (r.value as DeviceStatus).central.state === 'online') return;
    if (Date.now() > deadline) throw new Error('the central service did not come online');
    await new Promise((res) => setTimeout(res, 250));
  }
}
