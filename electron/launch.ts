/**
 * `npm start`: the kiosk in demo mode (or as configured). Tries Electron first; where the
 * Electron binary is not installed it says so in one line and serves the same app on the web
 * host instead, opening Chromium in app mode when one is installed and a display is there.
 *   npm start -- --web            force the web host
 *   npm start -- --config FILE    configuration file (also SSC_KIOSK_CONFIG)
 *   npm start -- --port N         web host port (also SSC_KIOSK_PORT)
 *   npm start -- --no-browser     do not open Chromium
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createKioskApp } from './app';
import { loadConfig } from './config';
import { createLogger } from './log';
import { ensureRendererBuilt } from './renderer-build';
import { startWebHost } from './web-host';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: {
    web: { type: 'boolean', default: false },
    config: { type: 'string' },
    port: { type: 'string' },
    'no-browser': { type: 'boolean', default: false },
  },
  strict: true,
});

/**
 * The Electron binary, downloading it once if the package is installed without it (npm does
 * not run Electron's install script here). Null when it cannot be had: offline, or in CI.
 */
function electronBinary(): string | null {
  const pkgDir = join(root, 'node_modules', 'electron');
  const installed = () => {
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  };
  const found = installed();
  if (found || !existsSync(join(pkgDir, 'install.js')) || process.env.CI) return found;
  console.log('Fetching the Electron binary (first start)…');
  const res = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  return res.status === 0 ? installed() : null;
}

const CHROMIUM_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-translate',
  '--disable-pinch',
  '--overscroll-history-navigation=0',
];

function findChromium(): string | null {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(p)) return p;
  }
  return null;
}

async function main(): Promise<void> {
  const env = { ...process.env, ...(args.port ? { SSC_KIOSK_PORT: args.port } : {}) };
  const config = loadConfig({ file: args.config, env });
  if (!config.ok) {
    console.error(config.error.message);
    process.exit(78); // EX_CONFIG
  }

  const build = ensureRendererBuilt(root);
  if (!build.ok) {
    console.error('The renderer could not be built; see the errors above.');
    process.exit(1);
  }

  const electron = args.web ? null : electronBinary();
  if (!args.web && !electron) {
    console.log(
      'Electron is not installed on this machine (its binary could not be downloaded); serving the kiosk on the web host instead.',
    );
  }
  if (electron) {
    const built = spawn(
      process.execPath,
      [
        join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        join(root, 'scripts', 'build.ts'),
        '--electron-only',
      ],
      { stdio: 'inherit' },
    );
    const code = await new Promise<number | null>((r) => built.on('exit', r));
    if (code !== 0) process.exit(code ?? 1);
    const child = spawn(electron, [join(root, 'dist', 'electron', 'main.js')], {
      stdio: 'inherit',
      env: { ...env, ...(args.config ? { SSC_KIOSK_CONFIG: resolve(args.config) } : {}) },
    });
    const stop = () => child.kill('SIGTERM');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('exit', (c) => process.exit(c ?? 0));
    return;
  }

  // The console is for people; the structured log goes to a file unless configured otherwise.
  const logFile = config.value.log.file ?? join(resolve(config.value.dataDir), 'logs', 'kiosk.log');
  const log = createLogger({ level: config.value.log.level, file: logFile });
  const app = createKioskApp(config.value, { host: 'web', log });
  const host = await startWebHost(app, {
    host: config.value.webHost.host,
    port: config.value.webHost.port,
    rendererDir: join(root, 'dist', 'renderer'),
    log,
  });
  console.log(`SSC Kiosk (${config.value.mode} mode) is serving at: ${host.url}`);
  console.log(`Log: ${logFile}`);

  let browser: ChildProcess | null = null;
  const chromium = findChromium();
  const hasDisplay = Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY);
  if (!args['no-browser'] && !process.env.CI && chromium && hasDisplay) {
    const profile = mkdtempSync(join(tmpdir(), 'ssc-kiosk-chromium-'));
    const windowFlag = config.value.mode === 'production' ? '--kiosk' : '--start-maximized';
    browser = spawn(
      chromium,
      [`--app=${host.url}`, windowFlag, `--user-data-dir=${profile}`, ...CHROMIUM_FLAGS],
      {
        stdio: 'ignore',
      },
    );
    browser.on('error', (e) => console.error(`Chromium could not be started: ${e.message}`));
    console.log('Opened Chromium in app mode.');
  } else {
    console.log('Open that address in Chromium (for a kiosk: chromium --kiosk --app=<address>).');
  }

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    browser?.kill('SIGTERM');
    void host
      .close()
      .then(() => app.close())
      .then(() => {
        console.log('Stopped.');
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
