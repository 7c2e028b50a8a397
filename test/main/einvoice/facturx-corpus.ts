import type { RequestInput } from '../../../src/shared/contract';
import { creditNoteFacturx, invoiceFacturx, type FacturxDocument } from '../../../src/main/core/printing/facturx';
import { callOk, makeTestCompany, type TestCompany } from '../../helpers/context';
import { brasserieBelge, companyInit, jeanneMartin, societeGenerale } from '../../helpers/fixtures';

type Line = RequestInput<'invoice.create'>['lines'][number];
const goods = (description: string, quantity: string, unitPrice: string, vatRate = '20', extra: Partial<Line> = {}): Line => ({ description, quantity, unitPrice, vatRate, kind: 'goods', ...extra });
const services = (description: string, quantity: string, unitPrice: string, vatRate = '20', extra: Partial<Line> = {}): Line => ({ description, quantity, unitPrice, vatRate, kind: 'services', ...extra });

export interface CorpusDocument extends FacturxDocument {
  /** A file-safe name saying what the document is. */
  name: string;
  kind: 'invoice' | 'creditNote';
  id: number;
  /** A penalty invoice's own id (penalty_invoice), beside its receivable's (`id`). */
  penaltyId?: number;
  ctx: TestCompany['ctx'];
}

/**
 * Every kind of document Factur-X must carry, on real company files: the three VAT regimes (debits,
 * receipts for services, franchise), rates 20 / 10 / 5,5, line and invoice discounts, escompte, business
 * and consumer customers, a credit note and a penalty invoice. The caller disposes of the files.
 */
export async function facturxCorpus(): Promise<{ docs: CorpusDocument[]; dispose: () => void }> {
  const out: CorpusDocument[] = [];
  const companies: (TestCompany & { dispose: () => void })[] = [];
  const testCompany = (name: string) => {
    const tc = makeTestCompany(name);
    companies.push(tc);
    return tc;
  };
  const push = async (tc: TestCompany, name: string, kind: 'invoice' | 'creditNote', id: number) => {
    const db = tc.ctx.file.db();
    const company = await callOk(tc.ctx, 'company.get', {});
    const doc = kind === 'invoice' ? invoiceFacturx(db, company, id) : creditNoteFacturx(db, company, id);
    out.push({ ...doc, name, kind, id, ctx: tc.ctx });
  };

  // Debits: a business customer, three rates, line and invoice discounts, escompte, delivery date.
  const debits = testCompany('debits.encours');
  await callOk(debits.ctx, 'company.init', { ...companyInit, rcs: 'Paris B 732 829 320', vatRegime: 'debits' });
  await callOk(debits.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  await callOk(debits.ctx, 'customer.create', jeanneMartin);
  const d1 = await callOk(debits.ctx, 'invoice.create', {
    customerId: 1, date: '2026-09-02', deliveryDate: '2026-08-28', orderRef: 'BC-2026-118', escompte: { percent: '2', days: 10 }, discountPercent: '3.33', validate: true,
    notes: 'Livraison à l’entrepôt de Gennevilliers, quai n° 3 & 4 <B>.',
    lines: [
      goods('Table de réunion en chêne massif', '1', '1234.56', '20', { discountPercent: '5' }),
      services('Pose et réglage', '3.5', '45.1234', '10', { unit: 'HUR' }),
      goods('Livres techniques', '7', '12.99', '5.5'),
    ],
  });
  await push(debits, 'debits-business-3-rates-discounts-escompte', 'invoice', d1.id);
  const d2 = await callOk(debits.ctx, 'invoice.create', { customerId: 2, date: '2026-09-05', validate: true, lines: [services('Cours particulier', '2', '40', '20', { unit: 'DAY' }), goods('Manuel', '1', '19.90', '5.5')] });
  await push(debits, 'debits-consumer', 'invoice', d2.id);
  const cn = await callOk(debits.ctx, 'creditNote.create', { invoiceId: d1.id, date: '2026-09-20', reason: 'Table rayée', kind: 'rebate', lines: [goods('Rabais sur la table', '1', '100', '20'), services('Pose non faite', '1', '45', '10')], validate: true });
  await push(debits, 'debits-credit-note', 'creditNote', cn.id);
  // A Belgian business: services under reverse charge (AE), goods delivered intra-EU (K), B2BINT.
  await callOk(debits.ctx, 'customer.create', { ...brasserieBelge, email: 'compta@abbaye.example' });
  const d3 = await callOk(debits.ctx, 'invoice.create', { customerId: 3, date: '2026-09-10', deliveryDate: '2026-09-08', validate: true, lines: [services('Conception de l’étiquette', '1', '800', '0'), goods('Fûts de chêne', '4', '250', '0')] });
  await push(debits, 'debits-eu-business-reverse-charge-intra-eu', 'invoice', d3.id);
  const pen = await callOk(debits.ctx, 'penalty.invoice', { invoiceId: d1.id, asOf: '2026-11-15', date: '2026-11-16', includeIndemnity: true });
  await push(debits, 'debits-penalty-invoice', 'invoice', pen.receivableId);
  out[out.length - 1]!.penaltyId = pen.id;

  // Receipts: services taxed on payment, a business and a consumer.
  const receipts = testCompany('receipts.encours');
  await callOk(receipts.ctx, 'company.init', { ...companyInit, vatRegime: 'encaissements' });
  await callOk(receipts.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  await callOk(receipts.ctx, 'customer.create', jeanneMartin);
  const r1 = await callOk(receipts.ctx, 'invoice.create', { customerId: 1, date: '2026-10-01', validate: true, lines: [services('Audit informatique', '2', '650', '20'), services('Déplacement', '1', '80', '10')] });
  await push(receipts, 'receipts-business-services', 'invoice', r1.id);
  const r2 = await callOk(receipts.ctx, 'invoice.create', { customerId: 2, date: '2026-10-02', validate: true, lines: [services('Dépannage à domicile', '1', '90', '10', { discountPercent: '10' })] });
  await push(receipts, 'receipts-consumer-services', 'invoice', r2.id);
  const rcn = await callOk(receipts.ctx, 'creditNote.create', { invoiceId: r1.id, date: '2026-10-10', reason: 'Annulation du déplacement', kind: 'cancellation', lines: [services('Déplacement', '1', '80', '10')], validate: true });
  await push(receipts, 'receipts-credit-note', 'creditNote', rcn.id);

  // Escompte taken at payment, under VAT on receipts: the financial credit note the payment writes.
  const r3 = await callOk(receipts.ctx, 'invoice.create', { customerId: 1, date: '2026-10-05', escompte: { percent: '2', days: 10 }, validate: true, lines: [services('Maintenance annuelle', '1', '1000', '20'), goods('Câbles', '3', '15', '20')] });
  await callOk(receipts.ctx, 'payment.record', { customerId: 1, date: '2026-10-12', amount: r3.escompte!.amountDue, method: 'transfer', escompte: [{ invoiceId: r3.id }] });
  const notes = (await callOk(receipts.ctx, 'ledger.entries', { journal: 'VT' })).rows.filter((e) => e.source?.kind === 'credit_note');
  const escompteNote = await callOk(receipts.ctx, 'creditNote.get', { id: notes[notes.length - 1]!.source!.id });
  if (escompteNote.kind !== 'escompte') throw new Error(`avoir d’escompte attendu, ${escompteNote.kind} trouvé`);
  await push(receipts, 'receipts-escompte-credit-note', 'creditNote', escompteNote.id);

  // Franchise: no VAT, business (escompte) and consumer.
  const franchise = testCompany('franchise.encours');
  const { vatNumber: _vat, legalForm: _form, shareCapital: _capital, ...micro } = companyInit;
  await callOk(franchise.ctx, 'company.init', { ...micro, name: 'Claire Potier', vatRegime: 'franchise' });
  await callOk(franchise.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  await callOk(franchise.ctx, 'customer.create', jeanneMartin);
  const f1 = await callOk(franchise.ctx, 'invoice.create', { customerId: 1, date: '2026-05-04', escompte: { percent: '1.5', days: 8 }, validate: true, lines: [services('Illustrations', '4', '150', '0'), goods('Tirages', '10', '12.5', '0')] });
  await push(franchise, 'franchise-business-escompte', 'invoice', f1.id);
  const f2 = await callOk(franchise.ctx, 'invoice.create', { customerId: 2, date: '2026-05-05', discountPercent: '10', validate: true, lines: [services('Portrait', '1', '120', '0')] });
  await push(franchise, 'franchise-consumer-discount', 'invoice', f2.id);
  const fcn = await callOk(franchise.ctx, 'creditNote.create', { invoiceId: f1.id, date: '2026-05-12', reason: 'Tirage abîmé', kind: 'rebate', lines: [goods('Tirage abîmé', '1', '12.5', '0')], validate: true });
  await push(franchise, 'franchise-credit-note', 'creditNote', fcn.id);
  return { docs: out, dispose: () => companies.forEach((c) => c.dispose()) };
}
