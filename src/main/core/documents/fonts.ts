import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The fonts embedded in every PDF: DejaVu Sans, regular and bold (assets/fonts, Bitstream Vera licence).
 * Chosen over the renderer's Roboto because its latin subset has no glyph for U+202F, the narrow
 * no-break space French amounts are grouped with (« 1 234,56 € »): DejaVu covers it, the accents, « »,
 * ’ and €. pdfkit embeds only the glyphs a document uses.
 */
export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
export type FontStyle = keyof typeof FONT_FILES;

/**
 * Where the fonts are: beside the bundle in the packaged app (build-main.mjs copies assets/fonts to
 * dist/main/fonts and maps import.meta.dirname to __dirname), in assets/fonts when run from the sources
 * (tests, CLI, harness).
 */
export function fontDirectory(): string {
  const here = import.meta.dirname;
  const candidates = [join(here, 'fonts'), resolve(here, '../../../../assets/fonts')];
  const found = candidates.find((dir) => existsSync(join(dir, FONT_FILES.regular)));
  if (!found) throw new Error(`Polices des documents introuvables (cherchées dans ${candidates.join(', ')}).`);
  return found;
}

let cache: Record<FontStyle, Buffer> | null = null;

/** The font files' bytes, read once. */
export function documentFonts(): Record<FontStyle, Buffer> {
  if (!cache) {
    const dir = fontDirectory();
    cache = { regular: readFileSync(join(dir, FONT_FILES.regular)), bold: readFileSync(join(dir, FONT_FILES.bold)) };
  }
  return cache;
}
