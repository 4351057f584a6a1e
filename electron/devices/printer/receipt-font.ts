import { openSync, type FontkitFont } from 'fontkit';
import { err, ok, type Result } from '../../result';

/**
 * The receipt font, opened once. Names can contain rare characters (GBK covers far more than
 * everyday Chinese), and a PDF viewer or printer silently draws a blank box for a glyph the
 * font lacks. So every string is checked before rendering and a missing character is an
 * error the service reports, never tofu on a citizen's receipt.
 */
export interface FontConfig {
  /** A .ttf/.otf, or a .ttc together with `postscriptName`. */
  readonly path: string;
  readonly postscriptName?: string | undefined;
}

export const DEFAULT_FONT: FontConfig = {
  // Debian's fonts-noto-cjk (SIL Open Font License); the SC face of the collection.
  path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  postscriptName: 'NotoSansCJKsc-Regular',
};

export interface FontError {
  readonly code: 'font_unavailable';
  readonly message: string;
}

export interface ReceiptFont {
  readonly config: FontConfig;
  /** Ascent as a fraction of the font size (where pdfkit puts the baseline below `y`). */
  readonly ascent: number;
  /** Characters of `texts` the font has no glyph for, each once, in order of appearance. */
  missingCharacters(texts: readonly string[]): string[];
}

/**
 * The CJK font, and optionally a TrueType Latin font for strings that are pure ASCII
 * (references, codes, dates, English text). Why: through CUPS's PDF→PostScript step
 * (pdftocairo) and cups-pdf's Ghostscript, ASCII glyphs of a CID-keyed CFF font (Noto CJK)
 * that occur a second time lose their Unicode mapping, so reference numbers would not be
 * extractable from the printed PDF; a TrueType font keeps them. Chinese is unaffected.
 */
export interface ReceiptFonts {
  readonly cjk: ReceiptFont;
  readonly latin: ReceiptFont | null;
  /** Which font draws `text`. */
  fontFor(text: string): 'cjk' | 'latin';
  /** Characters that the font chosen for their string lacks. */
  missingCharacters(texts: readonly string[]): string[];
}

export const DEFAULT_LATIN_FONT: FontConfig = {
  path: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
};

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function openReceiptFonts(
  cjkConfig: FontConfig,
  latinConfig: FontConfig | null,
): Result<ReceiptFonts, FontError> {
  const cjk = openReceiptFont(cjkConfig);
  if (!cjk.ok) return cjk;
  let latin: ReceiptFont | null = null;
  if (latinConfig !== null) {
    const opened = openReceiptFont(latinConfig);
    if (!opened.ok) return opened;
    latin = opened.value;
  }
  const fontFor = (text: string): 'cjk' | 'latin' =>
    latin !== null && PRINTABLE_ASCII.test(text) ? 'latin' : 'cjk';
  return ok({
    cjk: cjk.value,
    latin,
    fontFor,
    missingCharacters(texts) {
      const missing = new Set<string>();
      for (const t of texts) {
        const font = fontFor(t) === 'latin' && latin !== null ? latin : cjk.value;
        for (const ch of font.missingCharacters([t])) missing.add(ch);
      }
      return [...missing];
    },
  });
}

// Whitespace and control characters are laid out, not drawn; they need no glyph.
const NOT_DRAWN = /[\s\u200b-\u200d\ufeff]/u;

export function openReceiptFont(config: FontConfig): Result<ReceiptFont, FontError> {
  let opened: ReturnType<typeof openSync>;
  try {
    opened = openSync(config.path, config.postscriptName);
  } catch (e) {
    return err({ code: 'font_unavailable', message: `${config.path}: ${String(e)}` });
  }
  // fontkit answers a collection (no name given) or null/undefined (unknown name).
  const font: FontkitFont | null | undefined =
    opened && 'fonts' in opened ? (opened.fonts[0] ?? null) : opened;
  if (!font) {
    return err({
      code: 'font_unavailable',
      message: `${config.path} has no face named ${config.postscriptName ?? '(none)'}`,
    });
  }
  return ok({
    config,
    ascent: font.unitsPerEm > 0 ? font.ascent / font.unitsPerEm : 1,
    missingCharacters(texts) {
      const missing = new Set<string>();
      for (const text of texts) {
        for (const ch of text) {
          if (NOT_DRAWN.test(ch)) continue;
          const cp = ch.codePointAt(0);
          if (cp !== undefined && !font.hasGlyphForCodePoint(cp)) missing.add(ch);
        }
      }
      return [...missing];
    },
  });
}
