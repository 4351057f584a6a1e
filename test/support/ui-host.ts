/**
 * A child process for `npm run bench -- ui` and `npm run bench -- soak`: composes the kiosk
 * app in demo mode, serves the given renderer directory on the real web host and prints
 * `URL <url>` once listening. The ui bench times this process from spawn to an interactive
 * page, for the kiosk's renderer and for a blank React page served the same way (P9).
 *
 * With `UI_HOST_SOAK_DIR=<dir>` (the soak bench, P7) the kiosk instead keeps everything in that
 * directory: data in `<dir>/data`, the embedded central service, the PDF-folder printer writing
 * to `<dir>/printouts`, an info-level log in `<dir>/kiosk.log`; it prints its URL only once the
 * central service is online. Run with `--expose-gc`, SIGUSR2 makes it collect garbage and print
 * `GC` (so the bench reads its RSS after a full collection, not with garbage pending).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKioskApp } from '../../electron/app';
import { ConfigSchema } from '../../electron/config';
import type { DeviceStatus } from '../../electron/contract';
import { createLogger, silentLogger } from '../../electron/log';
import { startWebHost } from '../../electron/web-host';

const rendererDir = process.argv[2];
if (!rendererDir) {
  console.error('usage: ui-host <renderer dir>');
  process.exit(2);
}
const soakDir = process.env.UI_HOST_SOAK_DIR;
const log = soakDir ? createLogger({ file: join(soakDir, 'kiosk.log') }) : silentLogger();
const config = ConfigSchema.parse(
  soakDir
    ? {
        dataDir: join(soakDir, 'data'),
        central: { mode: 'embedded' },
        printer: { kind: 'pdf-folder', folder: join(soakDir, 'printouts') },
      }
    : { dataDir: mkdtempSync(join(tmpdir(), 'kiosk-ui-bench-')) },
);
const app = createKioskApp(config, { host: 'web', log });
const host = await startWebHost(app, { host: '127.0.0.1', port: 0, rendererDir, log });
if (soakDir) {
  // The inquiry needs the central service: wait until the kiosk has enrolled and sees it.
  const deadline = Date.now() + 240_000;
  for (let id = 1; ; id++) {
    const r = (await app.dispatch({ id, command: 'device.status', payload: {} })).result;
    if (r.ok && (r.value as DeviceStatus).central.state === 'online') break;
    if (Date.now() > deadline) {
      console.error('the central service did not come online');
      process.exit(1);
    }
    await new Promise((res) => setTimeout(res, 250));
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    process.on('SIGUSR2', () => {
      gc();
      console.log('GC');
    });
  }
}
console.log(`URL ${host.url}`);
const stop = () => {
  void host
    .close()
    .then(() => app.close())
    .then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
