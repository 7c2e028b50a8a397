import { describe, expect, it } from 'vitest';
import { callErr, callOk } from '../../helpers/context';
import { dunningCompany, invoice1200 } from './setup';

/** Amounts and rates are printed with no-break spaces: compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/**
 * A penalty invoice (series PEN) is a receivable like any invoice: it is listed with the invoices, counted
 * in the aged balance, dunned, paid and lettered; it bears no penalties of its own.
 */
describe('the penalty invoice as a receivable', () => {
  it('shows in the invoice list, the aged balance and the dunning to-do, and is settled by a payment', async () => {
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    // 1 200,00 × 12,15 % × 45 / 365 = 17,98 € + 40,00 € = 57,98 €, invoiced on 16 May, payable on receipt.
    const pen = await callOk(tc.ctx, 'penalty.invoice', { invoiceId: inv.id, asOf: '2026-05-15', date: '2026-05-16', includeIndemnity: true });
    expect(pen).toMatchObject({ number: 'PEN2026-00001', total: '57.98' });
    expect(pen.receivableId).toBeGreaterThan(inv.id);

    const list = await callOk(tc.ctx, 'invoice.list', {});
    const row = list.rows.find((r) => r.number === 'PEN2026-00001');
    expect(row).toMatchObject({ id: pen.receivableId, status: 'open', customerId: 1, date: '2026-05-16', dueDate: '2026-05-16', outstanding: '57.98', totals: { net: '57.98', vat: '0.00', gross: '57.98' }, penaltyOf: { invoiceId: inv.id, number: inv.number } });
    expect(list.total).toBe(2);
    const got = await callOk(tc.ctx, 'invoice.get', { id: pen.receivableId });
    expect(got.lines.map((l) => [plain(l.description), l.net, l.vatRate, l.account])).toEqual([
      ['Intérêts de retard du 01/04/2026 au 15/05/2026 (1er semestre 2026) : 1 200,00 € × 12,15 % × 45 jours / 365', '17.98', '0', '7631'],
      ['Indemnité forfaitaire pour frais de recouvrement', '40.00', '0', '7631'],
    ]);

    // Aged balance on 30 June: the invoice 91 days late (> 90 days), the PEN 45 days late (31–60 days).
    const aging = await callOk(tc.ctx, 'report.aging', { asOf: '2026-06-30' });
    expect(aging.totals).toMatchObject({ notDue: '0.00', buckets: ['0.00', '57.98', '0.00', '1200.00'], total: '1257.98' });

    // Dunned like any receivable, from its own due date; it bears no penalties itself (no interest on interest).
    // Payable on receipt: no courtesy reminder before its due date, the written reminder at + 7 days.
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-05-16' })).rows.find((r) => r.invoiceId === pen.receivableId)).toBeUndefined();
    const due = await callOk(tc.ctx, 'dunning.due', { asOf: '2026-05-23' });
    expect(due.rows.find((r) => r.invoiceId === pen.receivableId)).toMatchObject({
      number: 'PEN2026-00001', step: { key: 'reminder' }, stepDueDate: '2026-05-23', outstanding: '57.98', penalties: { interest: '0.00', indemnity: '0.00', total: '0.00' }, penaltyOf: { invoiceId: inv.id, number: inv.number },
    });
    // Its reminder speaks of what is owed, with no penalty sentence.
    const mail = await callOk(tc.ctx, 'dunning.email', { invoiceId: pen.receivableId, step: 'reminder', asOf: '2026-05-23' });
    expect(plain(mail.body)).toContain('notre facture n° PEN2026-00001 du 16 mai 2026, échue le 16 mai 2026, reste impayée pour 57,98 € (7 jours de retard).');
    expect(mail.body).not.toMatch(/pénalités de retard courent|\{/);
    const onPen = await callErr(tc.ctx, 'penalty.invoice', { invoiceId: pen.receivableId, asOf: '2026-06-15', date: '2026-06-15', includeIndemnity: true });
    expect(onPen.code).toBe('CONFLICT');
    expect(onPen.message).toContain('facture de pénalités');

    // Paid: allocated to the PEN, which is then settled and leaves the aged balance.
    await callOk(tc.ctx, 'payment.record', { customerId: 1, date: '2026-06-01', amount: '57.98', method: 'transfer', allocations: [{ invoiceId: pen.receivableId, amount: '57.98' }] });
    expect((await callOk(tc.ctx, 'invoice.get', { id: pen.receivableId })).status).toBe('paid');
    expect((await callOk(tc.ctx, 'report.aging', { asOf: '2026-06-30' })).totals.total).toBe('1200.00');
    expect((await callOk(tc.ctx, 'ledger.verify', {})).ok).toBe(true);

    // Outside the scope of VAT: the VAT report has no line for it.
    const vat = await callOk(tc.ctx, 'report.vat', { from: '2026-05-01', to: '2026-05-31' });
    expect(vat.collected).toEqual([]);

    // The invoice page's PDF of the PEN is the penalty invoice itself.
    const rendered = await callOk(tc.ctx, 'document.render', { kind: 'invoice', id: pen.receivableId });
    expect(rendered.fileName).toBe('Facture PEN2026-00001.pdf');
  });

  it('is cancelled only whole, by a cancellation credit note that takes back 7631, without VAT', async () => {
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    const pen = await callOk(tc.ctx, 'penalty.invoice', { invoiceId: inv.id, asOf: '2026-05-15', date: '2026-05-16', includeIndemnity: true });
    const partial = await callErr(tc.ctx, 'creditNote.create', { invoiceId: pen.receivableId, date: '2026-05-20', reason: 'Geste commercial', kind: 'rebate', lines: [{ description: 'Remise', quantity: '1', unitPrice: '10', vatRate: '0', kind: 'services' }] });
    expect(partial.code).toBe('VALIDATION');
    expect(partial.message).toContain('facture de pénalités');
    const cn = await callOk(tc.ctx, 'creditNote.create', { invoiceId: pen.receivableId, date: '2026-05-20', reason: 'Pénalités abandonnées', kind: 'cancellation', validate: true });
    expect(cn).toMatchObject({ totals: { net: '57.98', vat: '0.00', gross: '57.98' } });
    const { entry } = await callOk(tc.ctx, 'ledger.entry', { id: cn.entryId as number });
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['7631', '57.98', '0.00'],
      ['411', '0.00', '57.98'],
    ]);
    expect((await callOk(tc.ctx, 'invoice.get', { id: pen.receivableId })).status).toBe('cancelled');
    expect((await callOk(tc.ctx, 'report.vat', { from: '2026-05-01', to: '2026-05-31' })).collected).toEqual([]);
  });
});
