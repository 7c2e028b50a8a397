import { describe, expect, it } from 'vitest';
import { callErr, callOk } from '../../helpers/context';
import { dunningCompany, invoice1200 } from './setup';

describe('late-payment penalties (C. com. L441-10, D441-5)', () => {
  it('computes the worked example to the cent: 1 200,00 € TTC, invoice of H1 2026 at 12,15 %, 45 days late', async () => {
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    // 45 days from the day after the due date (1 April) to 15 May included:
    // 1 200,00 × 12,15 % × 45 / 365 = 17,9753… → 17,98 €, + 40,00 € (business customer) = 57,98 €.
    const p = await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-05-15' });
    expect(p).toMatchObject({ days: 45, rate: '12.15', rateSource: 'table', interest: '17.98', indemnity: '40.00', total: '57.98' });
    expect(p.periods).toEqual([{ from: '2026-04-01', to: '2026-05-15', days: 45, base: '1200.00', interest: '17.975342' }]);
  });

  it('follows the outstanding day by day: a partial payment lowers the base from the day after it', async () => {
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    await callOk(tc.ctx, 'payment.record', { customerId: 1, date: '2026-04-15', amount: '600.00', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '600.00' }] });
    // 1 200,00 × 12,15 % × 15 / 365 (1–15 April, the payment day bears interest) = 5,991780…
    // + 600,00 × 12,15 % × 30 / 365 (16 April – 15 May) = 5,991780…  → 11,983561… → 11,98 € (rounded once).
    const p = await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-05-15' });
    expect(p.periods.map((r) => [r.from, r.to, r.days, r.base])).toEqual([
      ['2026-04-01', '2026-04-15', 15, '1200.00'],
      ['2026-04-16', '2026-05-15', 30, '600.00'],
    ]);
    expect(p).toMatchObject({ days: 45, interest: '11.98', indemnity: '40.00', total: '51.98' });
    await callOk(tc.ctx, 'payment.record', { customerId: 1, date: '2026-05-15', amount: '600.00', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '600.00' }] });
    const after = await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-06-30' });
    // Paid in full on 15 May: nothing runs after it, the indemnity stays owed (the invoice was paid late).
    expect(after).toMatchObject({ interest: '11.98', indemnity: '40.00' });
  });

  it('rounds once, on the total, never period by period', async () => {
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    await callOk(tc.ctx, 'payment.record', { customerId: 1, date: '2026-04-01', amount: '600.00', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '600.00' }] });
    // 1 200,00 × 12,15 % × 1 / 365 = 0,399452… and 600,00 × 12,15 % × 17 / 365 = 3,395342… : 3,794794… → 3,79 €
    // (rounding each period would give 0,40 + 3,40 = 3,80 €).
    const p = await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-04-18' });
    expect(p.periods.map((r) => [r.days, r.base, r.interest])).toEqual([[1, '1200.00', '0.399452'], [17, '600.00', '3.395342']]);
    expect(p.interest).toBe('3.79');
  });

  it('claims no 40 € indemnity from a consumer', async () => {
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 2, '2026-03-01', '2026-03-31');
    expect(await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-05-15' })).toMatchObject({ interest: '17.98', indemnity: '0.00', total: '17.98' });
  });

  it('owes nothing before the day after the due date', async () => {
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    expect(await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-03-31' })).toMatchObject({ days: 0, interest: '0.00', indemnity: '0.00', total: '0.00', periods: [] });
    expect(await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-04-01' })).toMatchObject({ days: 1, interest: '0.40', indemnity: '40.00' });
  });

  it('applies the rate in force on the invoice date, the owner’s table row, or the company’s own rate', async () => {
    const tc = await dunningCompany();
    const h1 = await invoice1200(tc, 1, '2026-06-30', '2026-07-30');
    const h2 = await invoice1200(tc, 1, '2026-07-01', '2026-07-31');
    // Both late in H2: the H1 invoice keeps the H1 rate.
    expect((await callOk(tc.ctx, 'penalty.compute', { invoiceId: h1.id, asOf: '2026-09-30' })).rate).toBe('12.15');
    const rates = await callOk(tc.ctx, 'penalty.rates.list', {});
    expect(rates.rows.find((r) => r.period === '2026-H1')).toMatchObject({ ecbRate: '2.15', rate: '12.15', custom: false });
    expect(rates.rows.find((r) => r.period === '2024-H1')).toMatchObject({ rate: '14.5', legalRate: '5.07', floor: '15.21' });
    const set = await callOk(tc.ctx, 'penalty.rates.set', { period: '2026-H2', ecbRate: '2,40', legalRate: '2.76' });
    expect(set.rows.find((r) => r.period === '2026-H2')).toMatchObject({ ecbRate: '2.4', rate: '12.4', floor: '8.28', custom: true });
    expect((await callOk(tc.ctx, 'penalty.compute', { invoiceId: h2.id, asOf: '2026-09-30' })).rate).toBe('12.4');
    expect((await callOk(tc.ctx, 'penalty.compute', { invoiceId: h1.id, asOf: '2026-09-30' })).rate).toBe('12.15');
    const low = await callErr(tc.ctx, 'penalty.rates.set', { period: '2026-H2', ecbRate: '2.40', legalRate: '2.76', rate: '8' });
    expect(low.code).toBe('VALIDATION');
    expect(low.message).toContain('trois fois le taux de l’intérêt légal');
    expect(low.fieldErrors?.rate).toBeDefined();

    const own = await dunningCompany({ latePenaltyRate: '15' });
    const inv = await invoice1200(own, 1, '2026-03-01', '2026-03-31');
    expect(await callOk(own.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-05-15' })).toMatchObject({ rate: '15', rateSource: 'company', interest: '22.19' });
  });

  it('refuses drafts and unknown invoices', async () => {
    const tc = await dunningCompany();
    const draft = await callOk(tc.ctx, 'invoice.create', { customerId: 1, date: '2026-03-01', lines: [{ description: 'X', quantity: '1', unitPrice: '10', vatRate: '20', kind: 'goods' }] });
    expect((await callErr(tc.ctx, 'penalty.compute', { invoiceId: draft.id, asOf: '2026-05-15' })).code).toBe('CONFLICT');
    expect((await callErr(tc.ctx, 'penalty.compute', { invoiceId: 99, asOf: '2026-05-15' })).code).toBe('NOT_FOUND');
  });

  it('invoices the penalties as a PEN document, outside the scope of VAT: D 411 / C 7631, new days only the second time', async () => {
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    const first = await callOk(tc.ctx, 'penalty.invoice', { invoiceId: inv.id, asOf: '2026-05-15', date: '2026-05-16', includeIndemnity: true });
    expect(first).toMatchObject({ number: 'PEN2026-00001', interest: '17.98', indemnity: '40.00', total: '57.98' });
    const { entry } = await callOk(tc.ctx, 'ledger.entry', { id: first.entryId });
    expect(entry).toMatchObject({ journal: 'VT', pieceRef: 'PEN2026-00001', date: '2026-05-16' });
    const lines = entry.lines;
    expect(lines.map((l) => [l.account, l.aux ?? '', l.debit, l.credit])).toEqual([
      ['411', 'C00001', '57.98', '0.00'],
      ['7631', '', '0.00', '17.98'],
      ['7631', '', '0.00', '40.00'],
    ]);
    expect(lines.some((l) => l.account.startsWith('445'))).toBe(false);
    // 30 more days: 1 200,00 × 12,15 % × 75 / 365 = 29,96 € in all, 17,98 € already invoiced → 11,98 €; no second indemnity.
    const second = await callOk(tc.ctx, 'penalty.invoice', { invoiceId: inv.id, asOf: '2026-06-14', date: '2026-06-15', includeIndemnity: true });
    expect(second).toMatchObject({ number: 'PEN2026-00002', interest: '11.98', indemnity: '0.00', total: '11.98' });
    const again = await callErr(tc.ctx, 'penalty.invoice', { invoiceId: inv.id, asOf: '2026-06-14', date: '2026-06-15', includeIndemnity: false });
    expect(again.code).toBe('CONFLICT');
    expect((await callOk(tc.ctx, 'ledger.verify', {})).ok).toBe(true);
    // The invoice's own outstanding is unchanged: the penalties are a receivable of their own.
    expect((await callOk(tc.ctx, 'invoice.get', { id: inv.id })).outstanding).toBe('1200.00');
    // penalty.compute says what the PEN invoices already claimed, so a preview can deduct it as penalty.invoice does.
    const computed = await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-06-14' });
    expect(computed).toMatchObject({ interest: '29.96', indemnity: '40.00' });
    expect(computed.invoiced).toEqual({
      interest: '29.96', indemnity: '40.00', asOf: '2026-06-14',
      invoices: [
        { id: first.id, number: 'PEN2026-00001', date: '2026-05-16', asOf: '2026-05-15', total: '57.98' },
        { id: second.id, number: 'PEN2026-00002', date: '2026-06-15', asOf: '2026-06-14', total: '11.98' },
      ],
    });
    // The penalty invoice is drawn in memory for the preview, like the file penalty.document writes.
    const rendered = await callOk(tc.ctx, 'document.render', { kind: 'penaltyInvoice', id: first.id });
    expect(rendered.fileName).toMatch(/PEN2026-00001/);
    expect(Buffer.from(rendered.pdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
