import type { ReceiptDocument } from '../../electron/devices/printer/receipt';
import {
  activationReceipt,
  cancelReceipt,
  contributionStatement,
  diagnosticsPage,
  inquiryPage,
  lossReportReceipt,
  testPage,
  type PrintContext,
} from '../../electron/devices/printer/receipts';

/** One document of every kind, with fixed made-up data, for system tests and docs images. */
export const SAMPLE_NOW = new Date('2026-11-30T02:15:00Z');

export const sampleHolder = {
  // A rare-character given name (䶮, CJK Extension A, in GBK) to exercise the font.
  name: '刘䶮明',
  idNumber: '110101199003074518',
  cardNumber: 'A12345678',
};

export function sampleContext(language: 'zh-CN' | 'en' = 'zh-CN'): PrintContext {
  return { kioskId: 'K-0042', siteName: '朝阳区社保服务大厅', language, now: SAMPLE_NOW };
}

const INSURANCE = [
  { zh: '养老保险', en: 'Pension', base: 812300, p: 64984, e: 129968 },
  { zh: '医疗保险', en: 'Medical', base: 812300, p: 16246, e: 81230 },
  { zh: '失业保险', en: 'Unemployment', base: 812300, p: 4062, e: 4062 },
];

export function sampleDocuments(language: 'zh-CN' | 'en' = 'zh-CN'): ReceiptDocument[] {
  const ctx = sampleContext(language);
  const zh = language === 'zh-CN';
  const lines = Array.from({ length: 12 }, (_, i) => i + 1).flatMap((m) =>
    INSURANCE.map((k) => ({
      month: `2025-${String(m).padStart(2, '0')}`,
      insurance: zh ? k.zh : k.en,
      baseFen: k.base,
      personalFen: k.p,
      employerFen: k.e,
      status: zh ? '已到账' : 'Paid',
    })),
  );
  return [
    activationReceipt(ctx, {
      holder: sampleHolder,
      activatedAt: SAMPLE_NOW,
      reference: 'ACT-20261130-000117',
      verificationCode: '7QK4-M2PX',
    }),
    lossReportReceipt(ctx, {
      holder: sampleHolder,
      reportedAt: SAMPLE_NOW,
      validUntil: new Date('2026-12-07T02:15:00Z'),
      reference: 'LPR-20261130-000231',
      verificationCode: 'H8ZD-41QN',
    }),
    cancelReceipt(ctx, {
      holder: sampleHolder,
      cancelledAt: SAMPLE_NOW,
      reference: 'CLR-20261130-000007',
      originalReference: 'LPR-20261130-000231',
      verificationCode: 'P3XW-9KTA',
    }),
    contributionStatement(ctx, {
      holder: sampleHolder,
      year: 2025,
      lines,
      reference: 'STM-2025-000913',
      verificationCode: 'R6VB-2MJC',
    }),
    inquiryPage(ctx, {
      heading: zh ? '社保卡状态' : 'Card status',
      rows: [
        { label: zh ? '卡状态' : 'Card state', value: zh ? '正常' : 'Normal' },
        { label: zh ? '发卡日期' : 'Issued', value: '2019-05-20' },
        { label: zh ? '参保地' : 'Insured at', value: zh ? '北京市朝阳区' : 'Chaoyang, Beijing' },
      ],
      reference: 'INQ-20261130-004410',
    }),
    testPage(ctx, 'kiosk-receipt'),
    diagnosticsPage(ctx, [
      { label: zh ? '软件版本' : 'Version', value: '0.1.0' },
      { label: zh ? '读卡器' : 'Card reader', value: 'online / absent' },
      { label: zh ? '打印机' : 'Printer', value: 'online / unknown' },
      { label: zh ? '待上传记录' : 'Outbox', value: '0' },
    ]),
  ];
}
