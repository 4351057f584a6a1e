import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { err, ok, type Result } from '../../result';
import {
  documentQrPayloads,
  documentText,
  type Block,
  type KeyValueRow,
  type ReceiptDocument,
  type ReceiptKind,
} from './receipt';
import type { ReceiptFonts } from './receipt-font';
import { formatDateTime } from './receipts';

/**
 * Lays a receipt document out as PDF with pdfkit. Text is real text in an embedded subset of
 * the CJK font (only the glyphs used), so `pdftotext` and screen readers get it back. Roll
 * receipts get the content's height (a thermal printer cuts after the last line), statements
 * go on A4 pages with the table header repeated.
 */
export type RollWidthMm = 80 | 58;

export interface RenderOptions {
  readonly rollWidthMm: RollWidthMm;
  /** IANA zone for the footer time. */
  readonly timeZone?: string;
}

export interface RenderedDocument {
  readonly kind: ReceiptKind;
  readonly title: string;
  readonly reference: string | null;
  readonly pdf: Buffer;
  readonly qrPayloads: readonly string[];
  readonly widthPt: number;
  readonly heightPt: number;
  readonly pages: number;
}

export type RenderError =
  | { readonly code: 'missing_glyphs'; readonly characters: readonly string[] }
  | { readonly code: 'too_long'; readonly heightPt: number }
  | { readonly code: 'render_failed'; readonly message: string };

const MM = 72 / 25.4;
// Ligatures off: a ligature (fi) is one glyph that the CUPS filter chain can no longer map
// back to its two letters. fontkit takes an object of feature overrides (a plain array only
// adds features); @types/pdfkit knows only the array form, hence the cast.
const NO_LIGATURES = {
  liga: false,
  clig: false,
  dlig: false,
} as unknown as PDFKit.Mixins.OpenTypeFeatures[];
const A4: readonly [number, number] = [595.28, 841.89];
// PDF's own page-size limit (200 in); a roll receipt longer than that is a builder bug.
const MAX_ROLL_HEIGHT = 14_400;

interface Metrics {
  readonly margin: number;
  readonly title: number;
  readonly subtitle: number;
  readonly body: number;
  readonly small: number;
  readonly code: number;
  readonly qr: number;
  readonly gap: number;
}

const ROLL_METRICS: Metrics = {
  margin: 4 * MM,
  title: 12,
  subtitle: 9,
  body: 8.5,
  small: 7,
  code: 14,
  qr: 96,
  gap: 5,
};
const A4_METRICS: Metrics = {
  margin: 18 * MM,
  title: 18,
  subtitle: 11,
  body: 10,
  small: 8,
  code: 16,
  qr: 100,
  gap: 8,
};

export class PdfRenderer {
  constructor(
    private readonly fonts: ReceiptFonts,
    private readonly options: RenderOptions,
  ) {}

  async render(doc: ReceiptDocument): Promise<Result<RenderedDocument, RenderError>> {
    const missing = this.fonts.missingCharacters([
      ...documentText(doc),
      ...this.footerRows(doc).flatMap((r) => [r.label, r.value]),
      '0123456789/',
    ]);
    if (missing.length > 0) return err({ code: 'missing_glyphs', characters: missing });
    try {
      if (doc.format === 'a4') return ok(await this.produce(doc, A4[0], A4[1], A4_METRICS, true));
      const width = this.options.rollWidthMm * MM;
      // Pass 1 on a maximal page measures the content; pass 2 cuts the page to it.
      const measured = await this.produce(doc, width, MAX_ROLL_HEIGHT, ROLL_METRICS, false);
      if (measured.contentBottom > MAX_ROLL_HEIGHT - ROLL_METRICS.margin) {
        return err({ code: 'too_long', heightPt: measured.contentBottom });
      }
      const height = Math.ceil(measured.contentBottom + ROLL_METRICS.margin);
      return ok(await this.produce(doc, width, height, ROLL_METRICS, false));
    } catch (e) {
      return err({ code: 'render_failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  private footerRows(doc: ReceiptDocument): KeyValueRow[] {
    const zh = doc.language === 'zh-CN';
    const rows: KeyValueRow[] = [
      { label: zh ? '终端' : 'Kiosk', value: doc.footer.kioskId },
      {
        label: zh ? '打印时间' : 'Printed',
        value: formatDateTime(doc.footer.printedAt, this.options.timeZone),
      },
    ];
    if (doc.footer.reference !== null) {
      rows.push({ label: zh ? '业务编号' : 'Reference', value: doc.footer.reference });
    }
    return rows;
  }

  private produce(
    doc: ReceiptDocument,
    width: number,
    height: number,
    m: Metrics,
    paged: boolean,
  ): Promise<RenderedDocument & { contentBottom: number }> {
    const pdf = new PDFDocument({
      size: [width, height],
      margin: m.margin,
      bufferPages: paged,
      autoFirstPage: true,
      info: {
        Title: doc.title,
        Creator: 'SSC Kiosk',
        CreationDate: doc.footer.printedAt,
      },
    });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      pdf.on('data', (c: Buffer) => chunks.push(c));
      pdf.on('end', () => resolve(Buffer.concat(chunks)));
      pdf.on('error', reject);
    });
    const { path, postscriptName } = this.fonts.cjk.config;
    pdf.registerFont('cjk', path, postscriptName);
    if (this.fonts.latin !== null) {
      pdf.registerFont(
        'latin',
        this.fonts.latin.config.path,
        this.fonts.latin.config.postscriptName,
      );
    }
    pdf.font('cjk');

    const layout = new Layout(pdf, m, paged, this.fonts);
    for (const block of doc.blocks) layout.block(block);
    layout.footer(this.footerRows(doc));
    const contentBottom = pdf.y;

    let pages = 1;
    if (paged) {
      const range = pdf.bufferedPageRange();
      pages = range.count;
      for (let i = 0; i < range.count; i++) {
        pdf.switchToPage(range.start + i);
        // Writing below the bottom margin would make pdfkit add a page; lift it for the number.
        const bottom = pdf.page.margins.bottom;
        pdf.page.margins.bottom = 0;
        pdf
          .font(this.fonts.fontFor('0'))
          .fontSize(m.small)
          .text(`${i + 1}/${range.count}`, m.margin, height - m.margin / 2 - m.small, {
            width: width - 2 * m.margin,
            align: 'center',
            lineBreak: false,
          });
        pdf.page.margins.bottom = bottom;
      }
    }
    pdf.end();
    return done.then((buffer) => ({
      kind: doc.kind,
      title: doc.title,
      reference: doc.footer.reference,
      pdf: buffer,
      qrPayloads: documentQrPayloads(doc),
      widthPt: width,
      heightPt: height,
      pages,
      contentBottom,
    }));
  }
}

/** Draws blocks top to bottom; on A4, breaks pages itself so table headers repeat. */
class Layout {
  private readonly left: number;
  private readonly width: number;

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly m: Metrics,
    private readonly paged: boolean,
    private readonly fonts: ReceiptFonts,
  ) {
    this.left = m.margin;
    this.width = pdf.page.width - 2 * m.margin;
  }

  /** Selects the font for `s`; measuring and drawing must both go through here. */
  private use(s: string): string {
    this.pdf.font(this.fonts.fontFor(s));
    return s;
  }

  /**
   * Cells side by side may be in different fonts; pdfkit hangs text from its ascent, so a
   * font with a smaller ascent is lowered to put both on one baseline.
   */
  private baselineShift(s: string, size: number): number {
    const cjk = this.fonts.cjk.ascent;
    const latin = this.fonts.latin?.ascent ?? cjk;
    const own = this.fonts.fontFor(s) === 'latin' ? latin : cjk;
    return (Math.max(cjk, latin) - own) * size;
  }

  private heightOf(s: string, width: number): number {
    return this.pdf.heightOfString(this.use(s), { width, features: NO_LIGATURES });
  }

  private ensure(height: number): void {
    if (!this.paged) return;
    if (this.pdf.y + height > this.pdf.page.height - this.m.margin - this.m.small * 2) {
      this.pdf.addPage();
      this.pdf.y = this.m.margin;
    }
  }

  private text(s: string, size: number, align: 'left' | 'center' | 'right' = 'left'): void {
    this.pdf.fontSize(size);
    this.ensure(this.heightOf(s, this.width));
    this.pdf.text(this.use(s), this.left, this.pdf.y, {
      width: this.width,
      align,
      features: NO_LIGATURES,
    });
  }

  private rule(): void {
    const y = this.pdf.y + this.m.gap / 2;
    this.pdf
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor('#000000')
      .stroke();
    this.pdf.y = y + this.m.gap / 2;
  }

  block(b: Block): void {
    switch (b.kind) {
      case 'title':
        this.text(b.text, this.m.title, 'center');
        break;
      case 'subtitle':
        this.text(b.text, this.m.subtitle, 'center');
        break;
      case 'paragraph':
        this.text(b.text, this.m.body);
        break;
      case 'separator':
        this.rule();
        return;
      case 'rows':
        this.rows(b.rows);
        break;
      case 'table':
        this.table(b.columns, b.rows);
        break;
      case 'verification':
        this.text(b.label, this.m.small, 'center');
        this.text(b.code, this.m.code, 'center');
        break;
      case 'qr':
        this.qr(b.payload, b.caption);
        break;
    }
    this.pdf.y += this.m.gap;
  }

  private rows(rows: readonly KeyValueRow[], size = this.m.body): void {
    const labelWidth = Math.min(this.width * 0.36, 110);
    const valueWidth = this.width - labelWidth;
    this.pdf.fontSize(size);
    for (const r of rows) {
      const h = Math.max(
        this.heightOf(r.label, labelWidth - 4) + this.baselineShift(r.label, size),
        this.heightOf(r.value, valueWidth) + this.baselineShift(r.value, size),
      );
      this.ensure(h);
      const y = this.pdf.y;
      this.pdf.text(this.use(r.label), this.left, y + this.baselineShift(r.label, size), {
        width: labelWidth - 4,
        features: NO_LIGATURES,
      });
      this.pdf.text(
        this.use(r.value),
        this.left + labelWidth,
        y + this.baselineShift(r.value, size),
        {
          width: valueWidth,
          features: NO_LIGATURES,
        },
      );
      this.pdf.y = y + h + 1;
    }
  }

  private table(
    columns: readonly { header: string; align: 'left' | 'right'; weight: number }[],
    rows: readonly (readonly string[])[],
  ): void {
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const widths = columns.map((c) => (this.width * c.weight) / total);
    // Room between a right-aligned amount and the next column's text.
    const pad = this.m.gap * 1.5;
    const drawRow = (cells: readonly string[]): void => {
      this.pdf.fontSize(this.m.body);
      const h = Math.max(
        ...cells.map(
          (c, i) => this.heightOf(c, (widths[i] ?? 0) - pad) + this.baselineShift(c, this.m.body),
        ),
      );
      this.ensure(h + 3);
      if (this.paged && this.pdf.y <= this.m.margin + 1 && cells !== headers) drawRow(headers);
      const y = this.pdf.y;
      let x = this.left;
      cells.forEach((c, i) => {
        const w = widths[i] ?? 0;
        this.pdf.text(this.use(c), x, y + this.baselineShift(c, this.m.body), {
          width: w - pad,
          align: columns[i]?.align ?? 'left',
          features: NO_LIGATURES,
        });
        x += w;
      });
      this.pdf.y = y + h + 3;
      if (cells === headers) this.rule();
    };
    const headers = columns.map((c) => c.header);
    drawRow(headers);
    for (const r of rows) drawRow(r);
  }

  private qr(payload: string, caption: string | null): void {
    const modules = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
    const cell = this.m.qr / modules.size;
    this.ensure(this.m.qr + this.m.small * 2);
    const x0 = this.left + (this.width - this.m.qr) / 2;
    const y0 = this.pdf.y;
    for (let r = 0; r < modules.size; r++) {
      for (let c = 0; c < modules.size; c++) {
        // Slight overlap so a rasteriser leaves no hairline gaps between dark modules.
        if (modules.get(r, c))
          this.pdf.rect(x0 + c * cell, y0 + r * cell, cell + 0.05, cell + 0.05);
      }
    }
    this.pdf.fillColor('#000000').fill();
    this.pdf.y = y0 + this.m.qr + 2;
    if (caption !== null) this.text(caption, this.m.small, 'center');
  }

  footer(rows: readonly KeyValueRow[]): void {
    this.rule();
    this.rows(rows, this.m.small);
  }
}
