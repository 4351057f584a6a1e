/**
 * A child process for `npm run bench -- ui`: composes the kiosk app in demo mode, serves the
 * given renderer directory on the real web host and prints `URL <url>` once listening. The
 * bench times this process from spawn to an interactive page, for the kiosk's renderer and
 * for a blank React page served the same way (P9).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKioskApp } from '../../electron/app';
import { ConfigSchema } from '../../electron/config';
import { silentLogger } from '../../electron/log';
import { startWebHost } from '../../electron/web-host';

const rendererDir = process.argv[2];
if (!rendererDir) {
  console.error('usage: ui-host <renderer dir>');
  process.exit(2);
}
const log = silentLogger();
const config = ConfigSchema.parse({ dataDir: mkdtempSync(join(tmpdir(), 'kiosk-ui-bench-')) });
const app = createKioskApp(config, { host: 'web', log });
const host = await startWebHost(app, { host: '127.0.0.1', port: 0, rendererDir, log });
console.log(`URL ${host.url}`);
const stop = () => {
  void host
    .close()
    .then(() => app.close())
    .then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
