import type { Language } from '../../contract';
import { maskCardNumber, maskIdNumber, maskName } from '../../domain/mask';
import type { Block, KeyValueRow, ReceiptDocument, ReceiptKind, TableColumn } from './receipt';

/**
 * Builders for every printout. Personal data is masked here, once, so the PDF, the reprint
 * store and the CUPS spool only ever hold what the citizen sees on the paper. Amounts are in
 * fen (integers) so no float rounding reaches a statement.
 */
export interface PrintContext {
  readonly kioskId: string;
  readonly siteName: string;
  readonly language: Language;
  readonly now: Date;
  /** IANA zone for printed times; the kiosk's local time. */
  readonly timeZone?: string;
}

export interface CardHolder {
  readonly name: string;
  readonly idNumber: string;
  readonly cardNumber: string;
}

const L = {
  'zh-CN': {
    activation: '社会保障卡启用回执',
    loss_report: '社会保障卡临时挂失回执',
    cancel: '解除临时挂失回执',
    contribution_statement: '社会保险个人缴费明细',
    inquiry: '查询结果',
    test_page: '打印机测试页',
    diagnostics: '终端诊断信息',
    pin_change: '社会保障卡密码修改回执',
    name: '姓名',
    idNumber: '证件号码',
    cardNumber: '社保卡号',
    reference: '业务编号',
    time: '办理时间',
    validUntil: '有效期至',
    originalReference: '原挂失编号',
    verification: '验证码',
    site: '服务网点',
    kiosk: '终端',
    year: '年度',
    month: '月份',
    insurance: '险种',
    base: '缴费基数',
    personal: '个人缴纳',
    employer: '单位缴纳',
    status: '状态',
    total: '合计',
    scan: '扫码核验本回执',
    activationNote: '您的社会保障卡金融功能与社保功能已启用。请妥善保管卡片和密码，不要告诉他人。',
    lossNote:
      '临时挂失已生效，有效期内卡片的社保应用将被冻结。请在有效期内持本人有效证件到服务网点办理正式挂失和补卡；逾期未办理，临时挂失自动解除。',
    cancelNote: '临时挂失已解除，卡片恢复正常使用。',
    lossPendingNote:
      '您的临时挂失已在本机登记，网络恢复后将自动提交社保中心，无需再次办理。提交成功后卡片的社保应用即被冻结，有效期自生效起计算。',
    validityDays: '生效后 {days} 天',
    lossNextSteps:
      '后续办理：有效期内请持本人身份证原件到社保卡服务网点办理正式挂失和补卡；有效期内发生的医疗费用可先行垫付，凭票据到经办机构办理报销。咨询电话 12333。',
    statementNote: '本明细仅供参考，以社会保险经办机构记录为准。',
    testNote: '如果您能清楚地读到这些中文和英文文字并能扫描二维码，打印机工作正常。',
    noRecords: '本年度无缴费记录',
  },
  en: {
    activation: 'Social Security Card Activation Receipt',
    loss_report: 'Card Loss Pre-report Receipt',
    cancel: 'Loss Pre-report Cancellation Receipt',
    contribution_statement: 'Social Insurance Contribution Statement',
    inquiry: 'Inquiry Result',
    test_page: 'Printer Test Page',
    diagnostics: 'Kiosk Diagnostics',
    pin_change: 'Social Security Card PIN Change Receipt',
    name: 'Name',
    idNumber: 'ID number',
    cardNumber: 'Card number',
    reference: 'Reference',
    time: 'Time',
    validUntil: 'Valid until',
    originalReference: 'Original reference',
    verification: 'Verification code',
    site: 'Service site',
    kiosk: 'Kiosk',
    year: 'Year',
    month: 'Month',
    insurance: 'Insurance',
    base: 'Base',
    personal: 'Personal',
    employer: 'Employer',
    status: 'Status',
    total: 'Total',
    scan: 'Scan to verify this receipt',
    activationNote:
      'Your social security card is now active. Keep the card and your PIN safe and never tell anyone your PIN.',
    lossNote:
      'The loss pre-report is in effect: the card is frozen until the date above. Before then, bring your ID to a service site to report the loss formally and replace the card; otherwise the pre-report lapses.',
    cancelNote: 'The loss pre-report has been cancelled; the card works normally again.',
    lossPendingNote:
      'Your loss pre-report is recorded at this kiosk and will be sent to the social security centre automatically when the connection is back; you do not need to report again. Once it is received, the card is frozen and the validity period starts.',
    validityDays: '{days} days from when it takes effect',
    lossNextSteps:
      'Next steps: within the validity period, bring your original ID card to a card service outlet to report the loss formally and apply for a replacement. Medical costs during the period can be paid yourself and reimbursed at the agency with the receipts. Hotline 12333.',
    statementNote:
      'For reference only; the records of the social insurance agency are authoritative.',
    testNote:
      'If you can read this Chinese and English text clearly and scan the QR code, the printer works.',
    noRecords: 'No contributions recorded for this year',
  },
} as const satisfies Record<Language, Record<string, string>>;

type Labels = (typeof L)[Language];
const labels = (ctx: PrintContext): Labels => L[ctx.language];

/** `YYYY-MM-DD HH:mm` in the kiosk's zone; the same on every printout. */
export function formatDateTime(date: Date, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (t: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export const formatDate = (date: Date, timeZone = 'Asia/Shanghai'): string =>
  formatDateTime(date, timeZone).slice(0, 10);

/** 123456 fen → "1,234.56". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${(abs % 100).toString().padStart(2, '0')}`;
}

/**
 * What the receipt QR encodes: kind, reference and verification code — enough to look the
 * business up at the agency, nothing personal.
 */
export const receiptQrPayload = (kind: ReceiptKind, reference: string, code: string): string =>
  `SSC-RCPT|1|${kind}|${reference}|${code}`;

function holderRows(t: Labels, holder: CardHolder): KeyValueRow[] {
  return [
    { label: t.name, value: maskName(holder.name) },
    { label: t.idNumber, value: maskIdNumber(holder.idNumber) },
    { label: t.cardNumber, value: maskCardNumber(holder.cardNumber) },
  ];
}

function doc(
  ctx: PrintContext,
  kind: ReceiptKind,
  blocks: Block[],
  reference: string | null,
  format: 'receipt' | 'a4' = 'receipt',
): ReceiptDocument {
  const t = labels(ctx);
  return {
    kind,
    language: ctx.language,
    format,
    title: t[kind],
    blocks: [{ kind: 'title', text: t[kind] }, { kind: 'subtitle', text: ctx.siteName }, ...blocks],
    footer: { kioskId: ctx.kioskId, printedAt: ctx.now, reference },
  };
}

function verificationBlocks(
  t: Labels,
  kind: ReceiptKind,
  reference: string,
  code: string,
): Block[] {
  return [
    { kind: 'verification', label: t.verification, code },
    { kind: 'qr', payload: receiptQrPayload(kind, reference, code), caption: t.scan },
  ];
}

export interface ActivationInput {
  readonly holder: CardHolder;
  readonly activatedAt: Date;
  readonly reference: string;
  readonly verificationCode: string;
}

export function activationReceipt(ctx: PrintContext, input: ActivationInput): ReceiptDocument {
  const t = labels(ctx);
  return doc(
    ctx,
    'activation',
    [
      { kind: 'rows', rows: holderRows(t, input.holder) },
      {
        kind: 'rows',
        rows: [
          { label: t.reference, value: input.reference },
          { label: t.time, value: formatDateTime(input.activatedAt, ctx.timeZone) },
        ],
      },
      { kind: 'separator' },
      { kind: 'paragraph', text: t.activationNote },
      ...verificationBlocks(t, 'activation', input.reference, input.verificationCode),
    ],
    input.reference,
  );
}

export interface LossReportInput {
  readonly holder: CardHolder;
  readonly reportedAt: Date;
  /** Null while the report waits in the outbox: validity starts when the centre applies it. */
  readonly validUntil: Date | null;
  /** Shown instead of a date while `validUntil` is null. */
  readonly validityDays?: number;
  readonly reference: string;
  readonly verificationCode: string;
}

export function lossReportReceipt(ctx: PrintContext, input: LossReportInput): ReceiptDocument {
  const t = labels(ctx);
  const validity = input.validUntil
    ? formatDateTime(input.validUntil, ctx.timeZone)
    : t.validityDays.replace('{days}', String(input.validityDays ?? 7));
  return doc(
    ctx,
    'loss_report',
    [
      { kind: 'rows', rows: holderRows(t, input.holder) },
      {
        kind: 'rows',
        rows: [
          { label: t.reference, value: input.reference },
          { label: t.time, value: formatDateTime(input.reportedAt, ctx.timeZone) },
          { label: t.validUntil, value: validity },
        ],
      },
      { kind: 'separator' },
      { kind: 'paragraph', text: input.validUntil ? t.lossNote : t.lossPendingNote },
      { kind: 'paragraph', text: t.lossNextSteps },
      ...verificationBlocks(t, 'loss_report', input.reference, input.verificationCode),
    ],
    input.reference,
  );
}

export interface CancelInput {
  readonly holder: CardHolder;
  readonly cancelledAt: Date;
  readonly reference: string;
  readonly originalReference: string;
  readonly verificationCode: string;
}

export function cancelReceipt(ctx: PrintContext, input: CancelInput): ReceiptDocument {
  const t = labels(ctx);
  return doc(
    ctx,
    'cancel',
    [
      { kind: 'rows', rows: holderRows(t, input.holder) },
      {
        kind: 'rows',
        rows: [
          { label: t.reference, value: input.reference },
          { label: t.originalReference, value: input.originalReference },
          { label: t.time, value: formatDateTime(input.cancelledAt, ctx.timeZone) },
        ],
      },
      { kind: 'separator' },
      { kind: 'paragraph', text: t.cancelNote },
      ...verificationBlocks(t, 'cancel', input.reference, input.verificationCode),
    ],
    input.reference,
  );
}

export interface ContributionLine {
  /** `YYYY-MM`. */
  readonly month: string;
  /** Already in the print language (e.g. 养老保险 / Pension). */
  readonly insurance: string;
  readonly baseFen: number;
  readonly personalFen: number;
  readonly employerFen: number;
  readonly status: string;
}

export interface StatementInput {
  readonly holder: Pick<CardHolder, 'name' | 'idNumber'>;
  readonly year: number;
  readonly lines: readonly ContributionLine[];
  readonly reference: string;
  readonly verificationCode: string;
}

export function contributionStatement(ctx: PrintContext, input: StatementInput): ReceiptDocument {
  const t = labels(ctx);
  const columns: TableColumn[] = [
    { header: t.month, align: 'left', weight: 1.1 },
    { header: t.insurance, align: 'left', weight: 1.6 },
    { header: t.base, align: 'right', weight: 1.3 },
    { header: t.personal, align: 'right', weight: 1.2 },
    { header: t.employer, align: 'right', weight: 1.2 },
    { header: t.status, align: 'left', weight: 1 },
  ];
  const rows = input.lines.map((l) => [
    l.month,
    l.insurance,
    formatFen(l.baseFen),
    formatFen(l.personalFen),
    formatFen(l.employerFen),
    l.status,
  ]);
  const personal = input.lines.reduce((s, l) => s + l.personalFen, 0);
  const employer = input.lines.reduce((s, l) => s + l.employerFen, 0);
  const body: Block[] = [
    {
      kind: 'rows',
      rows: [
        { label: t.name, value: maskName(input.holder.name) },
        { label: t.idNumber, value: maskIdNumber(input.holder.idNumber) },
        { label: t.year, value: String(input.year) },
        { label: t.reference, value: input.reference },
      ],
    },
    rows.length > 0
      ? {
          kind: 'table',
          columns,
          rows: [...rows, [t.total, '', '', formatFen(personal), formatFen(employer), '']],
        }
      : { kind: 'paragraph', text: t.noRecords },
    { kind: 'paragraph', text: t.statementNote },
    ...verificationBlocks(t, 'contribution_statement', input.reference, input.verificationCode),
  ];
  return doc(ctx, 'contribution_statement', body, input.reference, 'a4');
}

export interface InquiryInput {
  /** The inquiry screen's heading, in the print language. */
  readonly heading: string;
  readonly rows: readonly KeyValueRow[];
  readonly reference: string | null;
}

/** The inquiry page as shown on screen (already masked by the screen's own rules). */
export function inquiryPage(ctx: PrintContext, input: InquiryInput): ReceiptDocument {
  return doc(
    ctx,
    'inquiry',
    [
      { kind: 'subtitle', text: input.heading },
      { kind: 'rows', rows: input.rows },
    ],
    input.reference,
  );
}

/** Both languages whatever the UI language: the attendant checks CJK and Latin glyphs. */
export function testPage(ctx: PrintContext, printer: string): ReceiptDocument {
  const zh = L['zh-CN'];
  const en = L.en;
  const at = formatDateTime(ctx.now, ctx.timeZone);
  return {
    kind: 'test_page',
    language: ctx.language,
    format: 'receipt',
    title: `${zh.test_page} ${en.test_page}`,
    blocks: [
      { kind: 'title', text: zh.test_page },
      { kind: 'subtitle', text: en.test_page },
      {
        kind: 'rows',
        rows: [
          { label: zh.kiosk, value: ctx.kioskId },
          { label: en.kiosk, value: ctx.kioskId },
          { label: zh.site, value: ctx.siteName },
          { label: 'Printer', value: printer },
          { label: zh.time, value: at },
        ],
      },
      { kind: 'separator' },
      { kind: 'paragraph', text: zh.testNote },
      { kind: 'paragraph', text: en.testNote },
      // Kept apart: a string is drawn in one font, CJK or Latin (see receipt-font.ts).
      { kind: 'paragraph', text: '中华人民共和国社会保障卡' },
      { kind: 'paragraph', text: '0123456789 ABCDEFGHIJ abcdefghij' },
      {
        kind: 'qr',
        payload: `SSC-TEST|${ctx.kioskId}|${ctx.now.toISOString()}`,
        caption: `${zh.kiosk} ${ctx.kioskId}`,
      },
    ],
    footer: { kioskId: ctx.kioskId, printedAt: ctx.now, reference: null },
  };
}

/** For staff: versions, device states, counters. Values must already be free of personal data. */
export function diagnosticsPage(
  ctx: PrintContext,
  entries: readonly KeyValueRow[],
): ReceiptDocument {
  return doc(ctx, 'diagnostics', [{ kind: 'rows', rows: entries }], null);
}
