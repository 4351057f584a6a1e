// fontkit (pdfkit's own font engine) ships no type declarations; its ESM build has named
// exports only. It is used only to ask
// whether the receipt font has a glyph for a character; these are the parts used.
declare module 'fontkit' {
  interface FontkitFont {
    readonly postscriptName: string | null;
    /** hhea ascent, in font units. */
    readonly ascent: number;
    readonly unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  interface FontkitCollection {
    readonly fonts: readonly FontkitFont[];
    getFont(postscriptName: string): FontkitFont | null;
  }
  /** A TTC opened without a postscript name gives the whole collection. */
  export function openSync(
    path: string,
    postscriptName?: string,
  ): FontkitFont | FontkitCollection | null;
  export type { FontkitCollection, FontkitFont };
}
