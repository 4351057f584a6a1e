/**
 * The Electron shell's security decisions as plain functions: which origin the app lives at,
 * its Content-Security-Policy, which navigations, requests, IPC senders and keyboard shortcuts
 * are allowed, where a renderer URL maps to on disk, and how fast a crashed renderer is
 * reloaded. `main.ts` only wires Electron's events to these, so every rule is unit-tested
 * without the Electron binary.
 */
import { isAbsolute, relative, resolve } from 'node:path';

/** The renderer is served from a privileged custom scheme, never file:// (whose origin is null). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Nothing by default; the built renderer's own scripts, styles, images, fonts and sounds. No
 * connect-src: under Electron the contract travels over IPC, not the network.
 */
export const ELECTRON_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when the URL belongs to the app's own origin. Compared by scheme and host, because
 * Node's URL reports the origin of a non-special scheme as "null".
 */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.username === '' &&
    u.password === ''
  );
}

/** A page may only navigate within the app; anything else (links, redirects, drops) is denied. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Requests the session lets through: the app's own origin, inline data, and (in development
 * only) the devtools front-end. The network and the file system are out of reach.
 */
export function isAllowedRequest(url: string, development: boolean): boolean {
  if (isAppUrl(url)) return true;
  const u = parse(url);
  if (u === null) return false;
  if (u.protocol === 'data:') return true;
  if (development && (u.protocol === 'devtools:' || u.protocol === 'chrome-extension:'))
    return true;
  return false;
}

/** What main.ts knows about the frame that sent an IPC message. */
export interface SenderInfo {
  /** The sending frame's URL; null when the frame is gone (navigated away or destroyed). */
  readonly frameUrl: string | null;
  /** The sender is the top frame of the kiosk window (not an iframe, not another window). */
  readonly isKioskMainFrame: boolean;
}

export function isAllowedSender(sender: SenderInfo): boolean {
  return sender.isKioskMainFrame && sender.frameUrl !== null && isAppUrl(sender.frameUrl);
}

/** The fields of Electron's `Input` that decide whether a key combination is let through. */
export interface KeyInput {
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

/**
 * Key combinations that would leave the kiosk's screen in production: reload, devtools, view
 * source, zoom, print, find, close, quit, history navigation. (Development keeps them.)
 */
export function isBlockedShortcut(input: KeyInput, development: boolean): boolean {
  if (development) return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const mod = input.control || input.meta;
  if (key === 'F5' || key === 'F12' || key === 'F11' || key === 'BrowserRefresh') return true;
  if (key === 'BrowserBack' || key === 'BrowserForward' || key === 'BrowserHome') return true;
  if (input.alt && (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'F4' || key === 'Home'))
    return true;
  if (!mod) return false;
  // Ctrl/Cmd + R, Shift+R (reload), I/J/C with Shift or Alt (devtools), U (source), P (print),
  // F/G (find), W/Q (close, quit), N/T (new window), S/O (save, open), zoom in/out/reset.
  if (key.length === 1 && 'rupfgwqntso'.includes(key)) return true;
  if (key.length === 1 && 'ijc'.includes(key) && (input.shift || input.alt)) return true;
  return ['+', '=', '-', '_', '0', 'Add', 'Subtract'].includes(key);
}

/**
 * Maps an app:// URL to a file of the built renderer, or null when it does not name one inside
 * it (traversal, a bad %-escape, another origin). "/" is the index page.
 */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  if (!isAppUrl(url)) return null;
  const u = parse(url);
  if (u === null) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, '.' + (pathname === '/' ? '/index.html' : pathname));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ico: 'image/x-icon',
};

/** Response headers for a renderer file served on app://. */
export function responseHeaders(file: string): Record<string, string> {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  return {
    'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'Content-Security-Policy': ELECTRON_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * Renderer crash recovery: reload at once after an isolated crash; when crashes repeat within a
 * minute, wait longer each time (up to a minute) so a renderer that dies on load does not spin
 * the CPU. `now` is passed in, so the rule is tested without clocks.
 */
export class CrashBackoff {
  private recent: number[] = [];

  constructor(
    private readonly windowMs = 60_000,
    private readonly maxDelayMs = 60_000,
  ) {}

  /** Records a crash at `now` and answers how long to wait before reloading. */
  next(now: number): number {
    this.recent = this.recent.filter((t) => now - t < this.windowMs);
    this.recent.push(now);
    const repeats = this.recent.length - 1;
    if (repeats === 0) return 0;
    return Math.min(1000 * 2 ** (repeats - 1), this.maxDelayMs);
  }
}

/** Window geometry: a full-screen kiosk in production, a portrait window while developing. */
export function windowMode(development: boolean): {
  kiosk: boolean;
  fullscreen: boolean;
  width: number;
  height: number;
} {
  return development
    ? { kiosk: false, fullscreen: false, width: 608, height: 1080 }
    : { kiosk: true, fullscreen: true, width: 1080, height: 1920 };
}
