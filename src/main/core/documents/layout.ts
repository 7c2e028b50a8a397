import { FONT, type Pdf } from './render';

/** A4 in PDF points, and the frame every document shares. */
export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { left: 46, right: 46, top: 44 } as const;
/** Content stops here; the footer lives below. */
export const CONTENT_BOTTOM = PAGE.height - 64;
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

  /** Height of `text` wrapped in `width` with `style`. */
  measure(text: string, width: number, style: TextStyle = {}): number {
    this.style(style);
    return this.doc.heightOfString(text, { width, lineGap: style.lineGap ?? 1.2 });
  }

  widthOf(text: string, style: TextStyle = {}): number {
    this.style(style);
    return this.doc.widthOfString(text);
  }

  /** Writes `text` at (x, y) wrapped in `width`; returns its height. Does not move the cursor. */
  textAt(text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
    const height = this.measure(text, width, style);
    this.style(style).text(text, x, y, { width, align: style.align ?? 'left', lineGap: style.lineGap ?? 1.2 });
    return height;
  }

  /** Writes a paragraph at the cursor across `width` (the whole content width by default) and moves down. */
  paragraph(text: string, style: TextStyle = {}, options: { x?: number; width?: number; after?: number } = {}) {
    const width = options.width ?? CONTENT_WIDTH;
    const height = this.measure(text, width, style);
    this.ensure(height);
    this.textAt(text, options.x ?? this.left, this.y, width, style);
    this.y += height + (options.after ?? 2);
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
