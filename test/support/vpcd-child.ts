/**
 * The virtual cards' side of the vpcd link, in a process of its own (started by
 * `vpcd-cards.ts`). It must not share a thread with the code under test: libpcsclite makes
 * some calls synchronously (SCardEstablishContext when a context is created), and pcscd may
 * be waiting on the card for an ATR or a response at that moment. With the card in the same
 * event loop neither side can move, and the run hangs until pcscd gives up, if it ever does.
 *
 * Messages (parent → child) are `VpcdRequest`; every one is answered with a `VpcdReply` of the
 * same `seq`, after the action has taken effect.
 */
import { VpcdBridge } from '../../electron/devices/card/vpcd-bridge';
import { VirtualCard } from '../../electron/devices/card/virtual-card';
import { findPersona } from '../../electron/devices/card/personas';
import type { VpcdReply, VpcdRequest } from './vpcd-cards';

const ports = (process.env.VPCD_PORTS ?? '').split(',').map(Number);
const slots = ports.map((port) => new VpcdBridge({ port }));
const cards = new Map<number, VirtualCard>();

function handle(req: VpcdRequest): string | null {
  const slot = slots[req.slot];
  if (!slot) return `no slot ${req.slot}`;
  switch (req.op) {
    case 'insert': {
      let card = cards.get(req.card.id);
      if (!card) {
        const persona = findPersona(req.card.personaId);
        if (!persona) return `unknown persona ${req.card.personaId}`;
        card = new VirtualCard(persona, { pinTryLimit: req.card.pinTryLimit });
        cards.set(req.card.id, card);
      }
      slot.insert(card);
      if (req.pullAtApdu !== undefined) slot.pullAtApdu(req.pullAtApdu);
      return null;
    }
    case 'remove':
      slot.remove();
      return null;
    case 'pull':
      slot.pullAtApdu(req.n, { afterProcessing: req.afterProcessing });
      return null;
  }
}

process.on('message', (msg: VpcdRequest) => {
  const error = handle(msg);
  const reply: VpcdReply =
    error === null ? { seq: msg.seq, ok: true } : { seq: msg.seq, ok: false, error };
  process.send?.(reply);
});
// The parent went away without stopping us: nothing else keeps the cards alive.
process.on('disconnect', () => {
  for (const s of slots) s.remove();
  process.exit(0);
});
process.send?.({ seq: 0, ok: true } satisfies VpcdReply);
