import type { Language } from '../../contract';
import { maskCardNumber, maskIdNumber, maskName } from '../../domain/mask';
import type { Block, KeyValueRow, ReceiptDocument } from './receipt';
import { formatDateTime, type PrintContext } from './receipts';

/**
 * Receipts of activation and PIN change (PRODUCT.md items 6–7). They state what is true at the
 * time of printing: the PIN changed on the card, and whether the central service has confirmed
 * the record or it is queued (delivered automatically, with the reference to quote). There is
 * never a PIN on paper; personal data is masked here.
 */
export type PinReceiptStatus = 'confirmed' | 'pending';

export interface PinReceiptInput {
  readonly operation: 'activation' | 'pin_change';
  readonly status: PinReceiptStatus;
  /** null when the card gave no personal data (a 3.00 card with EF06 locked). */
  readonly holder: { readonly name: string; readonly idNumber: string } | null;
  readonly cardNumber: string;
  readonly at: Date;
  readonly reference: string;
  /** Issuing bank, from the card record, when known. */
  readonly bank: string | null;
}

const L = {
  'zh-CN': {
    activation: '社会保障卡启用回执',
    pin_change: '社会保障卡密码修改回执',
    name: '姓名',
    idNumber: '证件号码',
    cardNumber: '社保卡号',
    reference: '业务编号',
    time: '办理时间',
    status: '办理状态',
    confirmed: '已完成（社保中心已确认）',
    pending: '已受理，等待社保中心确认',
    pinChanged: '卡片密码已修改，新密码现在即可使用。',
    activationConfirmed: '社会保障卡的社保功能已启用。',
    activationPending:
      '社保功能启用记录已保存在本机，网络恢复后将自动提交社保中心，无需再次办理。如有疑问，请凭业务编号咨询。',
    pinPending: '密码修改记录将在网络恢复后自动报送社保中心。',
    bank: '金融（银行）功能需本人携带身份证和社保卡到{{bank}}网点柜台激活。',
    bankUnknown: '金融（银行）功能需本人携带身份证和社保卡到发卡银行网点柜台激活。',
    keepSafe: '请妥善保管卡片，不要把密码告诉任何人。',
    hotline: '咨询电话 12333',
  },
  en: {
    activation: 'Social Security Card Activation Receipt',
    pin_change: 'Social Security Card PIN Change Receipt',
    name: 'Name',
    idNumber: 'ID number',
    cardNumber: 'Card number',
    reference: 'Reference',
    time: 'Time',
    status: 'Status',
    confirmed: 'Completed (confirmed by the social security centre)',
    pending: 'Accepted, waiting for the centre to confirm',
    pinChanged: 'The PIN on your card has been changed; the new PIN works now.',
    activationConfirmed: 'The social security function of your card is now active.',
    activationPending:
      'The activation is saved on this kiosk and will be sent to the social security centre automatically when the connection is back; you need not come again. Quote the reference if you have questions.',
    pinPending:
      'The PIN change will be reported to the centre automatically when the connection is back.',
    bank: 'The financial (bank) function must be activated in person at a {{bank}} counter, with your ID card and this card.',
    bankUnknown:
      'The financial (bank) function must be activated in person at a counter of the issuing bank, with your ID card and this card.',
    keepSafe: 'Keep the card safe and never tell anyone your PIN.',
    hotline: 'Hotline 12333',
  },
} as const satisfies Record<Language, Record<string, string>>;

export function pinReceipt(ctx: PrintContext, input: PinReceiptInput): ReceiptDocument {
  const t = L[ctx.language];
  const title = t[input.operation];
  const holder: KeyValueRow[] = input.holder
    ? [
        { label: t.name, value: maskName(input.holder.name) },
        { label: t.idNumber, value: maskIdNumber(input.holder.idNumber) },
      ]
    : [];
  const notes: string[] = [t.pinChanged];
  if (input.operation === 'activation') {
    notes.push(input.status === 'confirmed' ? t.activationConfirmed : t.activationPending);
    notes.push(input.bank ? t.bank.replace('{{bank}}', input.bank) : t.bankUnknown);
  } else if (input.status === 'pending') notes.push(t.pinPending);
  notes.push(t.keepSafe, t.hotline);
  const blocks: Block[] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: ctx.siteName },
    {
      kind: 'rows',
      rows: [...holder, { label: t.cardNumber, value: maskCardNumber(input.cardNumber) }],
    },
    {
      kind: 'rows',
      rows: [
        { label: t.reference, value: input.reference },
        { label: t.time, value: formatDateTime(input.at, ctx.timeZone) },
        { label: t.status, value: input.status === 'confirmed' ? t.confirmed : t.pending },
      ],
    },
    { kind: 'separator' },
    ...notes.map((text): Block => ({ kind: 'paragraph', text })),
  ];
  return {
    kind: input.operation,
    language: ctx.language,
    format: 'receipt',
    title,
    blocks,
    footer: { kioskId: ctx.kioskId, printedAt: ctx.now, reference: input.reference },
  };
}
