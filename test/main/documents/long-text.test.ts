import Database from 'better-sqlite3-multiple-ciphers';
import PDFDocument from 'pdfkit';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentFonts } from '../../../src/main/core/documents/fonts';
import { boundDocument } from '../../../src/main/core/documents/invoice-pdf';
import { breakLongWords, cutText, PRINTED_TEXT_MAX } from '../../../src/main/core/documents/text-fit';
import { callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { keepForReview, pdfPages, pdfPageText, pdfText, requirePoppler } from './pdf-tools';

/*
 * A word of 20 000 characters took pdfkit 53 s and 1,9 GB to lay out (it breaks a word wider than its
 * column one character at a time, measuring the rest again each time), and a 5 MB text ran out of memory,
 * in the main process. Texts are bounded before the layout and long words broken in one pass.
 */

beforeAll(() => {
  requirePoppler();
});

/** Generous enough for a loaded machine; before the fix the 20 000-character word alone took 24 to 53 s. */
const QUICK_MS = 15_000;

/** A pdfkit document with the documents' regular font at the table's size: its widthOfString is the ruler. */
function ruler(size = 8.5) {
  const doc = new PDFDocument({ size: 'A4', margin: 0, font: '' } as PDFKit.PDFDocumentOptions);
  doc.registerFont('R', documentFonts().regular);
  doc.font('R').fontSize(size);
  return doc;
}

async function companyWithInvoice() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  // A draft: a validated invoice's lines cannot be changed, even straight in the file (a trigger refuses it).
  const inv = await callOk(tc.ctx, 'invoice.create', {
    customerId: 1, date: '2026-10-05',
    lines: [{ description: 'Table en chêne', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }],
  });
  return { ...tc, invoiceId: inv.id };
}

/** What no form lets through today, but an older file or another program may hold: written straight into the file. */
function setDescription(path: string, description: string) {
  const db = new Database(path);
  db.prepare('UPDATE invoice_line SET description = ?').run(description);
  db.close();
}

async function rendered(ctx: Parameters<typeof callOk>[0], dir: string, request: unknown, name: string) {
  const started = Date.now();
  const { pdf } = await callOk(ctx, 'document.render', request);
  const ms = Date.now() - started;
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, Buffer.from(pdf, 'base64'));
  return { ms, path, text: pdfText(path), pages: pdfPages(path) };
}

describe('long words are broken before the layout', () => {
  it('breaks a 20 000-character word into lines that each fit the column, as pdfkit measures them', () => {
    const doc = ruler();
    const word = 'Anticonstitutionnellement'.repeat(800);
    const started = Date.now();
    const fitted = breakLongWords(`Pièce : ${word} reçue.`, 240, (s) => doc.widthOfString(s));
    expect(Date.now() - started).toBeLessThan(QUICK_MS);
    const pieces = fitted.split(/[\n ]/);
    expect(pieces.length).toBeGreaterThan(300);
    for (const piece of pieces) expect(doc.widthOfString(piece)).toBeLessThanOrEqual(240);
    // Nothing is lost or added but the line breaks.
    expect(fitted.replace(/\n/g, '')).toBe(`Pièce : ${word} reçue.`);
    // pdfkit lays each piece on a line of its own (« Pièce : » and « reçue. » may take one more each): no
    // character-by-character breaking left to do.
    const lines = fitted.split('\n').length;
    const line = doc.heightOfString('A', { width: 240 });
    expect(doc.heightOfString(fitted, { width: 240 })).toBeLessThanOrEqual((lines + 2) * line + 0.01);
  });

  it('leaves a text whose words fit as it is, and never splits a letter from its accent', () => {
    const doc = ruler();
    const text = 'Table de réunion en chêne massif, livrée le 3 mars (1 234,56 €).';
    expect(breakLongWords(text, 240, (s) => doc.widthOfString(s))).toBe(text);
    const accented = 'e\u0301'.repeat(400);
    const lines = breakLongWords(accented, 100, (s) => doc.widthOfString(s)).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.startsWith('\u0301')).toBe(false);
  });
});

describe('texts are bounded when printed', () => {
  it('cuts a text beyond its bound with « … », never inside a character', () => {
    expect(cutText('court', 10)).toBe('court');
    expect(cutText('a'.repeat(5_000_000), 2000)).toBe(`${'a'.repeat(2000)}…`);
    // 😀 is two UTF-16 units: the cut counts characters and keeps them whole.
    expect(cutText('😀'.repeat(30), 10)).toBe(`${'😀'.repeat(10)}…`);
  });

  it('bounds every text of a document: paragraphs, cells and the rest', () => {
    const big = 'x'.repeat(50_000);
    const d = boundDocument({
      kind: 'invoice', title: big, draft: false, meta: [[big, big]], seller: { name: big, lines: [big] }, customer: { heading: big, name: big, lines: [big] },
      preamble: [big], columns: [{ header: big, width: 'flex', align: 'left' }], rows: [[big]], vatRecap: [[big, big, big]], vatNotes: [big],
      totals: [{ label: big, value: big }], sections: [{ title: big, paragraphs: [big] }], footer: big, runningTitle: big, fileName: 'Facture.pdf', mentions: [],
      info: { title: 'Facture', author: 'A', subject: 'S' },
    });
    const strings = JSON.stringify(d).match(/x+…?/g) ?? [];
    expect(Math.max(...strings.map((s) => s.length))).toBeLessThanOrEqual(PRINTED_TEXT_MAX.paragraph + 1);
    expect(d.rows[0]?.[0]).toHaveLength(PRINTED_TEXT_MAX.cell + 1);
    expect(d.seller.name).toHaveLength(PRINTED_TEXT_MAX.line + 1);
  });
});

describe('document.render with texts no form accepts', () => {
  it('renders an invoice whose description is a 20 000-character word quickly, the word broken over lines', async () => {
    const { ctx, dir, path, invoiceId } = await companyWithInvoice();
    ctx.file.close();
    setDescription(path, 'W'.repeat(20_000));
    const r = await rendered(ctx, dir, { kind: 'invoice', id: invoiceId }, 'mot-long');
    expect(r.ms).toBeLessThan(QUICK_MS);
    // The cell holds at most 2 000 characters, broken into lines of the column's width, then « … ».
    const runs = r.text.match(/W{10,}/g) ?? [];
    expect(runs.length).toBeGreaterThan(20);
    expect(Math.max(...runs.map((w) => w.length))).toBeLessThan(60);
    expect(runs.join('').length).toBe(PRINTED_TEXT_MAX.cell);
    expect(r.text).toContain('W…');
    expect(r.text).toContain('Total TTC');
    expect(r.pages).toBeLessThanOrEqual(3);
    keepForReview(r.path, 'mot-long', [1]);
  }, 60_000);

  it('renders an invoice whose description is 5 MB quickly: printed cut with « … »', async () => {
    const { ctx, dir, path, invoiceId } = await companyWithInvoice();
    ctx.file.close();
    setDescription(path, 'Lorem ipsum dolor sit amet. '.repeat(190_000));
    const r = await rendered(ctx, dir, { kind: 'invoice', id: invoiceId }, 'description-5mo');
    expect(r.ms).toBeLessThan(QUICK_MS);
    expect(r.text).toContain('…');
    expect((r.text.match(/Lorem/g) ?? []).length).toBeLessThanOrEqual(PRINTED_TEXT_MAX.cell / 28 + 1);
    expect(r.pages).toBeLessThanOrEqual(3);
  }, 60_000);

  it('renders a letter whose template repeats a long name into a 200 000-character word: bounded, broken, over pages with their header', async () => {
    // Only what the forms accept: a name of 200 letters without a space, a template of 8 000 characters.
    const tc = testCompany();
    await callOk(tc.ctx, 'company.init', companyInit);
    await callOk(tc.ctx, 'customer.create', { ...societeGenerale, name: 'N'.repeat(200), creditLimit: '' });
    const inv = await callOk(tc.ctx, 'invoice.create', {
      customerId: 1, date: '2026-06-01', dueDate: '2026-07-01', validate: true,
      lines: [{ description: 'Charpente', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }],
    });
    await callOk(tc.ctx, 'dunning.templates.set', { templates: [{ kind: 'formal_notice', subject: 'Mise en demeure', letter: '{client}'.repeat(1000), email: 'Bonjour' }] });
    const scenario = await callOk(tc.ctx, 'dunning.scenario.get', {});
    const step = scenario.business.find((s) => s.kind === 'formal_notice');
    const r = await rendered(tc.ctx, tc.dir, { kind: 'dunningLetter', id: inv.id, step: step?.key, asOf: '2026-11-01' }, 'lettre-longue');
    expect(r.ms).toBeLessThan(QUICK_MS);
    const runs = r.text.match(/N{10,}/g) ?? [];
    // The paragraph is cut at 10 000 characters (« … »), each line within the page's width; the name is
    // printed a few times more (the address block, the subject…).
    expect(runs.join('').length).toBeGreaterThanOrEqual(PRINTED_TEXT_MAX.paragraph);
    expect(runs.join('').length).toBeLessThanOrEqual(PRINTED_TEXT_MAX.paragraph + 2000);
    expect(Math.max(...runs.map((w) => w.length))).toBeLessThan(120);
    expect(r.text).toContain('N…');
    // It flows over several pages, each continuation page with its running header, each with its page number.
    expect(r.pages).toBeGreaterThan(1);
    expect(r.pages).toBeLessThanOrEqual(8);
    for (let p = 1; p <= r.pages; p++) expect(r.text).toContain(`Page ${p}/${r.pages}`);
    // The running header holds on one line, the name in it cut with « … ».
    expect(pdfPageText(r.path, 2).split('\n')[0]).toMatch(/^\s*Mise en demeure — facture F2026-00001 — Atelier Dupont SARL — N+…\s*$/);
    keepForReview(r.path, 'lettre-longue', [1, 2]);
  }, 60_000);
});
