import type { DemoCard, ReaderStatus } from '../contract';
import type { EventBus } from '../event-bus';
import { err, ok, type Result } from '../result';

/**
 * The demo panel's card slot: inserting a demo card raises the same `card.inserted` event a
 * real reader does. Card contents (the virtual card) come with the card-reader work; here a
 * card is its label and ATR.
 */
export interface DemoCardDefinition extends DemoCard {
  readonly atr: string;
}

export const DEMO_CARDS: readonly DemoCardDefinition[] = [
  {
    id: 'active',
    label: { 'zh-CN': '正常卡（第二代）', en: 'Active card (2nd gen.)' },
    atr: '3B6D00000081544B4E3230330000000000',
  },
  {
    id: 'sealed',
    label: { 'zh-CN': '未启用新卡（第三代）', en: 'New card, not activated (3rd gen.)' },
    atr: '3B6D00000081544B4E3330300000000000',
  },
  {
    id: 'blocked',
    label: { 'zh-CN': '密码已锁定', en: 'PIN blocked' },
    atr: '3B6D00000081544B4E3230310000000000',
  },
  {
    id: 'lost',
    label: { 'zh-CN': '已临时挂失', en: 'Pre-reported lost' },
    atr: '3B6D00000081544B4E3230320000000000',
  },
  {
    id: 'expired',
    label: { 'zh-CN': '已过有效期', en: 'Expired card' },
    atr: '3B6D00000081544B4E3130300000000000',
  },
  {
    id: 'rare-name',
    label: { 'zh-CN': '生僻字姓名', en: 'Name with rare characters' },
    atr: '3B6D00000081544B4E3230340000000000',
  },
  {
    id: 'not-ssc',
    label: { 'zh-CN': '非社保卡', en: 'Not a social security card' },
    atr: '3B8F8001804F0CA000000306030001000000006A',
  },
];

export type DemoSlotError = 'no_such_card' | 'card_already_inserted';

export class DemoCardSlot {
  static readonly READER_NAME = 'Demo reader (simulated)';
  private inserted: DemoCardDefinition | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly onReader: (status: ReaderStatus) => void,
  ) {
    this.onReader(this.status());
  }

  list(): DemoCard[] {
    return DEMO_CARDS.map(({ id, label }) => ({ id, label: { ...label } }));
  }

  insert(id: string): Result<void, DemoSlotError> {
    const card = DEMO_CARDS.find((c) => c.id === id);
    if (!card) return err('no_such_card');
    if (this.inserted) return err('card_already_inserted');
    this.inserted = card;
    this.onReader(this.status());
    this.bus.emit('card.inserted', { reader: DemoCardSlot.READER_NAME, atr: card.atr });
    return ok(undefined);
  }

  remove(): void {
    if (!this.inserted) return;
    this.inserted = null;
    this.onReader(this.status());
    this.bus.emit('card.removed', { reader: DemoCardSlot.READER_NAME });
  }

  private status(): ReaderStatus {
    return {
      device: 'online',
      media: this.inserted ? 'present' : 'absent',
      name: DemoCardSlot.READER_NAME,
      lastError: null,
    };
  }
}
