import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleDocuments } from '../../../test/support/receipt-samples';
import { PdfRenderer } from './pdf-renderer';
import type { ReceiptDocument } from './receipt';
import {
  DEFAULT_FONT,
  DEFAULT_LATIN_FONT,
  openReceiptFont,
  openReceiptFonts,
} from './receipt-font';
import { inquiryPage } from './receipts';

const fonts = openReceiptFonts(DEFAULT_FONT, DEFAULT_LATIN_FONT);
if (!fonts.ok) throw new Error(fonts.error.message);
const dir = mkdtempSync(join(tmpdir(), 'ssc-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pdftotext(pdf: Buffer): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

const doc = (rows: { label: string; value: string }[]): ReceiptDocument =>
  inquiryPage(
    { kioskId: 'K-1', siteName: '网点', language: 'zh-CN', now: new Date('2026-01-01T00:00:00Z') },
    { heading: '查询', rows, reference: 'INQ-1' },
  );

describe('PDF renderer', () => {
  it('renders 80 mm and 58 mm rolls with the content height, and the text is extractable', async () => {
    for (const width of [80, 58] as const) {
      const r = await new PdfRenderer(fonts.value, { rollWidthMm: width }).render(
        doc([{ label: '卡状态', value: '正常 Normal' }]),
      );
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      expect(r.value.widthPt).toBeCloseTo((width * 72) / 25.4, 1);
      expect(r.value.heightPt).toBeGreaterThan(80);
      expect(r.value.heightPt).toBeLessThan(400);
      expect(r.value.pages).toBe(1);
      const text = pdftotext(r.value.pdf);
      expect(text).toContain('查询结果');
      expect(text).toContain('卡状态');
      expect(text).toContain('INQ-1');
    }
  });

  it('a longer receipt gets a taller page, not a second one', async () => {
    const renderer = new PdfRenderer(fonts.value, { rollWidthMm: 80 });
    const short = await renderer.render(doc([{ label: 'a', value: 'b' }]));
    const long = await renderer.render(
      doc(Array.from({ length: 40 }, (_, i) => ({ label: `行${i}`, value: `值${i}` }))),
    );
    if (!short.ok || !long.ok) throw new Error('render failed');
    expect(long.value.heightPt).toBeGreaterThan(short.value.heightPt + 300);
    expect(long.value.pages).toBe(1);
  });

  it('puts statements on A4 pages, numbered', async () => {
    const statement = sampleDocuments('zh-CN').find((d) => d.kind === 'contribution_statement');
    if (!statement) throw new Error('no sample');
    const r = await new PdfRenderer(fonts.value, { rollWidthMm: 80 }).render(statement);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect([r.value.widthPt, r.value.heightPt]).toEqual([595.28, 841.89]);
    expect(r.value.pages).toBe(2);
    const text = pdftotext(r.value.pdf);
    expect(text).toContain('社会保险个人缴费明细');
    expect(text).toContain('1/2');
    expect(text).toContain('2/2');
    expect(text).toContain('25,831.20');
  });

  it('reports a character the font lacks instead of printing a blank box', async () => {
    // U+20000 (CJK Extension B) is not in Noto Sans CJK SC; U+4DAE (Extension A) is.
    const r = await new PdfRenderer(fonts.value, { rollWidthMm: 80 }).render(
      doc([{ label: '姓名', value: '王\u{20000}䶮' }]),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ code: 'missing_glyphs', characters: ['\u{20000}'] });
  });

  it('checks ASCII strings against the Latin font and the rest against the CJK font', () => {
    expect(fonts.value.fontFor('LPR-1')).toBe('latin');
    expect(fonts.value.fontFor('编号 LPR-1')).toBe('cjk');
    expect(fonts.value.missingCharacters(['abc', '中文', '\u{20000}'])).toEqual(['\u{20000}']);
  });

  it('an unknown font file or face is an error, not a crash', () => {
    const noFile = openReceiptFont({ path: '/nonexistent/font.ttf' });
    expect(noFile.ok).toBe(false);
    const noFace = openReceiptFont({ path: DEFAULT_FONT.path, postscriptName: 'NoSuchFace' });
    expect(noFace.ok).toBe(false);
    if (!noFace.ok) expect(noFace.error.code).toBe('font_unavailable');
  });
});
