import { FONT, type Pdf } from './render';
import { breakLongWords, oneLine } from './text-fit';

/** A4 in PDF points, and the frame every document shares. */
export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { left: 46, right: 46, top: 44 } as const;
/** Content stops here; the footer lives below. */
export const CONTENT_BOTTOM = PAGE.height - 64;
/** The height a block may take and still fit on a page of its own (under a continuation page's header). */
export const PAGE_ROOM = CONTENT_BOTTOM - 60;
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

export const COLOR = {
  text: '#1d2433',
  muted: '#5c6577',
  accent: '#1f3a5f',
  accentLight: '#e8eef6',
  rule: '#c9d1dc',
  ruleLight: '#e3e7ed',
  draft: '#c62828',
} as const;

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  align?: 'left' | 'right' | 'center' | 'justify';
  lineGap?: number;
}

export type Align = 'left' | 'right' | 'center';

export interface Column {
  header: string;
  /** Points; one column may take 'flex', the width the others leave. */
  width: number | 'flex';
  align: Align;
}

/** One row of a table: a text per column; a description may hold line breaks and wraps by itself. */
export type Row = readonly string[];

const CELL_PAD_X = 5;
const CELL_PAD_Y = 4.5;

/**
 * A cursor over buffered A4 pages: writes blocks top to bottom, and opens a new page (with the
 * document's running header) when a block would cross into the footer.
 */
export class Layout {
  y: number = MARGIN.top;

  constructor(
    readonly doc: Pdf,
    /** Draws the top of a continuation page and returns the y where content resumes. */
    private readonly continuation: (layout: Layout) => number,
  ) {}

  get left(): number {
    return MARGIN.left;
  }

  get right(): number {
    return PAGE.width - MARGIN.right;
  }

  style(style: TextStyle = {}): Pdf {
    return this.doc
      .font(style.bold ? FONT.bold : FONT.regular)
      .fontSize(style.size ?? 9)
      .fillColor(style.color ?? COLOR.text);
  }

  /** `text` as it is drawn in `width`: its words wider than the column broken into pieces that fit (text-fit.ts). */
  private fit(text: string, width: number, style: TextStyle): string {
    const doc = this.style(style);
    return breakLongWords(text, width, (s) => doc.widthOfString(s));
  }

  /** Height of `text` wrapped in `width` with `style`. */
  measure(text: string, width: number, style: TextStyle = {}): number {
    const fitted = this.fit(text, width, style);
    return this.doc.heightOfString(fitted, { width, lineGap: style.lineGap ?? 1.2 });
  }

  /** `text` cut with « … » to hold on one line of `width` (a running header). */
  oneLine(text: string, width: number, style: TextStyle = {}): string {
    const doc = this.style(style);
    return oneLine(text, width, (s) => doc.widthOfString(s));
  }

  widthOf(text: string, style: TextStyle = {}): number {
    this.style(style);
    return this.doc.widthOfString(text);
  }

  /** Writes `text` at (x, y) wrapped in `width`; returns its height. Does not move the cursor. */
  textAt(text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
    const fitted = this.fit(text, width, style);
    const lineGap = style.lineGap ?? 1.2;
    const height = this.doc.heightOfString(fitted, { width, lineGap });
    this.doc.text(fitted, x, y, { width, align: style.align ?? 'left', lineGap });
    return height;
  }

  /**
   * Writes a paragraph at the cursor across `width` (the whole content width by default) and moves down.
   * A paragraph that fits on a page is never split (a new page if it does not fit under the cursor); a
   * longer one fills the page and goes on at the top of the next, line after line.
   */
  paragraph(text: string, style: TextStyle = {}, options: { x?: number; width?: number; after?: number } = {}) {
    const width = options.width ?? CONTENT_WIDTH;
    const x = options.x ?? this.left;
    let rest = text;
    let height = this.measure(rest, width, style);
    if (height <= PAGE_ROOM) this.ensure(height);
    else {
      rest = this.fit(rest, width, style);
      let fresh = false;
      while (height > CONTENT_BOTTOM - this.y) {
        const [head, tail] = this.linesThatFit(rest, width, style, CONTENT_BOTTOM - this.y);
        // Not one line fits on an empty page (it cannot happen once words are broken): drawn as it is.
        if (!head && fresh) break;
        if (head) this.textAt(head, x, this.y, width, style);
        this.newPage();
        fresh = true;
        rest = tail;
        height = this.measure(rest, width, style);
      }
    }
    this.textAt(rest, x, this.y, width, style);
    this.y += height + (options.after ?? 2);
  }

  /**
   * The longest start of `text` (cut between two words) no taller than `room`, and the rest. The longest
   * such start ends a line: the rest begins the next one, so the lines are the same as the whole text's.
   */
  private linesThatFit(text: string, width: number, style: TextStyle, room: number): [string, string] {
    // Between words only: never at a no-break space (« 1 234,56 € » stays whole).
    const cuts = [...text.matchAll(/[ \t\n\r]+/g)].map((m) => m.index);
    let lo = 0;
    let hi = cuts.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.measure(text.slice(0, cuts[mid]), width, style) <= room) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return ['', text];
    const at = cuts[best] as number;
    return [text.slice(0, at), text.slice(at).trimStart()];
  }

  /** Opens a new page when fewer than `height` points are left; true when it did. */
  ensure(height: number): boolean {
    if (this.y + height <= CONTENT_BOTTOM) return false;
    this.newPage();
    return true;
  }

  newPage() {
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.y = this.continuation(this);
  }

  rule(y: number, color: string = COLOR.rule, x1 = this.left, x2 = this.right, width = 0.6) {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore();
  }

  box(x: number, y: number, width: number, height: number, fill: string) {
    this.doc.save().rect(x, y, width, height).fill(fill).restore();
  }

  /** A small section title with a rule under it. */
  sectionTitle(title: string) {
    const height = this.measure(title, CONTENT_WIDTH, { size: 9, bold: true });
    // Keep the title with at least two lines of what follows.
    this.ensure(height + 30);
    this.textAt(title, this.left, this.y, CONTENT_WIDTH, { size: 9, bold: true, color: COLOR.accent });
    this.y += height + 2;
    this.rule(this.y, COLOR.ruleLight);
    this.y += 4;
  }

  /**
   * A table across the content width. Rows wrap their text; a row never splits across pages; each new
   * page repeats the header. `keepWithLast` reserves room under the last row (for the totals).
   */
  table(columns: readonly Column[], rows: readonly Row[], options: { keepWithLast?: number } = {}) {
    const fixed = columns.reduce((s, c) => s + (c.width === 'flex' ? 0 : c.width), 0);
    const widths = columns.map((c) => (c.width === 'flex' ? CONTENT_WIDTH - fixed : c.width));
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const headerStyle: TextStyle = { size: 7.5, bold: true, color: COLOR.accent };
    const cellStyle: TextStyle = { size: 8.5 };

    const rowHeight = (cells: Row, style: TextStyle) =>
      Math.max(...cells.map((text, i) => this.measure(text, (widths[i] ?? 0) - 2 * CELL_PAD_X, style))) + 2 * CELL_PAD_Y;

    const headerHeight = rowHeight(columns.map((c) => c.header), headerStyle);
    const drawHeader = () => {
      this.box(this.left, this.y, CONTENT_WIDTH, headerHeight, COLOR.accentLight);
      columns.forEach((c, i) => {
        this.textAt(c.header, (xs[i] ?? 0) + CELL_PAD_X, this.y + CELL_PAD_Y, (widths[i] ?? 0) - 2 * CELL_PAD_X, { ...headerStyle, align: c.align });
      });
      this.y += headerHeight;
    };

    const firstHeight = rows[0] ? rowHeight(rows[0], cellStyle) : 0;
    this.ensure(headerHeight + firstHeight + (rows.length === 1 ? (options.keepWithLast ?? 0) : 0));
    drawHeader();
    rows.forEach((cells, r) => {
      const height = rowHeight(cells, cellStyle);
      const last = r === rows.length - 1;
      if (this.ensure(height + (last ? (options.keepWithLast ?? 0) : 0))) drawHeader();
      cells.forEach((text, i) => {
        this.textAt(text, (xs[i] ?? 0) + CELL_PAD_X, this.y + CELL_PAD_Y, (widths[i] ?? 0) - 2 * CELL_PAD_X, { ...cellStyle, align: columns[i]?.align ?? 'left' });
      });
      this.y += height;
      this.rule(this.y, last ? COLOR.rule : COLOR.ruleLight);
    });
  }
}

/** The part of fontkit's font (inside pdfkit's embedded font) that outlines need. */
interface OutlineFont {
  unitsPerEm: number;
  capHeight: number;
  layout(text: string): { glyphs: { path: { toSVG(): string } }[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] };
}

function outlineFontOf(doc: Pdf): OutlineFont | undefined {
  const font = (doc as unknown as { _font?: { font?: Partial<OutlineFont> } })._font?.font;
  return font && typeof font.layout === 'function' && typeof font.unitsPerEm === 'number' ? (font as OutlineFont) : undefined;
}

/**
 * Big text drawn as shapes (the glyphs' outlines), centred on (cx, cy) and turned by `angle` degrees:
 * a mark that is seen but not read, so it never mixes into the document's text when it is copied or
 * extracted (a rotated text would). Falls back to ordinary text if the font gives no outlines.
 */
export function drawOutlinedMark(doc: Pdf, text: string, cx: number, cy: number, options: { size: number; angle: number; color: string; opacity: number }) {
  doc.save();
  doc.font(FONT.bold);
  doc.rotate(options.angle, { origin: [cx, cy] });
  doc.fillColor(options.color).fillOpacity(options.opacity);
  const font = outlineFontOf(doc);
  if (!font) {
    doc.fontSize(options.size).text(text, cx - 400, cy - options.size / 2, { width: 800, align: 'center', lineBreak: false });
    doc.restore();
    return;
  }
  const scale = options.size / font.unitsPerEm;
  const run = font.layout(text);
  const width = run.positions.reduce((s, p) => s + p.xAdvance, 0) * scale;
  let x = cx - width / 2;
  // DejaVu's OS/2 table predates capHeight: 0.73 em is its capitals' height.
  const capHeight = Number.isFinite(font.capHeight) && font.capHeight > 0 ? font.capHeight : 0.73 * font.unitsPerEm;
  const baseline = cy + (capHeight * scale) / 2;
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i];
    const svg = glyph.path.toSVG();
    if (svg) {
      doc.save();
      doc.translate(x + (pos?.xOffset ?? 0) * scale, baseline - (pos?.yOffset ?? 0) * scale);
      doc.scale(scale, -scale);
      doc.path(svg).fill(options.color);
      doc.restore();
    }
    x += (pos?.xAdvance ?? 0) * scale;
  });
  doc.restore();
}
