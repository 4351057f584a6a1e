/**
 * Renders the sample statement (A4) and an 80 mm loss pre-report receipt to PDF and PNG
 * (pdftoppm) for docs/printing.md: `npx tsx scripts/render-receipt-samples.ts [outDir]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PdfRenderer } from '../electron/devices/printer/pdf-renderer';
import {
  DEFAULT_FONT,
  DEFAULT_LATIN_FONT,
  openReceiptFonts,
} from '../electron/devices/printer/receipt-font';
import { sampleDocuments } from '../test/support/receipt-samples';

const out = process.argv[2] ?? 'docs/images';
mkdirSync(out, { recursive: true });
const fonts = openReceiptFonts(DEFAULT_FONT, DEFAULT_LATIN_FONT);
if (!fonts.ok) throw new Error(fonts.error.message);
const renderer = new PdfRenderer(fonts.value, { rollWidthMm: 80 });
const wanted: Record<string, string> = {
  loss_report: 'receipt-loss-report-80mm',
  contribution_statement: 'statement-a4',
};
for (const doc of sampleDocuments('zh-CN')) {
  const name = wanted[doc.kind];
  if (name === undefined) continue;
  const r = await renderer.render(doc);
  if (!r.ok) throw new Error(`${doc.kind}: ${JSON.stringify(r.error)}`);
  const pdf = join(out, `${name}.pdf`);
  writeFileSync(pdf, r.value.pdf);
  // 80 mm at 200 dpi is about a thermal head's 8 dots/mm; A4 at 100 dpi keeps the file small.
  const dpi = doc.format === 'a4' ? '100' : '200';
  execFileSync('pdftoppm', ['-png', '-r', dpi, pdf, join(out, name)]);
  console.log(`${name}: ${r.value.pages} page(s), ${Math.round(r.value.heightPt)} pt high`);
}
