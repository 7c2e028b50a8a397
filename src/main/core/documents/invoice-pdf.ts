import { writeFileAtomic } from '../files/atomic-write';
import { resolveOutputTarget, safeFileName } from '../files/output-target';
import { DRAFT_MARK, type PrintedDocument } from './invoice-document';
import { COLOR, CONTENT_BOTTOM, CONTENT_WIDTH, drawOutlinedMark, Layout, MARGIN, PAGE } from './layout';
import { drawPayByScan, PAY_BY_SCAN_HEIGHT } from './pay-by-scan';
import { renderPdfBytes, type Pdf } from './render';
import { cutText, PRINTED_TEXT_MAX } from './text-fit';

const RIGHT_BLOCK_X = 318;

/** The seller (left) and the title with its references (right); returns the bottom of the taller. */
function drawHead(l: Layout, d: PrintedDocument): number {
  const top = MARGIN.top;
  // Seller, top left.
  let y = top;
  y += l.textAt(d.seller.name, l.left, y, 250, { size: 13, bold: true, color: COLOR.accent }) + 3;
  for (const line of d.seller.lines) y += l.textAt(line, l.left, y, 250, { size: 8.3, color: COLOR.muted }) + 0.5;
  const sellerBottom = y;

  // Title and references, top right.
  const width = l.right - RIGHT_BLOCK_X;
  let ry = top - 4;
  ry += l.textAt(d.title.toUpperCase(), RIGHT_BLOCK_X, ry, width, { size: 22, bold: true, color: COLOR.accent, align: 'right' }) + 4;
  for (const [label, value] of d.meta) {
    const isDraft = value === DRAFT_MARK;
    const valueStyle = { size: 8.5, bold: true, align: 'right' as const, color: isDraft ? COLOR.draft : COLOR.text };
    const valueWidth = Math.min(width - 70, l.widthOf(value, valueStyle) + 1);
    const h = Math.max(
      l.textAt(label, RIGHT_BLOCK_X, ry, width - valueWidth - 6, { size: 8.5, color: COLOR.muted }),
      l.textAt(value, l.right - valueWidth, ry, valueWidth, valueStyle),
    );
    ry += h + 1.5;
  }

  // Customer, in a framed block under the references (where a window envelope shows it).
  const boxY = Math.max(ry + 12, 150);
  const pad = 10;
  const inner = width - 2 * pad;
  const heading = l.measure(d.customer.heading.toUpperCase(), inner, { size: 7, bold: true });
  const name = l.measure(d.customer.name, inner, { size: 10.5, bold: true });
  const lines = d.customer.lines.reduce((s, line) => s + l.measure(line, inner, { size: 8.5 }) + 0.5, 0);
  const boxHeight = pad + heading + 3 + name + 3 + lines + pad - 2;
  l.doc.save().roundedRect(RIGHT_BLOCK_X, boxY, width, boxHeight, 3).lineWidth(0.7).strokeColor(COLOR.rule).stroke().restore();
  let by = boxY + pad;
  by += l.textAt(d.customer.heading.toUpperCase(), RIGHT_BLOCK_X + pad, by, inner, { size: 7, bold: true, color: COLOR.muted }) + 3;
  by += l.textAt(d.customer.name, RIGHT_BLOCK_X + pad, by, inner, { size: 10.5, bold: true }) + 3;
  for (const line of d.customer.lines) by += l.textAt(line, RIGHT_BLOCK_X + pad, by, inner, { size: 8.5 }) + 0.5;

  return Math.max(sellerBottom, boxY + boxHeight);
}

const TOTALS_WIDTH = 232;
const PARAGRAPH = { size: 8.2, lineGap: 1.4 } as const;
const RECAP_WIDTH = 236;

function totalsHeight(l: Layout, d: PrintedDocument): number {
  return columnHeight(d.totals);
}

function columnHeight(totals: PrintedDocument['totals']): number {
  return totals.reduce((s, t) => s + (t.strong ? 22 : 15), 0) + 4;
}

const NOTE_STYLE = { size: 8.5, bold: true, color: COLOR.accent } as const;

/** The left column under the table: VAT per rate, the VAT mentions, then the QR code of a transfer. */
function recapHeight(l: Layout, d: PrintedDocument): number {
  const recap = d.vatRecap.length ? 16 + d.vatRecap.length * 14 + 8 : 0;
  const notes = d.vatNotes.reduce((s, n) => s + l.measure(n, RECAP_WIDTH, NOTE_STYLE) + 3, 0);
  return recap + notes + (scanBesideTotals(d) ? (recap + notes > 0 ? 6 : 0) + PAY_BY_SCAN_HEIGHT : 0);
}

/** The QR code pays what is due: beside the totals, or beside the balance under a final invoice's deductions. */
function scanBesideTotals(d: PrintedDocument): d is PrintedDocument & { payByScan: NonNullable<PrintedDocument['payByScan']> } {
  return d.payByScan !== undefined && d.deductions === undefined;
}

/** VAT per rate on the left, totals on the right, side by side under the table. */
function drawTotals(l: Layout, d: PrintedDocument) {
  const height = Math.max(totalsHeight(l, d), recapHeight(l, d));
  l.ensure(height);
  const top = l.y;
  let left = top;

  if (d.vatRecap.length) {
    const cols = [70, 86, 80];
    const xs = [l.left, l.left + cols[0]!, l.left + cols[0]! + cols[1]!];
    const headers = ['Taux de TVA', 'Base HT', 'Montant TVA'];
    l.box(l.left, top, RECAP_WIDTH, 15, COLOR.accentLight);
    headers.forEach((h, i) => l.textAt(h, xs[i]! + 5, top + 4, cols[i]! - 10, { size: 7.2, bold: true, color: COLOR.accent, align: i === 0 ? 'left' : 'right' }));
    left = top + 16;
    for (const row of d.vatRecap) {
      row.forEach((cell, i) => l.textAt(cell, xs[i]! + 5, left + 2, cols[i]! - 10, { size: 8, align: i === 0 ? 'left' : 'right' }));
      left += 14;
      l.rule(left, COLOR.ruleLight, l.left, l.left + RECAP_WIDTH);
    }
    left += 8;
  }
  for (const note of d.vatNotes) left += l.textAt(note, l.left, left, RECAP_WIDTH, NOTE_STYLE) + 3;
  // Pay by scan: the EPC QR code of a transfer of what is due, beside the totals it pays.
  if (scanBesideTotals(d)) drawPayByScan(l, d.payByScan, l.left, left > top ? left + 6 : top, RECAP_WIDTH);

  drawTotalsColumn(l, d.totals, top);
  l.y = top + height + 14;
}

/** Label / amount pairs at the right of the page from `top`, the strong ones white on the accent. */
function drawTotalsColumn(l: Layout, totals: PrintedDocument['totals'], top: number) {
  const x = l.right - TOTALS_WIDTH;
  let y = top;
  for (const t of totals) {
    if (t.strong) {
      y += 3;
      l.box(x, y, TOTALS_WIDTH, 20, COLOR.accent);
      l.textAt(t.label, x + 8, y + 5, TOTALS_WIDTH - 110, { size: 9.5, bold: true, color: '#ffffff' });
      l.textAt(t.value, x + TOTALS_WIDTH - 108, y + 5, 100, { size: 9.5, bold: true, color: '#ffffff', align: 'right' });
      y += 20;
    } else {
      l.textAt(t.label, x + 8, y + 2.5, TOTALS_WIDTH - 110, { size: 8.5, color: COLOR.muted });
      l.textAt(t.value, x + TOTALS_WIDTH - 108, y + 2.5, 100, { size: 8.5, align: 'right' });
      y += 15;
      l.rule(y, COLOR.ruleLight, x, l.right);
    }
  }
}

/** A final invoice's deposits deducted, under their title, then the balance due on the right and its QR code on the left. */
function drawDeductions(l: Layout, block: NonNullable<PrintedDocument['deductions']>, scan: PrintedDocument['payByScan']) {
  const height = Math.max(columnHeight(block.totals), scan ? PAY_BY_SCAN_HEIGHT : 0);
  l.sectionTitle(block.title);
  l.table(block.columns, block.rows, { keepWithLast: height + 8 });
  l.y += 8;
  l.ensure(height);
  if (scan) drawPayByScan(l, scan, l.left, l.y, RECAP_WIDTH);
  drawTotalsColumn(l, block.totals, l.y);
  l.y += height + 14;
}

const SIGNATURE_WIDTH = 250;

/** Where the customer accepts a quote: what to write, then a frame with room under each field's label. */
function drawSignature(l: Layout, block: NonNullable<PrintedDocument['signature']>) {
  const text = block.paragraphs.reduce((s, p) => s + l.measure(p, CONTENT_WIDTH, PARAGRAPH) + 3, 0);
  const boxHeight = 7 + block.fields.reduce((s, f) => s + f.room, 0);
  // Title, text and frame stay together: a signature is never split from what it accepts.
  l.ensure(22 + text + 6 + boxHeight);
  l.sectionTitle(block.title);
  for (const p of block.paragraphs) l.paragraph(p, PARAGRAPH, { after: 3 });
  l.y += 6;
  const x = l.right - SIGNATURE_WIDTH;
  l.doc.save().roundedRect(x, l.y, SIGNATURE_WIDTH, boxHeight, 3).lineWidth(0.7).strokeColor(COLOR.rule).stroke().restore();
  let y = l.y + 7;
  for (const field of block.fields) {
    l.textAt(field.label, x + 8, y, SIGNATURE_WIDTH - 16, { size: 8, color: COLOR.muted });
    y += field.room;
  }
  l.y += boxHeight + 8;
}

/** Page numbers, the seller's identity and, on a draft, the big mark: on every page, once all exist. */
function decoratePages(doc: Pdf, l: Layout, d: PrintedDocument) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const ruleY = PAGE.height - 50;
    l.rule(ruleY, COLOR.rule);
    const pageLabel = `Page ${i - range.start + 1}/${range.count}`;
    l.textAt(pageLabel, l.right - 60, ruleY + 6, 60, { size: 7.5, color: COLOR.muted, align: 'right' });
    l.textAt(d.footer, l.left, ruleY + 6, CONTENT_WIDTH - 72, { size: 6.8, color: COLOR.muted, lineGap: 0.8 });
    if (d.draft) drawOutlinedMark(doc, DRAFT_MARK, PAGE.width / 2, PAGE.height / 2, { size: 44, angle: -40, color: COLOR.draft, opacity: 0.12 });
    if (d.overprint) drawOutlinedMark(doc, d.overprint.mark, PAGE.width / 2, PAGE.height / 2, { size: 32, angle: -35, color: UNPAID_RED, opacity: 0.16 });
  }
}

const UNPAID_RED = '#c62828';

/** The Article 272 mention in a red frame across the page, under the head: it cannot be missed. */
function drawBanner(l: Layout, text: string, top: number): number {
  const pad = 12;
  const style = { size: 11.5, bold: true, color: UNPAID_RED, lineGap: 2 } as const;
  const height = l.measure(text, CONTENT_WIDTH - 2 * pad, style) + 2 * pad;
  l.doc.save().rect(l.left, top, CONTENT_WIDTH, height).lineWidth(2.5).strokeColor(UNPAID_RED).stroke().restore();
  l.textAt(text, l.left + pad, top + pad, CONTENT_WIDTH - 2 * pad, style);
  return top + height;
}

/** Lays out a printed document on A4 pages. */
export function drawDocument(doc: Pdf, d: PrintedDocument) {
  const layout = new Layout(doc, (l) => {
    const style = { size: 7.5, color: COLOR.muted };
    // One line above the rule, whatever the names in it.
    l.textAt(l.oneLine(d.runningTitle, CONTENT_WIDTH, style), l.left, 28, CONTENT_WIDTH, style);
    l.rule(40, COLOR.ruleLight);
    return 52;
  });
  const l = layout;
  l.y = drawHead(l, d) + 22;
  if (d.overprint) l.y = drawBanner(l, d.overprint.banner, l.y) + 14;

  for (const p of d.preamble) l.paragraph(p, { size: 9.5, bold: p === d.preamble[0] }, { after: 3 });
  if (d.preamble.length) l.y += 8;

  l.table(d.columns, d.rows, { keepWithLast: Math.max(totalsHeight(l, d), recapHeight(l, d)) + 8 });
  l.y += 10;
  drawTotals(l, d);
  if (d.deductions) drawDeductions(l, d.deductions, d.payByScan);

  for (const table of d.tables ?? []) {
    l.sectionTitle(table.title);
    l.table(table.columns, table.rows);
    l.y += 12;
  }

  for (const section of d.sections) {
    // A section stays on one page when it fits on one.
    const height = 22 + section.paragraphs.reduce((s, p) => s + l.measure(p, CONTENT_WIDTH, PARAGRAPH) + 3, 0);
    if (height < CONTENT_BOTTOM - 60) l.ensure(height);
    l.sectionTitle(section.title);
    for (const p of section.paragraphs) l.paragraph(p, PARAGRAPH, { after: 3 });
    l.y += 8;
  }
  if (d.signature) drawSignature(l, d.signature);
  // Nothing is drawn after the last section: the space left under it never opens a blank page.
  decoratePages(doc, l, d);
}

export interface WrittenDocument {
  path: string;
  document: PrintedDocument;
}

/** A document drawn in memory: its standard file name and the PDF's bytes. */
export interface RenderedDocument {
  fileName: string;
  bytes: Buffer;
  document: PrintedDocument;
}

/**
 * Every text of a document within its bound (text-fit.ts): paragraphs, table cells and the rest, each
 * cut with « … » beyond its size. The file name and the PDF's properties are the builders' own, short.
 */
export function boundDocument(d: PrintedDocument): PrintedDocument {
  const line = (t: string) => cutText(t, PRINTED_TEXT_MAX.line);
  const paragraph = (t: string) => cutText(t, PRINTED_TEXT_MAX.paragraph);
  const cell = (t: string) => cutText(t, PRINTED_TEXT_MAX.cell);
  return {
    ...d,
    ...(d.overprint ? { overprint: { banner: paragraph(d.overprint.banner), mark: line(d.overprint.mark) } } : {}),
    title: line(d.title),
    meta: d.meta.map(([label, value]) => [line(label), line(value)]),
    seller: { name: line(d.seller.name), lines: d.seller.lines.map(line) },
    customer: { heading: line(d.customer.heading), name: line(d.customer.name), lines: d.customer.lines.map(line) },
    preamble: d.preamble.map(paragraph),
    columns: d.columns.map((c) => ({ ...c, header: line(c.header) })),
    rows: d.rows.map((r) => r.map(cell)),
    vatRecap: d.vatRecap.map(([rate, base, vat]) => [line(rate), line(base), line(vat)]),
    vatNotes: d.vatNotes.map(paragraph),
    totals: d.totals.map((t) => ({ ...t, label: line(t.label), value: line(t.value) })),
    sections: d.sections.map((s) => ({ title: line(s.title), paragraphs: s.paragraphs.map(paragraph) })),
    ...(d.deductions
      ? { deductions: { title: line(d.deductions.title), columns: d.deductions.columns.map((c) => ({ ...c, header: line(c.header) })), rows: d.deductions.rows.map((r) => r.map(cell)), totals: d.deductions.totals.map((t) => ({ ...t, label: line(t.label), value: line(t.value) })) } }
      : {}),
    ...(d.signature ? { signature: { title: line(d.signature.title), paragraphs: d.signature.paragraphs.map(paragraph), fields: d.signature.fields.map((f) => ({ ...f, label: line(f.label) })) } } : {}),
    ...(d.tables ? { tables: d.tables.map((t) => ({ title: line(t.title), columns: t.columns.map((c) => ({ ...c, header: line(c.header) })), rows: t.rows.map((r) => r.map(cell)) })) } : {}),
    footer: paragraph(d.footer),
    runningTitle: line(d.runningTitle),
  };
}

/**
 * Draws a (bounded) printed document into PDF bytes. The main process may hand this work to another
 * process (Electron: a utility process with a time and memory budget); the CLI and the harness draw here.
 */
export type PdfDrawer = (d: PrintedDocument, createdAt: Date) => Promise<Uint8Array>;

/** The drawing itself, in this process: what a PdfDrawer elsewhere runs too. */
export const drawPdfHere: PdfDrawer = (d, createdAt) => renderPdfBytes({ ...d.info, createdAt }, (doc) => drawDocument(doc, boundDocument(d)), d.facturx);

/**
 * Draws a printed document into PDF bytes (what both the file channels and `document.render` use), its
 * texts bounded first (boundDocument), with `draw` (this process by default).
 */
export async function renderPrintedDocument(d: PrintedDocument, now: Date, draw: PdfDrawer = drawPdfHere): Promise<RenderedDocument> {
  const bytes = Buffer.from(await draw(boundDocument(d), now));
  return { fileName: safeFileName(d.fileName), bytes, document: d };
}

/**
 * Writes any printed document to `output` (a folder, or a .pdf path): the output is checked before
 * anything is drawn, then the file is written atomically.
 */
export async function writePrintedDocument(output: string, d: PrintedDocument, now: Date, draw?: PdfDrawer): Promise<WrittenDocument> {
  const target = resolveOutputTarget(output, d.fileName, { ext: 'pdf', noun: 'le PDF' });
  const { bytes } = await renderPrintedDocument(d, now, draw);
  return { path: await writeFileAtomic(target, bytes), document: d };
}
