/**
 * Virtual cards in vpcd slots, served from a child process (see `vpcd-child.ts` for why they
 * cannot live in the test's own event loop). A card is a handle: the child keeps the card's
 * state (PIN, tries left) by handle, so inserting the same handle again inserts the same card.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface CardHandle {
  readonly id: number;
  readonly personaId: string;
  readonly pinTryLimit?: number;
}

export type VpcdRequest =
  | { seq: number; slot: number; op: 'insert'; card: CardHandle; pullAtApdu?: number }
  | { seq: number; slot: number; op: 'remove' }
  | { seq: number; slot: number; op: 'pull'; n: number; afterProcessing: boolean };

export type VpcdReply = { seq: number; ok: true } | { seq: number; ok: false; error: string };

type Body<R> = R extends unknown ? Omit<R, 'seq' | 'slot'> : never;

let nextCardId = 1;

/** A new card of a demo persona (fresh PIN state); insert the same handle to reinsert it. */
export function virtualCard(personaId: string, pinTryLimit?: number): CardHandle {
  return { id: nextCardId++, personaId, pinTryLimit };
}

export interface VpcdSlot {
  /**
   * Inserts the card; with `pullAtApdu` the card is armed to be pulled at that APDU before it
   * is in the slot, so no APDU can slip past the arming.
   */
  insert(card: CardHandle, options?: { pullAtApdu?: number }): Promise<void>;
  /** Takes the card out (vpcd reports the slot empty). */
  remove(): Promise<void>;
  /**
   * Pulls the card when the `n`-th APDU from now arrives; with `afterProcessing` the card acts
   * on it first but the answer never reaches the host.
   */
  pullAtApdu(n: number, options?: { afterProcessing?: boolean }): Promise<void>;
}

export class VpcdCards {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly slots: readonly VpcdSlot[],
  ) {}

  /** One slot per port (vpcd's ports of the private pcscd). */
  static async start(ports: readonly number[]): Promise<VpcdCards> {
    const child = fork(fileURLToPath(new URL('./vpcd-child.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, VPCD_PORTS: ports.join(',') },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const slots: VpcdSlot[] = [];
    const cards = new VpcdCards(child, slots);
    for (let slot = 0; slot < ports.length; slot += 1) {
      slots.push({
        insert: (card, options = {}) =>
          cards.request({ slot, op: 'insert', card, pullAtApdu: options.pullAtApdu }),
        remove: () => cards.request({ slot, op: 'remove' }),
        pullAtApdu: (n, options = {}) =>
          cards.request({ slot, op: 'pull', n, afterProcessing: options.afterProcessing ?? false }),
      });
    }
    const ready = new Promise<void>((resolve, reject) => {
      cards.pending.set(0, { resolve, reject });
    });
    child.on('message', (reply: VpcdReply) => {
      const waiter = cards.pending.get(reply.seq);
      if (!waiter) return;
      cards.pending.delete(reply.seq);
      if (reply.ok) waiter.resolve();
      else waiter.reject(new Error(`vpcd cards: ${reply.error}`));
    });
    child.on('exit', (code, signal) => {
      cards.exited = true;
      const error = new Error(`vpcd cards process exited (${signal ?? code})`);
      for (const w of cards.pending.values()) w.reject(error);
      cards.pending.clear();
    });
    await ready;
    return cards;
  }

  private request(body: Body<VpcdRequest> & { slot: number }): Promise<void> {
    if (this.exited) return Promise.reject(new Error('vpcd cards process is not running'));
    const seq = ++this.seq;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.child.send({ ...body, seq });
    });
  }

  /** Removes every card and ends the child process. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}
