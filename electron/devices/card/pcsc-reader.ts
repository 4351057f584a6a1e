import { statSync } from 'node:fs';
import type { Logger } from '../../log';
import { err, ok, type Result } from '../../result';
import { hex } from './apdu';
import {
  ioCode,
  ioDetail,
  loadPcsclite,
  type NativeContext,
  type NativeContextFactory,
  type NativeReader,
} from './pcsc-native';
import { ReaderEventHub } from './reader-events';
import type {
  CardConnection,
  CardIoError,
  CardReaderPort,
  ReaderEvent,
  ReaderInfo,
  ReaderStatus,
} from './reader-port';

export interface PcscReaderOptions {
  readonly logger: Logger;
  /** Defaults to the real pcsclite module. */
  readonly factory?: NativeContextFactory;
  /** pcscd's socket, watched to notice a restart; defaults as libpcsclite does. */
  readonly socketPath?: string;
  /** Period of the liveness check. */
  readonly checkIntervalMs?: number;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  /** A transmit that has not answered by then is reported as an unresponsive card. */
  readonly transmitTimeoutMs?: number;
}

interface Slot {
  readonly name: string;
  readonly native: NativeReader;
  present: boolean;
  atr: string | null;
  /** pcsc-lite's card event counter (upper 16 bits of the state): catches a fast swap. */
  events: number;
  connection: LiveConnection | null;
  readonly changeWaiters: Set<() => void>;
}

interface LiveConnection {
  dead: boolean;
}

// Enough for any short response (256 + SW) with room for odd cards.
const RESPONSE_BUFFER = 1024;
// After a failed transmit, how long to wait for pcscd to tell whether the card left.
const REMOVAL_SETTLE_MS = 500;

/**
 * Real readers through pcscd (pcsclite). Supervised (ARCHITECTURE.md): a pcscd restart leaves
 * a PC/SC context dead — errors, or silence and readers that are never re-announced — so the
 * adapter watches for context errors and, periodically, for pcscd's socket being gone or
 * replaced, then drops the context and builds a new one with backoff. Losing one reader
 * (its 'end') is not losing the others.
 */
export class PcscReader implements CardReaderPort {
  private readonly hub = new ReaderEventHub({ device: 'offline', media: 'unknown' });
  private readonly slots = new Map<string, Slot>();
  private factory: NativeContextFactory | null;
  private readonly log: Logger;
  private ctx: NativeContext | null = null;
  private generation = 0;
  private socketId: string | null = null;
  private running = false;
  private backoffMs: number;
  private reopenTimer: NodeJS.Timeout | null = null;
  private checkTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: PcscReaderOptions) {
    this.factory = options.factory ?? null;
    this.log = options.logger.child({ component: 'pcsc-reader' });
    this.backoffMs = options.backoffInitialMs ?? 50;
  }

  private get socketPath(): string {
    return this.options.socketPath ?? process.env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm';
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.open();
    this.checkTimer = setInterval(() => this.check(), this.options.checkIntervalMs ?? 500);
    this.checkTimer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.checkTimer) clearInterval(this.checkTimer);
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.checkTimer = null;
    this.reopenTimer = null;
    for (const slot of this.slots.values()) {
      if (slot.connection && !slot.connection.dead)
        await this.release(slot, slot.native.SCARD_RESET_CARD);
    }
    this.teardown();
  }

  status(): ReaderStatus {
    return this.hub.status;
  }

  readers(): readonly ReaderInfo[] {
    return [...this.slots.values()].map((s) => ({
      name: s.name,
      cardPresent: s.present,
      atr: s.atr,
    }));
  }

  onEvent(listener: (event: ReaderEvent) => void): () => void {
    return this.hub.on(listener);
  }

  private readSocketId(): string | null {
    try {
      const st = statSync(this.socketPath);
      return `${st.ino}:${st.ctimeMs}`;
    } catch {
      return null;
    }
  }

  private open(): void {
    if (!this.running || this.ctx) return;
    if (!this.factory) {
      try {
        this.factory = loadPcsclite();
      } catch (e) {
        // The native module itself is missing or built for another ABI: no retry will help.
        this.log.error(
          { detail: e instanceof Error ? e.message : 'unknown' },
          'pcsclite cannot be loaded',
        );
        this.hub.setStatus({ device: 'hardware_error', media: 'unknown' });
        return;
      }
    }
    let ctx: NativeContext;
    try {
      ctx = this.factory();
    } catch (e) {
      this.log.debug({ detail: ioDetail(e) }, 'pcscd unreachable');
      this.updateStatus();
      this.scheduleReopen();
      return;
    }
    const gen = ++this.generation;
    this.ctx = ctx;
    this.socketId = this.readSocketId();
    this.backoffMs = this.options.backoffInitialMs ?? 50;
    this.log.info('PC/SC context established');
    ctx.on('reader', (r) => {
      if (gen !== this.generation) return;
      this.addReader(r, gen);
    });
    ctx.on('error', (e) => {
      if (gen !== this.generation) return;
      this.log.warn({ detail: ioDetail(e) }, 'PC/SC context failed; recreating');
      // Never close native objects inside their own callbacks (see 'end' below).
      setImmediate(() => {
        if (gen === this.generation) this.recycle();
      });
    });
    this.updateStatus();
  }

  private scheduleReopen(): void {
    if (!this.running || this.reopenTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.backoffMaxMs ?? 1000);
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      this.open();
    }, delay);
  }

  private check(): void {
    if (!this.ctx) return;
    const id = this.readSocketId();
    if (id === this.socketId) return;
    this.log.warn(
      { socket: id ? 'replaced' : 'gone' },
      'pcscd restarted or stopped; recreating context',
    );
    this.recycle();
  }

  private recycle(): void {
    this.teardown();
    this.scheduleReopen();
  }

  private teardown(): void {
    const ctx = this.ctx;
    this.ctx = null;
    this.generation += 1;
    for (const slot of [...this.slots.values()]) this.dropSlot(slot);
    try {
      this.log.debug('closing context');
      ctx?.close();
      this.log.debug('closed context');
    } catch (e) {
      this.log.debug({ detail: ioDetail(e) }, 'closing a dead context failed');
    }
    this.updateStatus();
  }

  private addReader(native: NativeReader, gen: number): void {
    const slot: Slot = {
      name: native.name,
      native,
      present: false,
      atr: null,
      events: -1,
      connection: null,
      changeWaiters: new Set(),
    };
    this.slots.set(slot.name, slot);
    this.hub.emit({ type: 'reader_added', reader: slot.name });
    native.on('status', (s) => {
      if (gen === this.generation) this.onStatus(slot, s.state, s.atr);
    });
    native.on('error', (e) => {
      if (gen === this.generation)
        this.log.warn({ reader: slot.name, detail: ioDetail(e) }, 'reader watch failed');
    });
    native.on('end', () => {
      // pcsclite emits 'end' while holding the reader's mutex, and close() takes that mutex:
      // closing here would deadlock the main thread. Defer it.
      setImmediate(() => {
        if (gen !== this.generation || this.slots.get(slot.name) !== slot) return;
        this.dropSlot(slot);
        this.updateStatus();
      });
    });
    this.updateStatus();
  }

  private onStatus(slot: Slot, state: number, atr: Buffer | undefined): void {
    const present = (state & slot.native.SCARD_STATE_PRESENT) !== 0;
    const events = state >>> 16;
    const atrHex = present && atr && atr.length > 0 ? hex(atr) : null;
    const swapped = present && slot.present && (events !== slot.events || atrHex !== slot.atr);
    if (slot.present && (!present || swapped)) this.cardGone(slot);
    if (present && (!slot.present || swapped) && atrHex) {
      slot.present = true;
      slot.atr = atrHex;
      slot.events = events;
      this.hub.emit({ type: 'card_inserted', reader: slot.name, atr: atrHex });
    }
    for (const w of [...slot.changeWaiters]) w();
    this.updateStatus();
  }

  private cardGone(slot: Slot): void {
    slot.present = false;
    slot.atr = null;
    if (slot.connection) {
      slot.connection.dead = true;
      slot.connection = null;
      // The handle must be released, or pcsclite believes it is still connected.
      slot.native.disconnect(slot.native.SCARD_LEAVE_CARD, () => undefined);
    }
    this.hub.emit({ type: 'card_removed', reader: slot.name });
  }

  private dropSlot(slot: Slot): void {
    if (slot.present) this.cardGone(slot);
    if (slot.connection) slot.connection.dead = true;
    this.slots.delete(slot.name);
    for (const w of [...slot.changeWaiters]) w();
    try {
      this.log.debug({ reader: slot.name }, 'closing reader');
      slot.native.close();
      this.log.debug({ reader: slot.name }, 'closed reader');
    } catch (e) {
      this.log.debug({ detail: ioDetail(e) }, 'closing a reader failed');
    }
    this.hub.emit({ type: 'reader_removed', reader: slot.name });
  }

  private updateStatus(): void {
    if (!this.ctx) return this.hub.setStatus({ device: 'offline', media: 'unknown' });
    if (this.slots.size === 0) return this.hub.setStatus({ device: 'no_device', media: 'unknown' });
    const present = [...this.slots.values()].some((s) => s.present);
    this.hub.setStatus({ device: 'online', media: present ? 'present' : 'absent' });
  }

  private waitForChange(slot: Slot, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        slot.changeWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      slot.changeWaiters.add(done);
    });
  }

  private release(slot: Slot, disposition: number): Promise<void> {
    return new Promise((resolve) => {
      const conn = slot.connection;
      if (conn) conn.dead = true;
      slot.connection = null;
      slot.native.disconnect(disposition, (e) => {
        if (e) this.log.debug({ detail: ioDetail(e) }, 'disconnect failed');
        resolve();
      });
    });
  }

  async connect(reader: string): Promise<Result<CardConnection, CardIoError>> {
    const slot = this.slots.get(reader);
    if (!slot) return err({ code: 'reader_unavailable', detail: 'no such reader' });
    if (!slot.present) return err({ code: 'no_card', detail: 'no card in reader' });
    if (slot.connection) return err({ code: 'card_busy', detail: 'a session holds the card' });
    // A handle left over from a failed disconnect would make pcsclite skip the real connect.
    if (slot.native.connected) await this.release(slot, slot.native.SCARD_LEAVE_CARD);
    const connected = await new Promise<Result<number, CardIoError>>((resolve) => {
      slot.native.connect({ share_mode: slot.native.SCARD_SHARE_EXCLUSIVE }, (e, protocol) => {
        resolve(e ? err({ code: ioCode(e), detail: ioDetail(e) }) : ok(protocol));
      });
    });
    if (!connected.ok) return connected;
    if (this.slots.get(reader) !== slot || !slot.present) {
      await this.release(slot, slot.native.SCARD_LEAVE_CARD);
      return err({ code: 'card_removed', detail: 'card removed while connecting' });
    }
    const live: LiveConnection = { dead: false };
    slot.connection = live;
    const protocol = connected.value;
    return ok({
      reader,
      atr: slot.atr ?? '',
      transmit: (apdu) => this.transmit(slot, live, protocol, apdu),
      // Reset on release: the card forgets a verified PIN and an unlocked EF06.
      disconnect: () =>
        slot.connection === live
          ? this.release(slot, slot.native.SCARD_RESET_CARD)
          : Promise.resolve(),
    });
  }

  private async transmit(
    slot: Slot,
    live: LiveConnection,
    protocol: number,
    apdu: Buffer,
  ): Promise<Result<Buffer, CardIoError>> {
    if (live.dead)
      return err({
        code: slot.present ? 'reader_unavailable' : 'card_removed',
        detail: 'connection closed',
      });
    const timeoutMs = this.options.transmitTimeoutMs ?? 10_000;
    const answer = await new Promise<Result<Buffer, unknown>>((resolve) => {
      const timer = setTimeout(() => resolve(err(new Error('transmit timed out'))), timeoutMs);
      slot.native.transmit(apdu, RESPONSE_BUFFER, protocol, (e, data) => {
        clearTimeout(timer);
        resolve(e ? err(e) : ok(data));
      });
    });
    // vpcd answers a transfer to a vanished card with zero bytes and success.
    if (answer.ok && answer.value.length >= 2) return answer;
    const failure = answer.ok ? new Error('empty response') : answer.error;
    let code = answer.ok ? 'card_unresponsive' : ioCode(failure);
    if (code !== 'card_removed' && code !== 'no_card' && slot.present && !live.dead) {
      // vpcd and some readers report a pulled card as a failed transfer first; pcscd's status
      // tells the truth a moment later.
      await this.waitForChange(slot, REMOVAL_SETTLE_MS);
    }
    if (this.slots.get(slot.name) !== slot) code = 'reader_unavailable';
    else if (live.dead || !slot.present) code = 'card_removed';
    this.log.info({ reader: slot.name, code, detail: ioDetail(failure) }, 'transmit failed');
    return err({ code, detail: ioDetail(failure) });
  }
}
