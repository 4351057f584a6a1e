/**
 * The web host's doors, tried for real: WebSockets without the token, from another origin or
 * with another Host are refused before the upgrade; hostile URLs get an answer, not a crash;
 * malformed contract messages get typed errors and the kiosk keeps working.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { WebSocket as WsClient } from 'ws';
import { PORTRAIT, launchBrowser } from '../support/browser';
import { startKiosk, type RunningKiosk } from '../support/kiosk';

let kiosk: RunningKiosk;
let browser: Browser;
let token = '';
let wsBase = '';

beforeAll(async () => {
  kiosk = await startKiosk();
  browser = await launchBrowser();
  token = new URL(kiosk.host.url).hash.replace(/^#token=/, '');
  wsBase = kiosk.host.origin.replace(/^http/, 'ws');
});

afterAll(async () => {
  await browser.close();
  await kiosk.close();
});

/** Opens a WebSocket as a non-browser client would; resolves with the HTTP status or 101. */
function tryUpgrade(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; socket: WsClient | null }> {
  return new Promise((resolve, reject) => {
    const ws = new WsClient(`${wsBase}${path}`, { headers });
    ws.once('open', () => resolve({ status: 101, socket: ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, socket: null });
      res.resume();
      ws.terminate();
    });
    ws.once('error', (e) => reject(e));
  });
}

function rawGet(path: string, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(kiosk.host.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

/** Sends frames on an open socket and collects the answers, one per frame. */
async function exchange(ws: WsClient, frames: string[]): Promise<unknown[]> {
  const answers: unknown[] = [];
  const done = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : '';
      const parsed = JSON.parse(text) as { event?: string };
      if (parsed.event !== undefined) return; // an event, not an answer
      answers.push(parsed);
      if (answers.length === frames.length) resolve();
    });
  });
  for (const f of frames) ws.send(f);
  await done;
  return answers;
}

describe('WebSocket upgrade guard', () => {
  const own = () => ({ Origin: kiosk.host.origin });

  it('accepts the page’s own origin with the token', async () => {
    const { status, socket } = await tryUpgrade(`/ws?token=${token}`, own());
    expect(status).toBe(101);
    socket?.close();
  });

  it('refuses a WebSocket without the token or with a wrong one', async () => {
    expect((await tryUpgrade('/ws', own())).status).toBe(401);
    expect((await tryUpgrade('/ws?token=', own())).status).toBe(401);
    expect((await tryUpgrade(`/ws?token=${token}x`, own())).status).toBe(401);
    expect((await tryUpgrade(`/ws?token=${token.slice(0, -1)}A`, own())).status).toBe(401);
  });

  it('refuses a WebSocket from another origin, or with none, even with the token', async () => {
    for (const origin of [
      'http://evil.example',
      'http://localhost:' + String(kiosk.host.port),
      'null',
      kiosk.host.origin + '.evil.example',
    ]) {
      expect((await tryUpgrade(`/ws?token=${token}`, { Origin: origin })).status, origin).toBe(403);
    }
    expect((await tryUpgrade(`/ws?token=${token}`, {})).status).toBe(403);
  });

  it('refuses a WebSocket whose Host is not the web host’s own (DNS rebinding)', async () => {
    const headers = { ...own(), Host: `rebind.evil.example:${String(kiosk.host.port)}` };
    expect((await tryUpgrade(`/ws?token=${token}`, headers)).status).toBe(421);
    expect(
      (await tryUpgrade(`/ws?token=${token}`, { ...own(), Host: `localhost:${kiosk.host.port}` }))
        .status,
    ).toBe(421);
  });
});

describe('HTTP guard', () => {
  it('answers hostile paths instead of crashing, and keeps serving', async () => {
    expect(await rawGet('/%E0%A4%A')).toBe(400);
    expect(await rawGet('/%')).toBe(400);
    expect(await rawGet('//')).toBe(400);
    expect(await rawGet('/..%2f..%2f..%2fetc%2fpasswd')).toBe(404);
    expect(await rawGet('/index.html%00.png')).toBe(400);
    expect(await rawGet('/', { Host: 'rebind.evil.example' })).toBe(421);
    expect(await rawGet('/')).toBe(200);
  });

  it('serves the page with a CSP that starts from default-src none', async () => {
    const { hostname, port } = new URL(kiosk.host.origin);
    const csp = await new Promise<string>((resolve, reject) => {
      request({ host: hostname, port, path: '/' }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy'] ?? ''));
      })
        .once('error', reject)
        .end();
    });
    const directives = csp.split('; ');
    expect(directives[0]).toBe("default-src 'none'");
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain(`connect-src ${wsBase}`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});

describe('malformed contract messages', () => {
  it('each get a typed error, and the same socket then answers a good command', async () => {
    const { socket } = await tryUpgrade(`/ws?token=${token}`, { Origin: kiosk.host.origin });
    if (!socket) throw new Error('socket refused');
    const answers = await exchange(socket, [
      'this is not json',
      JSON.stringify({ command: 'app.info', payload: {} }),
      JSON.stringify({ id: 7, command: 'no.such.command', payload: {} }),
      JSON.stringify({ id: 8, command: 'prefs.set', payload: { language: 'fr' } }),
      JSON.stringify({ id: 9, command: 'demo.insertCard', payload: { cardId: '' } }),
      JSON.stringify({ id: 10, command: 'app.info', payload: {}, extra: true }),
      JSON.stringify([1, 2, 3]),
      JSON.stringify({ id: 11, command: 'app.info', payload: {} }),
    ]);
    const codes = answers.map((a) => {
      const r = (a as { result: { ok: boolean; error?: { code: string } } }).result;
      return r.ok ? 'ok' : r.error?.code;
    });
    expect(codes).toEqual([
      'bad_request',
      'bad_request',
      'unknown_command',
      'bad_request',
      'bad_request',
      'bad_request',
      'bad_request',
      'ok',
    ]);
    expect((answers[3] as { id: number }).id).toBe(8);
    expect((answers[3] as { result: { error: { fields: string[] } } }).result.error.fields).toEqual(
      ['language'],
    );
    socket.close();
  });

  it('sent from the page itself, leave the screen working', async () => {
    const context = await browser.newContext({ viewport: PORTRAIT });
    const page = await context.newPage();
    try {
      await page.goto(kiosk.host.url);
      await page.getByTestId('screen-attract').waitFor();
      // A second socket from the page's own origin, as a compromised script could open.
      const codes = await page.evaluate(async () => {
        const t = sessionStorage.getItem('kiosk-token') ?? '';
        const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws?token=${t}`);
        await new Promise((r) => (ws.onopen = r));
        const frames = ['{', '{"id":1,"command":"demo.insertCard","payload":{"cardId":7}}'];
        const got: string[] = [];
        await new Promise<void>((resolve) => {
          ws.onmessage = (m) => {
            const data = JSON.parse(m.data as string) as {
              result?: { ok: boolean; error?: { code: string } };
            };
            if (!data.result) return;
            got.push(data.result.ok ? 'ok' : (data.result.error?.code ?? '?'));
            if (got.length === frames.length) resolve();
          };
          for (const f of frames) ws.send(f);
        });
        ws.close();
        return got;
      });
      expect(codes).toEqual(['bad_request', 'bad_request']);
      await page.getByTestId('btn-language').click();
      await expect
        .poll(() => page.locator('h1').innerText())
        .toBe('Please insert your social security card');
      await page.getByTestId('btn-language').click();
      await expect.poll(() => page.locator('h1').innerText()).toBe('请插入社会保障卡');
    } finally {
      await context.close();
    }
  });
});
