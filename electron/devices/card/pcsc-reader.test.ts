import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log';
import type { NativeContext, NativeReader, NativeStatus } from './pcsc-native';
import { PcscReader } from './pcsc-reader';
import type { ReaderEvent } from './reader-port';

const PRESENT = 0x20;
const EMPTY = 0x10;
const NO_SERVICE = new Error('SCardEstablishContext error: Service not available.(0x8010001d)');

/** A stand-in for pcsclite's CardReader, driven by the test. */
class FakeReader extends EventEmitter implements NativeReader {
  connected = false;
  closed = false;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_STATE_PRESENT = PRESENT;
  readonly SCARD_STATE_MUTE = 0x200;
  readonly SCARD_RESET_CARD = 1;
  readonly SCARD_LEAVE_CARD = 0;
  answer: (apdu: Buffer) => Buffer | Error = () => Buffer.from([0x90, 0x00]);
  constructor(readonly name: string) {
    super();
  }
  status(s: NativeStatus): void {
    this.emit('status', s);
  }
  connect(_o: { share_mode: number }, cb: (e: unknown, p: number) => void): void {
    setImmediate(() => {
      this.connected = true;
      cb(undefined, 2);
    });
  }
  disconnect(_d: number, cb: (e: unknown) => void): void {
    setImmediate(() => {
      this.connected = false;
      cb(undefined);
    });
  }
  transmit(data: Buffer, _l: number, _p: number, cb: (e: unknown, d: Buffer) => void): void {
    setImmediate(() => {
      const a = this.answer(data);
      if (a instanceof Error) cb(a, Buffer.alloc(0));
      else cb(undefined, a);
    });
  }
  close(): void {
    this.closed = true;
  }
}

class FakeContext extends EventEmitter implements NativeContext {
  closed = false;
  close(): void {
    this.closed = true;
  }
}

class FakePcsc {
  up = true;
  contexts: FakeContext[] = [];
  readonly factory = (): NativeContext => {
    if (!this.up) throw NO_SERVICE;
    const ctx = new FakeContext();
    this.contexts.push(ctx);
    return ctx;
  };
  get last(): FakeContext {
    const c = this.contexts.at(-1);
    if (!c) throw new Error('no context yet');
    return c;
  }
  addReader(name: string, state = EMPTY, atr?: Buffer): FakeReader {
    const r = new FakeReader(name);
    this.last.emit('reader', r);
    r.status({ state, atr });
    return r;
  }
}

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function setup() {
  dir = mkdtempSync(join(tmpdir(), 'pcsc-reader-'));
  const socketPath = join(dir, 'pcscd.comm');
  writeFileSync(socketPath, '');
  const pcsc = new FakePcsc();
  const reader = new PcscReader({
    logger: silentLogger(),
    factory: pcsc.factory,
    socketPath,
    checkIntervalMs: 20,
    backoffInitialMs: 5,
    backoffMaxMs: 20,
  });
  const events: ReaderEvent[] = [];
  reader.onEvent((e) => events.push(e));
  return { pcsc, reader, events, socketPath };
}

function nextEvent(reader: PcscReader, pred: (e: ReaderEvent) => boolean): Promise<ReaderEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('event not seen in 2 s')), 2000);
    const off = reader.onEvent((e) => {
      if (!pred(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

const statusIs = (device: string) => (e: ReaderEvent) =>
  e.type === 'status_changed' && e.status.device === device;

describe('PcscReader (pcsclite adapter) against a fake pcsclite', () => {
  it('starts offline when pcscd is down and comes online by itself when it appears', async () => {
    const { pcsc, reader } = setup();
    pcsc.up = false;
    reader.start();
    expect(reader.status()).toEqual({ device: 'offline', media: 'unknown' });
    pcsc.up = true;
    await nextEvent(reader, statusIs('no_device'));
    pcsc.addReader('R1');
    expect(reader.status()).toEqual({ device: 'online', media: 'absent' });
    await reader.stop();
  });

  it('reports insertion and removal with the ATR, and status events only on change', async () => {
    const { pcsc, reader, events } = setup();
    reader.start();
    const r1 = pcsc.addReader('R1');
    r1.status({ state: PRESENT | (1 << 16), atr: Buffer.from('3B68', 'hex') });
    r1.status({ state: PRESENT | (1 << 16), atr: Buffer.from('3B68', 'hex') });
    r1.status({ state: EMPTY | (2 << 16) });
    const kinds = events.map((e) =>
      e.type === 'status_changed' ? `${e.status.device}/${e.status.media}` : e.type,
    );
    expect(kinds).toEqual([
      'no_device/unknown',
      'reader_added',
      'online/absent',
      'card_inserted',
      'online/present',
      'card_removed',
      'online/absent',
    ]);
    expect(events.find((e) => e.type === 'card_inserted')).toMatchObject({ atr: '3B68' });
    await reader.stop();
  });

  it('sees a card swapped between two polls through the event counter', async () => {
    const { pcsc, reader, events } = setup();
    reader.start();
    const r1 = pcsc.addReader('R1', PRESENT | (1 << 16), Buffer.from('3B68', 'hex'));
    r1.status({ state: PRESENT | (3 << 16), atr: Buffer.from('3B68', 'hex') });
    expect(events.filter((e) => e.type === 'card_inserted')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'card_removed')).toHaveLength(1);
    await reader.stop();
  });

  it('rebuilds the context after a context error and after a silent pcscd restart', async () => {
    const { pcsc, reader, socketPath } = setup();
    reader.start();
    pcsc.addReader('R1');
    pcsc.last.emit('error', new Error('SCardGetStatusChange error: (0x80100013)'));
    await nextEvent(reader, statusIs('offline'));
    await nextEvent(reader, statusIs('no_device'));
    expect(pcsc.contexts).toHaveLength(2);
    expect(pcsc.contexts[0]?.closed).toBe(true);
    pcsc.addReader('R1');
    // pcscd restarted without a word on the old context: a new socket file.
    rmSync(socketPath);
    writeFileSync(socketPath, '');
    await nextEvent(reader, statusIs('offline'));
    await nextEvent(reader, statusIs('no_device'));
    expect(pcsc.contexts).toHaveLength(3);
    await reader.stop();
  });

  it('loses one reader without losing the other', async () => {
    const { pcsc, reader } = setup();
    reader.start();
    const r1 = pcsc.addReader('R1');
    pcsc.addReader('R2', PRESENT | (1 << 16), Buffer.from('3B00', 'hex'));
    r1.emit('end');
    await nextEvent(reader, (e) => e.type === 'reader_removed');
    expect(r1.closed).toBe(true);
    expect(reader.readers().map((r) => r.name)).toEqual(['R2']);
    expect(reader.status()).toEqual({ device: 'online', media: 'present' });
    await reader.stop();
  });

  it('connects exclusively, transmits, and types a card pulled mid-transmit', async () => {
    const { pcsc, reader } = setup();
    reader.start();
    const r1 = pcsc.addReader('R1', PRESENT | (1 << 16), Buffer.from('3B00', 'hex'));
    expect(await reader.connect('R2')).toMatchObject({
      ok: false,
      error: { code: 'reader_unavailable' },
    });
    const c = await reader.connect('R1');
    if (!c.ok) throw new Error('connect failed');
    expect(await reader.connect('R1')).toMatchObject({ ok: false, error: { code: 'card_busy' } });
    expect(await c.value.transmit(Buffer.from('00A40400', 'hex'))).toEqual({
      ok: true,
      value: Buffer.from([0x90, 0]),
    });
    // vpcd's way: zero bytes and success, then pcscd notices the card is gone.
    r1.answer = () => {
      setImmediate(() => r1.status({ state: EMPTY | (2 << 16) }));
      return Buffer.alloc(0);
    };
    expect(await c.value.transmit(Buffer.from('00B2010000', 'hex'))).toMatchObject({
      ok: false,
      error: { code: 'card_removed' },
    });
    expect(await reader.connect('R1')).toMatchObject({ ok: false, error: { code: 'no_card' } });
    // The handle was released: the next card gets a fresh connection that works.
    r1.answer = () => Buffer.from([0x90, 0x00]);
    r1.status({ state: PRESENT | (3 << 16), atr: Buffer.from('3B00', 'hex') });
    const again = await reader.connect('R1');
    expect(again.ok && (await again.value.transmit(Buffer.from('00A40400', 'hex'))).ok).toBe(true);
    await reader.stop();
  });
});
