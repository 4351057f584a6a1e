import type { Language } from '../../contract';

/**
 * The one document description every printout is made of (activation receipt, loss
 * pre-report, statements, test page ...). Builders (`receipts.ts`) produce it from service
 * data; the renderer (`pdf-renderer.ts`) lays it out for 80 mm / 58 mm rolls or A4. Keeping
 * the model separate lets tests check content without parsing PDFs.
 */
export type ReceiptKind =
  | 'activation'
  | 'loss_report'
  | 'cancel'
  | 'contribution_statement'
  | 'inquiry'
  | 'test_page'
  | 'diagnostics'
  | 'pin_change';

export interface KeyValueRow {
  readonly label: string;
  readonly value: string;
}

export interface TableColumn {
  readonly header: string;
  readonly align: 'left' | 'right';
  /** Relative width; columns share the line in proportion. */
  readonly weight: number;
}

export type Block =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'subtitle'; readonly text: string }
  | { readonly kind: 'rows'; readonly rows: readonly KeyValueRow[] }
  | {
      readonly kind: 'table';
      readonly columns: readonly TableColumn[];
      readonly rows: readonly (readonly string[])[];
    }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'qr'; readonly payload: string; readonly caption: string | null }
  | { readonly kind: 'verification'; readonly label: string; readonly code: string }
  | { readonly kind: 'separator' };

export interface ReceiptFooter {
  readonly kioskId: string;
  readonly printedAt: Date;
  /** The business reference number (loss pre-report, activation ...); null for a test page. */
  readonly reference: string | null;
}

/** `receipt`: the roll (width from configuration, height from content); `a4`: statements. */
export type PaperFormat = 'receipt' | 'a4';

export interface ReceiptDocument {
  readonly kind: ReceiptKind;
  readonly language: Language;
  readonly format: PaperFormat;
  /** Used as the PDF title and the CUPS job name; no personal data. */
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly footer: ReceiptFooter;
}

/** Every piece of text the document will print, for glyph checks and tests. */
export function documentText(doc: ReceiptDocument): string[] {
  const out: string[] = [doc.title];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'title':
      case 'subtitle':
      case 'paragraph':
        out.push(b.text);
        break;
      case 'rows':
        for (const r of b.rows) out.push(r.label, r.value);
        break;
      case 'table':
        for (const c of b.columns) out.push(c.header);
        for (const r of b.rows) out.push(...r);
        break;
      case 'qr':
        if (b.caption !== null) out.push(b.caption);
        break;
      case 'verification':
        out.push(b.label, b.code);
        break;
      case 'separator':
        break;
    }
  }
  return out;
}

/** The QR payloads a document encodes, in order. */
export const documentQrPayloads = (doc: ReceiptDocument): string[] =>
  doc.blocks.flatMap((b) => (b.kind === 'qr' ? [b.payload] : []));
