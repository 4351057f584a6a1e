import type { DemoCard } from '../contract';
import { DEMO_PERSONAS } from '../devices/card/personas';
import type { SimulatedReader } from '../devices/card/simulated-reader';
import { err, ok, type Result } from '../result';

/**
 * The demo panel's card slot: it inserts the virtual cards of CARD.md's personas (and a mute
 * card) into the simulated reader, so a demo card goes through the same CardService and SSC
 * card application as a real one. The personas' own list already holds the "other ISO 7816
 * card" (`non-ssc`).
 */
export const MUTE_CARD_ID = 'mute';

const MUTE_CARD: DemoCard = {
  id: MUTE_CARD_ID,
  label: { 'zh-CN': '无法读取的卡（芯片无应答）', en: 'Unreadable card (chip does not answer)' },
};

export type DemoSlotError = 'no_such_card' | 'card_already_inserted' | 'reader_stopped';

export class DemoCardSlot {
  constructor(private readonly reader: SimulatedReader) {}

  list(): DemoCard[] {
    return [
      ...DEMO_PERSONAS.map(({ id, label }) => ({ id, label: { 'zh-CN': label.zh, en: label.en } })),
      { ...MUTE_CARD, label: { ...MUTE_CARD.label } },
    ];
  }

  insert(id: string): Result<void, DemoSlotError> {
    if (id !== MUTE_CARD_ID && !DEMO_PERSONAS.some((p) => p.id === id)) return err('no_such_card');
    if (this.reader.readers().some((r) => r.cardPresent)) return err('card_already_inserted');
    const r = id === MUTE_CARD_ID ? this.reader.insertMute() : this.reader.insert(id);
    if (r.ok) return ok(undefined);
    return err(r.error === 'unknown_persona' ? 'no_such_card' : r.error);
  }

  remove(): void {
    this.reader.remove();
  }
}
