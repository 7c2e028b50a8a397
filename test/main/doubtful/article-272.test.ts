import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { repoRoot } from '../../helpers/repo';

/** The PDF's text, spaces normalised (pdftotext prints U+202F and U+00A0 as plain spaces). */
function pdfText(path: string): string {
  try {
    return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');
  } catch (err) {
    throw new Error(`pdftotext est introuvable ou a échoué (installez poppler-utils) : ${String(err)}`);
  }
}

async function setup(vatRegime: 'debits' | 'encaissements' | 'franchise' = 'debits') {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, vatRegime, ...(vatRegime === 'franchise' ? { vatNumber: '' } : {}) });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  return tc;
}

describe('Article 272 duplicate and summary statement', () => {
  it('prints the original invoice overprinted with the mention, X and Y being the unpaid HT and the VAT regularised', async () => {
    const { ctx, dir } = await setup();
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [{ description: 'Charpente en chêne', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }] });
    await callOk(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2026-09-01', reason: 'liquidation', judgmentDate: '2026-08-15' });
    const out = join(dir, 'docs');
    mkdirSync(out);
    const dup = await callOk(ctx, 'doubtful.duplicate272', { invoiceId: inv.id, output: out });
    expect(dup).toMatchObject({ net: '1000.00', vat: '200.00' });
    const text = pdfText(dup.path);
    expect(text.replace(/\s+/g, ' ')).toContain('Facture demeurée impayée pour la somme de 1 000,00 € (prix net) et pour la somme de 200,00 € (TVA correspondante) qui ne peut faire l’objet d’une déduction (article 272 du CGI)');
    for (const mention of ['DUPLICATA', 'F2026-00001', 'Charpente en chêne', '732 829 320', 'Société Générale', 'Total TTC', '1 200,00 €']) expect(text).toContain(mention);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', dup.path, join(repoRoot, 'test-results', 'documents', 'duplicata-272')]);

    const summary = await callOk(ctx, 'doubtful.summary272', { customerId: 1, output: out });
    expect(summary).toMatchObject({ invoices: 1, net: '1000.00', vat: '200.00' });
    const st = pdfText(summary.path);
    expect(st).toContain('ÉTAT');
    expect(st).toContain('RÉCAPITULATIF');
    expect(st.replace(/\s+/g, ' ')).toContain('Facture demeurée impayée pour la somme de 1 000,00 €');
    expect(st).toContain('F2026-00001');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', summary.path, join(repoRoot, 'test-results', 'documents', 'etat-recapitulatif-272')]);
  });

  it('refuses when there is no VAT to recover: services under VAT on receipts, franchise', async () => {
    const enc = await setup('encaissements');
    const a = await callOk(enc.ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [{ description: 'Conseil', quantity: '1', unitPrice: '500', vatRate: '20', kind: 'services' }] });
    const e1 = await callErr(enc.ctx, 'doubtful.duplicate272', { invoiceId: a.id, output: enc.dir });
    expect(e1.code).toBe('CONFLICT');
    expect(e1.message).toMatch(/encaissements/);
    const fr = await setup('franchise');
    const b = await callOk(fr.ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [{ description: 'Conseil', quantity: '1', unitPrice: '500', vatRate: '0', kind: 'services' }] });
    expect((await callErr(fr.ctx, 'doubtful.duplicate272', { invoiceId: b.id, output: fr.dir })).message).toMatch(/franchise/);
  });
});
