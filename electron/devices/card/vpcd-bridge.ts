import { Socket } from 'node:net';
import type { VirtualCard } from './virtual-card';

/**
 * Connects a VirtualCard to the `vpcd` pcscd driver (vsmartcard-vpcd) over TCP, so that real
 * pcscd and pcsclite see a real reader with a card in it. Framing (CARD.md): 2-byte
 * big-endian length + payload; a 1-byte payload is control (0 power off, 1 power on, 2 reset,
 * 4 get ATR), anything longer is an APDU to answer.
 *
 * vpcd treats "a client is connected" as "a card is in the slot", so insert = connect and
 * remove = close. While a card is inserted the bridge reconnects after a pcscd restart.
 */
export interface VpcdBridgeOptions {
  readonly port: number;
  readonly host?: string;
  /** Delay between connection attempts while vpcd is not listening. */
  readonly retryMs?: number;
}

const CONTROL = { powerOff: 0, powerOn: 1, reset: 2, getAtr: 4 } as const;

export class VpcdBridge {
  private card: VirtualCard | null = null;
  private socket: Socket | null = null;
  private buffer = Buffer.alloc(0);
  private retryTimer: NodeJS.Timeout | null = null;
  private pullAt: number | null = null;
  private pullAfterProcessing = false;
  /** APDUs answered since the card was inserted. */
  apdus = 0;
  private readonly connectedWaiters = new Set<() => void>();

  constructor(private readonly options: VpcdBridgeOptions) {}

  get inserted(): boolean {
    return this.card !== null;
  }

  get connected(): boolean {
    return this.socket !== null && !this.socket.connecting && !this.socket.destroyed;
  }

  insert(card: VirtualCard): void {
    if (this.card) this.remove();
    card.reset();
    this.card = card;
    this.apdus = 0;
    this.connect();
  }

  /** Takes the card out: closes the connection, vpcd reports the slot empty. */
  remove(): void {
    this.card = null;
    this.pullAt = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.destroy();
    this.socket = null;
  }

  /** Warm reset of the card in the slot (RAM state lost, PIN counter kept). */
  reset(): void {
    this.card?.reset();
  }

  /**
   * Pulls the card when the `n`-th APDU from now arrives: the host sees the card vanish
   * mid-transmit. By default before the card acts on it; with `afterProcessing` the card
   * acts (a PIN may change) but the answer never reaches the host.
   */
  pullAtApdu(n: number, options: { afterProcessing?: boolean } = {}): void {
    this.pullAt = this.apdus + n;
    this.pullAfterProcessing = options.afterProcessing ?? false;
  }

  /** Resolves once vpcd has accepted the connection (the card is "in"). */
  whenConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.connectedWaiters.add(resolve));
  }

  private connect(): void {
    const card = this.card;
    if (!card) return;
    const socket = new Socket();
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    socket.setNoDelay(true);
    socket.on('connect', () => {
      for (const w of [...this.connectedWaiters]) w();
      this.connectedWaiters.clear();
    });
    socket.on('data', (chunk: Buffer) => this.onData(socket, card, chunk));
    socket.on('error', () => undefined); // 'close' follows and decides
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      // Still inserted: pcscd went away (or was restarted); come back when vpcd listens again.
      if (this.card === card) {
        this.retryTimer = setTimeout(() => this.connect(), this.options.retryMs ?? 50);
      }
    });
    socket.connect(this.options.port, this.options.host ?? '127.0.0.1');
  }

  private onData(socket: Socket, card: VirtualCard, chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 2) {
      const len = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + len) return;
      const payload = this.buffer.subarray(2, 2 + len);
      this.buffer = this.buffer.subarray(2 + len);
      if (len === 1) {
        const control = payload[0];
        if (control === CONTROL.getAtr) this.send(socket, card.atr);
        else if (
          control === CONTROL.reset ||
          control === CONTROL.powerOn ||
          control === CONTROL.powerOff
        )
          card.reset();
        continue;
      }
      this.apdus += 1;
      if (this.pullAt !== null && this.apdus >= this.pullAt) {
        if (this.pullAfterProcessing) card.transmit(payload);
        this.remove();
        return;
      }
      this.send(socket, card.transmit(payload));
    }
  }

  private send(socket: Socket, payload: Buffer): void {
    const head = Buffer.alloc(2);
    head.writeUInt16BE(payload.length, 0);
    socket.write(Buffer.concat([head, payload]));
  }
}
