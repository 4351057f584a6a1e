import { describe, expect, it } from 'vitest';
import { sampleDocuments, sampleHolder } from '../../../test/support/receipt-samples';
import { documentQrPayloads, documentText } from './receipt';
import {
  formatDateTime,
  formatFen,
  lossReportReceipt,
  receiptQrPayload,
  testPage,
} from './receipts';

const ctx = {
  kioskId: 'K-1',
  siteName: '网点',
  language: 'zh-CN' as const,
  now: new Date('2026-01-02T16:30:00Z'),
};

describe('receipt builders', () => {
  it('a loss pre-report carries reference, validity, verification code and a QR of them', () => {
    const doc = lossReportReceipt(ctx, {
      holder: sampleHolder,
      reportedAt: ctx.now,
      validUntil: new Date('2026-01-09T16:30:00Z'),
      reference: 'LPR-1',
      verificationCode: 'ABCD-1234',
    });
    const all = documentText(doc);
    expect(all).toContain('LPR-1');
    expect(all).toContain('ABCD-1234');
    expect(all).toContain('2026-01-10 00:30'); // valid until, in Beijing time
    expect(all).toContain('有效期至');
    expect(doc.footer.reference).toBe('LPR-1');
    expect(documentQrPayloads(doc)).toEqual([
      receiptQrPayload('loss_report', 'LPR-1', 'ABCD-1234'),
    ]);
    expect(documentQrPayloads(doc)[0]).toBe('SSC-RCPT|1|loss_report|LPR-1|ABCD-1234');
  });

  it('prints personal data only masked, in every kind and language', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const doc of sampleDocuments(lang)) {
        const joined = [...documentText(doc), ...documentQrPayloads(doc)].join('\n');
        expect(joined).not.toContain(sampleHolder.idNumber);
        expect(joined).not.toContain(sampleHolder.cardNumber);
        expect(joined).not.toContain(sampleHolder.name);
      }
    }
  });

  it('every kind has a title in its language; statements are A4, receipts roll', () => {
    const zh = sampleDocuments('zh-CN');
    const en = sampleDocuments('en');
    expect(zh.map((d) => d.kind)).toEqual([
      'activation',
      'loss_report',
      'cancel',
      'contribution_statement',
      'inquiry',
      'test_page',
      'diagnostics',
    ]);
    expect(zh.find((d) => d.kind === 'activation')?.title).toBe('社会保障卡启用回执');
    expect(en.find((d) => d.kind === 'activation')?.title).toBe(
      'Social Security Card Activation Receipt',
    );
    for (const d of zh)
      expect(d.format).toBe(d.kind === 'contribution_statement' ? 'a4' : 'receipt');
  });

  it('the statement totals personal and employer amounts in fen', () => {
    const doc = sampleDocuments('zh-CN').find((d) => d.kind === 'contribution_statement');
    const table = doc?.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.rows).toHaveLength(37);
    expect(table.rows.at(-1)).toEqual(['合计', '', '', '10,235.04', '25,831.20', '']);
  });

  it('the test page has both languages and a QR whatever the UI language', () => {
    const doc = testPage({ ...ctx, language: 'en' }, 'queue');
    const all = documentText(doc).join('\n');
    expect(all).toContain('打印机测试页');
    expect(all).toContain('Printer Test Page');
    expect(documentQrPayloads(doc)).toEqual(['SSC-TEST|K-1|2026-01-02T16:30:00.000Z']);
    expect(doc.format).toBe('receipt');
  });

  it('formats money and time without floats or locale surprises', () => {
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(123456789)).toBe('1,234,567.89');
    expect(formatFen(-1999)).toBe('-19.99');
    expect(formatDateTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00');
    expect(formatDateTime(new Date('2026-12-31T16:00:00Z'), 'UTC')).toBe('2026-12-31 16:00');
  });
});
