import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { pdfPages, pdfText, requirePoppler } from './pdf-tools';

beforeAll(() => {
  requirePoppler();
});

async function setup(vatRegime: 'debits' | 'encaissements' = 'debits') {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, vatRegime, rcs: 'Paris B 732 829 320' });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  return tc;
}

const lines = [
  { description: 'Table de réunion en chêne massif', quantity: '1', unitPrice: '1234.56', vatRate: '20', kind: 'goods' },
  { description: 'Livraison et montage', quantity: '2', unitPrice: '85', vatRate: '10', kind: 'services' },
];

/** Writes the rendered bytes where pdftotext can read them; returns the path. */
function save(dir: string, name: string, base64: string): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(base64, 'base64'));
  return path;
}

describe('document.render: the PDF in memory, for the preview, print and save', () => {
  it('gives the same document as the file channel, byte for byte, with its standard name, and writes nothing', async () => {
    const { ctx, dir } = await setup();
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-10-05', validate: true, lines });
    const before = readdirSync(dir).sort();
    const rendered = await callOk(ctx, 'document.render', { kind: 'invoice', id: inv.id });
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(rendered.fileName).toBe(`Facture ${inv.number}.pdf`);
    const bytes = Buffer.from(rendered.pdf, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);

    const out = join(dir, 'docs');
    mkdirSync(out);
    const { path } = await callOk(ctx, 'document.invoice', { invoiceId: inv.id, output: out });
    const inMemory = save(dir, 'rendu.pdf', rendered.pdf);
    expect(pdfText(inMemory)).toBe(pdfText(path));
    expect(pdfText(inMemory)).toContain(inv.number!);
    expect(pdfPages(inMemory)).toBe(pdfPages(path));
    // One code path: same clock, same document, same bytes.
    expect(bytes.equals(readFileSync(path))).toBe(true);
  });

  it('renders a draft with the BROUILLON mark, and a credit note citing its invoice like document.creditNote', async () => {
    const { ctx, dir } = await setup();
    const draft = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-10-05', lines });
    const d = await callOk(ctx, 'document.render', { kind: 'invoice', id: draft.id });
    expect(d.fileName).toBe(`Facture brouillon ${draft.id}.pdf`);
    expect(pdfText(save(dir, 'brouillon.pdf', d.pdf))).toContain('BROUILLON');

    const inv = await callOk(ctx, 'invoice.validate', { id: draft.id });
    const note = await callOk(ctx, 'creditNote.create', { invoiceId: inv.id, date: '2026-10-20', reason: 'Remise commerciale', kind: 'cancellation', validate: true });
    const r = await callOk(ctx, 'document.render', { kind: 'creditNote', id: note.id });
    expect(r.fileName).toBe(`Avoir ${note.number}.pdf`);
    const { path } = await callOk(ctx, 'document.creditNote', { creditNoteId: note.id, output: dir });
    const text = pdfText(save(dir, 'avoir.pdf', r.pdf));
    expect(text).toBe(pdfText(path));
    expect(text).toContain(inv.number!);
  });

  it('renders the Article 272 duplicate and summary statement, and refuses them as the file channels do', async () => {
    const { ctx, dir } = await setup();
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [lines[0]] });
    // Nothing written off yet: the summary statement has nothing to list, like doubtful.summary272.
    const none = await callErr(ctx, 'document.render', { kind: 'summary272', id: 1 });
    expect(none).toEqual(expect.objectContaining({ code: 'CONFLICT', message: (await callErr(ctx, 'doubtful.summary272', { customerId: 1, output: dir })).message }));

    await callOk(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2026-09-01', reason: 'liquidation', judgmentDate: '2026-08-15' });
    const dup = await callOk(ctx, 'document.render', { kind: 'duplicate272', id: inv.id });
    expect(dup.fileName).toBe(`Duplicata article 272 ${inv.number}.pdf`);
    const file = await callOk(ctx, 'doubtful.duplicate272', { invoiceId: inv.id, output: dir });
    expect(pdfText(save(dir, 'dup.pdf', dup.pdf))).toBe(pdfText(file.path));

    const summary = await callOk(ctx, 'document.render', { kind: 'summary272', id: 1 });
    const summaryFile = await callOk(ctx, 'doubtful.summary272', { customerId: 1, output: dir });
    expect(pdfText(save(dir, 'etat.pdf', summary.pdf))).toBe(pdfText(summaryFile.path));

    // Services under VAT on receipts, never collected: no VAT to recover, the same CONFLICT.
    const enc = await setup('encaissements');
    const a = await callOk(enc.ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [{ description: 'Conseil', quantity: '1', unitPrice: '500', vatRate: '20', kind: 'services' }] });
    const refused = await callErr(enc.ctx, 'document.render', { kind: 'duplicate272', id: a.id });
    const fileRefused = await callErr(enc.ctx, 'doubtful.duplicate272', { invoiceId: a.id, output: enc.dir });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe(fileRefused.message);
  });

  it('renders a dunning letter like dunning.letter, and asks for its step', async () => {
    const { ctx, dir } = await setup();
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-08-01', dueDate: '2026-08-31', validate: true, lines });
    const request = { kind: 'dunningLetter', id: inv.id, step: 'formal-notice', asOf: '2026-11-01' } as const;
    const rendered = await callOk(ctx, 'document.render', request);
    expect(rendered.fileName).toMatch(/\.pdf$/);
    const file = await callOk(ctx, 'dunning.letter', { invoiceId: inv.id, step: 'formal-notice', asOf: '2026-11-01', output: dir });
    const text = pdfText(save(dir, 'lettre.pdf', rendered.pdf));
    expect(text).toBe(pdfText(file.path));
    expect(text).toContain(inv.number!);
    const noStep = await callErr(ctx, 'document.render', { kind: 'dunningLetter', id: inv.id });
    expect(noStep.code).toBe('VALIDATION');
    expect(noStep.fieldErrors).toHaveProperty('step');
  });

  it('says in French what it cannot find', async () => {
    const { ctx } = await setup();
    expect((await callErr(ctx, 'document.render', { kind: 'invoice', id: 99 })).code).toBe('NOT_FOUND');
    expect((await callErr(ctx, 'document.render', { kind: 'creditNote', id: 99 })).code).toBe('NOT_FOUND');
    expect((await callErr(ctx, 'document.render', { kind: 'summary272', id: 99 })).code).toBe('NOT_FOUND');
  });
});
