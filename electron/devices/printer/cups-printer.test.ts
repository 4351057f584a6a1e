import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log';
import { CupsPrinter } from './cups-printer';
import type { PrinterEvent } from './printer-port';

// A server that accepts connections and never answers: a hung CUPS.
let server: Server | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

async function silentServer(): Promise<number> {
  server = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return typeof addr === 'object' && addr !== null ? addr.port : 0;
}

const printer = (port: number) =>
  new CupsPrinter({
    printerUri: `ipp://127.0.0.1:${port}/printers/kiosk`,
    logger: silentLogger(),
    callTimeoutMs: 300,
    statusIntervalMs: 60_000,
    jobPollMs: 100,
    jobDeadlineMs: 1000,
    paperSensor: false,
  });

describe('CUPS adapter against a CUPS that does not answer', () => {
  it('a status query times out: offline, paper unknown, reason cups-timeout, one event', async () => {
    const p = printer(await silentServer());
    const events: PrinterEvent[] = [];
    p.onEvent((e) => events.push(e));
    const s = await p.refresh();
    expect(s).toMatchObject({ device: 'offline', paper: 'unknown', reasons: ['cups-timeout'] });
    await p.refresh();
    expect(events.filter((e) => e.type === 'status_changed')).toHaveLength(1);
  });

  it('printing is refused with the reason instead of hanging', async () => {
    const p = printer(await silentServer());
    const r = await p.print({ pdf: Buffer.from('%PDF'), title: 't' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('printer_unavailable');
      expect(r.error.detail).toContain('cups-timeout');
    }
    const unknown = await p.waitForJob('42');
    expect(unknown.ok).toBe(false);
  });
});
