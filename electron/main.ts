/**
 * The Electron host: one locked-down kiosk window showing the built renderer on app://kiosk,
 * and the composition root's contract served over IPC. Every rule (CSP, navigation, requests,
 * senders, shortcuts, crash backoff) lives in shell-policy.ts; this file only wires Electron's
 * events to it. Only this file and preload.ts import `electron`.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  session,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { createKioskApp, type KioskApp } from './app';
import { loadConfig } from './config';
import { IPC_EVENT, IPC_INVOKE } from './ipc-channels';
import { createLogger, type Logger } from './log';
import {
  APP_INDEX_URL,
  APP_SCHEME,
  CrashBackoff,
  isAllowedNavigation,
  isAllowedRequest,
  isAllowedSender,
  isBlockedShortcut,
  rendererFileFor,
  responseHeaders,
  windowMode,
} from './shell-policy';

// The bundle sits in dist/electron/; the renderer build in dist/renderer/.
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = resolve(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');
/** Development = running from the source tree; a packaged kiosk is always production. */
const development = !app.isPackaged && process.env.NODE_ENV !== 'production';

// Must happen before `ready`: every renderer sandboxed, and app:// a standard secure origin
// (so relative URLs, module scripts and storage behave as on https).
app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);

if (!app.requestSingleInstanceLock()) {
  // Another kiosk instance owns the screen and the devices; it is told to come to the front.
  app.exit(0);
} else {
  start();
}

function fatal(message: string): never {
  console.error(message);
  if (app.isPackaged) dialog.showErrorBox('SSC Kiosk cannot start', message);
  app.exit(78); // EX_CONFIG
  process.exit(78);
}

function start(): void {
  // A packaged kiosk keeps its relative paths (data, logs) in its own profile folder.
  if (app.isPackaged) process.chdir(app.getPath('userData'));
  const config = loadConfig({ env: process.env });
  if (!config.ok) fatal(config.error.message);
  const cfg = config.value;
  const logFile = cfg.log.file ?? join(resolve(cfg.dataDir), 'logs', 'kiosk.log');
  const log = createLogger({ level: cfg.log.level, file: logFile });
  let window: BrowserWindow | null = null;
  // Attendant mode's host-only actions (audited in the app before they are called).
  const hostControls = {
    restart: () => {
      app.relaunch();
      app.exit(0);
    },
    leaveKiosk: () => {
      if (window && !window.isDestroyed()) {
        window.setKiosk(false);
        window.setFullScreen(false);
      }
    },
  };
  const kiosk = createKioskApp(cfg, { host: 'electron', log, hostControls });

  let blocker: number | null = null;

  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  // Guards for every web contents, whoever creates it: no navigation away, no new windows,
  // no <webview>.
  app.on('web-contents-created', (_e, contents) => lockDown(contents, log));

  app.on('child-process-gone', (_e, details) => {
    log.error({ type: details.type, reason: details.reason }, 'child process gone');
  });

  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', () => {
    if (blocker !== null && powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
    void kiosk.close();
  });

  app
    .whenReady()
    .then(async () => {
      Menu.setApplicationMenu(null); // no default accelerators (reload, devtools, zoom)
      configureSession(log);
      serveRenderer(log);
      serveContract(kiosk, () => window, log);
      blocker = powerSaveBlocker.start('prevent-display-sleep');
      window = createWindow(log);
      kiosk.subscribe((event) => {
        if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, event);
      });
      await window.loadURL(APP_INDEX_URL);
      log.info({ development }, 'kiosk window shown');
    })
    .catch((e: unknown) => {
      log.fatal({ err: e }, 'electron start-up failed');
      fatal(`SSC Kiosk could not start: ${e instanceof Error ? e.message : String(e)}`);
    });
}

function configureSession(log: Logger): void {
  const ses = session.defaultSession;
  // A kiosk needs no camera, microphone, location, notifications, USB, HID or serial access.
  ses.setPermissionRequestHandler((_wc, permission, callback) => {
    log.warn({ permission }, 'permission request denied');
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The network and the file system are out of reach of the page. (Requests the main side
  // makes itself through this session, e.g. with `net`, have no web contents and pass.)
  ses.webRequest.onBeforeRequest((details, callback) => {
    const fromPage = details.webContentsId !== undefined;
    const allowed = !fromPage || isAllowedRequest(details.url, development);
    if (!allowed) log.warn({ url: details.url.slice(0, 200) }, 'request cancelled');
    callback({ cancel: !allowed });
  });
}

/** The built renderer on app://kiosk, every response carrying the strict CSP. */
function serveRenderer(log: Logger): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(request.url, rendererDir);
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { status: 200, headers: responseHeaders(file) });
    } catch {
      log.warn({ url: request.url.slice(0, 200) }, 'renderer file missing');
      return new Response('Not found', { status: 404 });
    }
  });
}

/** The contract over IPC, answered only to the kiosk window's own top frame. */
function serveContract(kiosk: KioskApp, current: () => BrowserWindow | null, log: Logger): void {
  let nextId = 1;
  ipcMain.handle(
    IPC_INVOKE,
    async (event: IpcMainInvokeEvent, command: unknown, payload: unknown) => {
      const win = current();
      const frame = event.senderFrame;
      const allowed = isAllowedSender({
        frameUrl: frame ? frame.url : null,
        isKioskMainFrame:
          win !== null &&
          !win.isDestroyed() &&
          event.sender === win.webContents &&
          frame !== null &&
          frame === event.sender.mainFrame,
      });
      if (!allowed) {
        log.warn(
          { url: frame ? frame.url.slice(0, 200) : null },
          'IPC from a foreign frame refused',
        );
        return { ok: false, error: { code: 'bad_request', message: 'Sender not allowed.' } };
      }
      // The dispatcher validates the envelope, the command name and the payload.
      const answer = await kiosk.dispatch({ id: nextId++, command, payload });
      return answer.result;
    },
  );
}

function createWindow(log: Logger): BrowserWindow {
  const mode = windowMode(development);
  const win = new BrowserWindow({
    ...mode,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#0b3d91',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: development,
      // The "take your card" chime and spoken prompts must sound even when the session ended
      // by time-out, without a fresh touch (a kiosk has no one to click "allow sound").
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  win.once('ready-to-show', () => win.show());

  const contents = win.webContents;
  const pinchOff = () => {
    contents.setVisualZoomLevelLimits(1, 1).catch((e: unknown) => {
      log.warn({ err: e }, 'could not turn pinch zoom off');
    });
  };
  contents.on('did-finish-load', pinchOff);

  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input, development)) event.preventDefault();
  });
  if (!development) contents.on('devtools-opened', () => contents.closeDevTools());

  const backoff = new CrashBackoff();
  contents.on('render-process-gone', (_e, details) => {
    const delay = backoff.next(Date.now());
    log.error(
      { reason: details.reason, exitCode: details.exitCode, reloadInMs: delay },
      'renderer gone; reloading the idle screen',
    );
    setTimeout(() => {
      if (win.isDestroyed()) return;
      contents.loadURL(APP_INDEX_URL).catch((e: unknown) => {
        log.error({ err: e }, 'reload after renderer crash failed');
      });
    }, delay);
  });
  contents.on('unresponsive', () => log.warn('renderer unresponsive'));
  contents.on('responsive', () => log.info('renderer responsive again'));
  return win;
}

function lockDown(contents: WebContents, log: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url: url.slice(0, 200) }, 'new window denied');
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isAllowedNavigation(url)) return;
    event.preventDefault();
    log.warn({ url: url.slice(0, 200) }, 'navigation denied');
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-frame-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
