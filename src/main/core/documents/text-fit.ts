import { firstCodePoints } from '../../../shared/text';

/**
 * What keeps a printed text from freezing the drawing: pdfkit breaks a word wider than its column one
 * character at a time, measuring the word again for each (a 20 000-character word took 53 s and 1,9 GB),
 * and a text has no size of its own. So every text is bounded before the layout (cutText, with « … »),
 * and a word wider than its column is broken into pieces that fit, in one pass, before pdfkit sees it
 * (breakLongWords).
 */

/**
 * The most characters a document prints in one place; a longer text (an old file, an import, a letter
 * template whose variables make it grow) is cut and ends with « … ». The forms already refuse far less
 * (a line's description: 500, notes: 2 000, a letter template: 8 000).
 */
export const PRINTED_TEXT_MAX = {
  /** A paragraph: a letter's body, the notes, a mention. */
  paragraph: 10_000,
  /** A cell of the lines' table (a description): a row stays shorter than a page. */
  cell: 1_000,
  /** Anything else: a name, an address line, a label, a value. */
  line: 1_000,
} as const;

export const CUT_MARK = '…';

/** `text` if it has at most `max` characters (code points), else its first ones followed by « … ». */
export function cutText(text: string, max: number): string {
  // A string of at most `max` UTF-16 units has at most `max` code points: the common case costs nothing.
  if (text.length <= max) return text;
  const head = firstCodePoints(text, max);
  return head.length === text.length ? text : `${head.trimEnd()}${CUT_MARK}`;
}

/** The characters where pdfkit may break a line and this module does not look further: spaces and line breaks. */
const WORD = /[^ \t\n\r]+/g;

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/**
 * `text` with every word wider than `width` broken into lines that fit (a line break inserted between the
 * pieces), never inside a character (a letter and its accent stay together). `widthOf` is the width of a
 * string in the style it is drawn in. Linear in the text's length: each distinct character is measured
 * once, each piece once or twice more (what a string measures is not quite the sum of its characters).
 */
export function breakLongWords(text: string, width: number, widthOf: (s: string) => number): string {
  if (!(width > 0)) return text;
  // pdfkit measures a word with the break that follows it (a line break has a width in the font).
  const room = width - Math.max(widthOf('\n'), widthOf(' ')) - 0.5;
  const charWidths = new Map<string, number>();
  const charWidth = (ch: string) => {
    let w = charWidths.get(ch);
    if (w === undefined) {
      w = widthOf(ch);
      charWidths.set(ch, w);
    }
    return w;
  };
  return text.replace(WORD, (word) => {
    // A word that fits (nearly all of them) is measured once and left as it is.
    if (word.length < 4) return word;
    const whole = widthOf(word);
    if (whole <= width) return word;
    const parts = Array.from(graphemes.segment(word), (g) => g.segment);
    const widths = parts.map(charWidth);
    const sum = widths.reduce((s, w) => s + w, 0);
    const scale = sum > 0 ? Math.max(1, whole / sum) : 1;
    const lines: string[] = [];
    let start = 0;
    while (start < parts.length) {
      // As many characters as the estimate allows (one at least), then fewer while the piece is too wide.
      let end = start + 1;
      let used = (widths[start] ?? 0) * scale;
      while (end < parts.length && used + (widths[end] ?? 0) * scale <= room) used += (widths[end++] ?? 0) * scale;
      let line = parts.slice(start, end).join('');
      while (end - start > 1 && widthOf(line) > room) line = parts.slice(start, --end).join('');
      lines.push(line);
      start = end;
    }
    return lines.join('\n');
  });
}

/** `text` on one line of `width`: as it is if it fits, else its longest start that fits with « … ». */
export function oneLine(text: string, width: number, widthOf: (s: string) => number): string {
  if (widthOf(text) <= width) return text;
  const chars = Array.from(graphemes.segment(text), (g) => g.segment);
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (widthOf(`${chars.slice(0, mid).join('').trimEnd()}${CUT_MARK}`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}${CUT_MARK}`;
}
