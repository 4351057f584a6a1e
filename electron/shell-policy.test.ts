import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  CrashBackoff,
  ELECTRON_CSP,
  isAllowedNavigation,
  isAllowedRequest,
  isAllowedSender,
  isAppUrl,
  isBlockedShortcut,
  rendererFileFor,
  responseHeaders,
  windowMode,
  type KeyInput,
} from './shell-policy';

const key = (k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput => ({
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

describe('app origin', () => {
  it('recognises only app://kiosk URLs', () => {
    expect(isAppUrl(APP_INDEX_URL)).toBe(true);
    expect(isAppUrl('app://kiosk/assets/index-abc.js')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://user:pw@kiosk/index.html')).toBe(false);
    expect(isAppUrl('file:///opt/kiosk/index.html')).toBe(false);
    expect(isAppUrl('https://kiosk/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('navigation and requests', () => {
  it('lets the page navigate only within the app', () => {
    expect(isAllowedNavigation('app://kiosk/index.html#/guide')).toBe(true);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
  });

  it('cancels network and file requests; devtools only in development', () => {
    expect(isAllowedRequest('app://kiosk/assets/a.css', false)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', false)).toBe(true);
    expect(isAllowedRequest('http://127.0.0.1:8080/', false)).toBe(false);
    expect(isAllowedRequest('wss://example.com/', false)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', false)).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', false)).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', true)).toBe(true);
    expect(isAllowedRequest('http://127.0.0.1:8080/', true)).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('accepts only the kiosk window main frame on the app origin', () => {
    expect(isAllowedSender({ frameUrl: APP_INDEX_URL, isKioskMainFrame: true })).toBe(true);
    expect(isAllowedSender({ frameUrl: APP_INDEX_URL, isKioskMainFrame: false })).toBe(false);
    expect(isAllowedSender({ frameUrl: null, isKioskMainFrame: true })).toBe(false);
    expect(isAllowedSender({ frameUrl: 'https://evil.example/', isKioskMainFrame: true })).toBe(
      false,
    );
    expect(isAllowedSender({ frameUrl: 'app://other/index.html', isKioskMainFrame: true })).toBe(
      false,
    );
  });
});

describe('keyboard shortcuts', () => {
  const blocked: [string, KeyInput][] = [
    ['F5', key('F5')],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['Cmd+R', key('r', { meta: true })],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true })],
    ['Ctrl+U', key('u', { control: true })],
    ['Ctrl+P', key('p', { control: true })],
    ['Ctrl+W', key('w', { control: true })],
    ['Ctrl++', key('+', { control: true })],
    ['Ctrl+-', key('-', { control: true })],
    ['Ctrl+0', key('0', { control: true })],
    ['Alt+ArrowLeft', key('ArrowLeft', { alt: true })],
    ['Alt+F4', key('F4', { alt: true })],
    ['BrowserBack', key('BrowserBack')],
  ];
  it.each(blocked)('swallows %s in production', (_name, input) => {
    expect(isBlockedShortcut(input, false)).toBe(true);
  });
  it.each(blocked)('lets %s through in development', (_name, input) => {
    expect(isBlockedShortcut(input, true)).toBe(false);
  });
  it('lets ordinary typing through in production', () => {
    for (const input of [
      key('r'),
      key('R', { shift: true }),
      key('5'),
      key('Enter'),
      key('Backspace'),
      key('ArrowLeft'),
      key('c', { control: true }),
      key('v', { control: true }),
    ]) {
      expect(isBlockedShortcut(input, false), input.key).toBe(false);
    }
  });
});

describe('renderer files on app://', () => {
  const dir = join(sep, 'opt', 'kiosk', 'dist', 'renderer');
  it('maps the root and asset paths into the renderer folder', () => {
    expect(rendererFileFor('app://kiosk/', dir)).toBe(join(dir, 'index.html'));
    expect(rendererFileFor('app://kiosk/index.html?x=1#y', dir)).toBe(join(dir, 'index.html'));
    expect(rendererFileFor('app://kiosk/assets/a%20b.js', dir)).toBe(join(dir, 'assets', 'a b.js'));
  });
  it('refuses traversal, bad escapes, NUL and other origins', () => {
    // The URL parser already folds %2e%2e segments: what is left stays inside the folder.
    expect(rendererFileFor('app://kiosk/%2e%2e/%2e%2e/etc/passwd', dir)).toBe(
      join(dir, 'etc', 'passwd'),
    );
    expect(rendererFileFor('app://kiosk/..%2F..%2Fetc%2Fpasswd', dir)).toBeNull();
    expect(rendererFileFor('app://kiosk/assets/%E0%A4%A', dir)).toBeNull();
    expect(rendererFileFor('app://kiosk/index.html%00.png', dir)).toBeNull();
    expect(rendererFileFor('app://other/index.html', dir)).toBeNull();
    expect(rendererFileFor('file:///etc/passwd', dir)).toBeNull();
  });
  it('serves every file with the strict CSP and its content type', () => {
    const html = responseHeaders(join(dir, 'index.html'));
    expect(html['Content-Type']).toBe('text/html; charset=utf-8');
    expect(html['Content-Security-Policy']).toBe(ELECTRON_CSP);
    expect(responseHeaders(join(dir, 'assets', 'x.JS'))['Content-Type']).toMatch(/javascript/);
    expect(responseHeaders(join(dir, 'blob'))['Content-Type']).toBe('application/octet-stream');
  });
});

describe('Content-Security-Policy', () => {
  it("starts from default-src 'none' and never allows inline or eval code", () => {
    const directives = ELECTRON_CSP.split('; ');
    expect(directives[0]).toBe("default-src 'none'");
    expect(directives).toContain("script-src 'self'");
    expect(ELECTRON_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*|http|ws:/);
    expect(directives).toContain("frame-ancestors 'none'");
  });
});

describe('crash recovery backoff', () => {
  it('reloads at once after an isolated crash, then backs off while crashes repeat', () => {
    const b = new CrashBackoff(60_000, 60_000);
    expect(b.next(0)).toBe(0);
    expect(b.next(1_000)).toBe(1_000);
    expect(b.next(2_000)).toBe(2_000);
    expect(b.next(3_000)).toBe(4_000);
    for (let t = 4_000; t < 12_000; t += 1_000) b.next(t);
    expect(b.next(12_000)).toBe(60_000);
    // A minute of quiet forgets the history.
    expect(b.next(200_000)).toBe(0);
  });
});

describe('window mode', () => {
  it('is a full-screen kiosk in production and a window in development', () => {
    expect(windowMode(false)).toMatchObject({ kiosk: true, fullscreen: true });
    expect(windowMode(true)).toMatchObject({ kiosk: false, fullscreen: false });
  });
});
