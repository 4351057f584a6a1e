import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSmsGatewayEnv } from '../config';
import type { Queryable } from '../db/database';
import { HttpSmsGateway, SmsDispatcher, type SmsLog } from './sms';

interface Received {
  method: string | undefined;
  path: string | undefined;
  authorization: string | undefined;
  body: unknown;
}

/** A tiny gateway: answers by the path it is called on. */
let server: Server;
let base: string;
const received: Received[] = [];
const pendingTimers = new Set<NodeJS.Timeout>();

function handle(req: IncomingMessage, res: ServerResponse): void {
  let text = '';
  req.on('data', (d: Buffer) => {
    text += d.toString();
  });
  req.on('end', () => {
    received.push({
      method: req.method,
      path: req.url,
      authorization: req.headers.authorization,
      body: JSON.parse(text) as unknown,
    });
    if (req.url === '/ok') res.writeHead(202).end('{"id":"m1"}');
    else if (req.url === '/refuse') res.writeHead(503).end('busy');
    else if (req.url === '/redirect') res.writeHead(302, { location: '/ok' }).end();
    else if (req.url === '/slow') {
      const t = setTimeout(() => {
        pendingTimers.delete(t);
        res.writeHead(200).end();
      }, 5000);
      pendingTimers.add(t);
    } else res.writeHead(404).end();
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const t of pendingTimers) clearTimeout(t);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const noDb: Queryable = {
  query: () => Promise.reject(new Error('the HTTP gateway must not touch the database')),
};
const message = { phone: '13812345678', text: '验证码 654321', challengeId: 'ch-1' };
const gateway = (path: string, timeoutMs = 2000): HttpSmsGateway =>
  new HttpSmsGateway({ url: `${base}${path}`, token: 'tok-123', timeoutMs });

describe('HttpSmsGateway', () => {
  it('POSTs phone, text and reference with the bearer token', async () => {
    expect(await gateway('/ok').send(noDb, message)).toEqual({ ok: true, value: undefined });
    expect(received.at(-1)).toEqual({
      method: 'POST',
      path: '/ok',
      authorization: 'Bearer tok-123',
      body: { phone: '13812345678', text: '验证码 654321', reference: 'ch-1' },
    });
  });

  it('returns typed errors: refused, redirected, timed out, unreachable', async () => {
    expect(await gateway('/refuse').send(noDb, message)).toEqual({
      ok: false,
      error: { kind: 'rejected', status: 503 },
    });
    const redirected = await gateway('/redirect').send(noDb, message);
    expect(redirected).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
    expect(received.filter((r) => r.path === '/ok')).toHaveLength(1); // the token stayed put
    expect(await gateway('/slow', 200).send(noDb, message)).toEqual({
      ok: false,
      error: { kind: 'timeout', afterMs: 200 },
    });
    const closed = new HttpSmsGateway({
      url: 'http://127.0.0.1:9/sms',
      token: 't',
      timeoutMs: 2000,
    });
    expect(await closed.send(noDb, message)).toMatchObject({
      ok: false,
      error: { kind: 'unreachable' },
    });
  });

  it('refuses plain http off loopback and an empty token', () => {
    expect(
      () => new HttpSmsGateway({ url: 'http://sms.example.org/send', token: 't', timeoutMs: 1000 }),
    ).toThrow(/https/);
    expect(() => new HttpSmsGateway({ url: `${base}/ok`, token: '', timeoutMs: 1000 })).toThrow(
      /token/,
    );
  });

  it('reads CENTRAL_SMS_GATEWAY and rejects a bad one clearly', () => {
    expect(parseSmsGatewayEnv('{"url":"https://sms.example.org/send","token":"x"}')).toEqual({
      url: 'https://sms.example.org/send',
      token: 'x',
      timeoutMs: 5000,
    });
    expect(() => parseSmsGatewayEnv('https://sms.example.org')).toThrow(/CENTRAL_SMS_GATEWAY/);
  });
});

describe('SmsDispatcher', () => {
  it('logs a failed delivery with the masked phone and never the text', async () => {
    const logged: { fields: Record<string, unknown>; message: string }[] = [];
    const log: SmsLog = { warn: (fields, msg) => logged.push({ fields, message: msg }) };
    const dispatcher = new SmsDispatcher(gateway('/refuse'), log);
    await dispatcher.dispatch(noDb, message);
    await dispatcher.drain();
    expect(logged).toHaveLength(1);
    const line = JSON.stringify(logged);
    expect(line).toContain('138****5678');
    expect(line).toContain('"status":503');
    expect(line).not.toContain('654321');
    expect(line).not.toContain('13812345678');
  });
});
