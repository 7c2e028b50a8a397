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
    expect(p.periods).toEqual([{ from: '2026-04-01', to: '2026-05-15', days: 45, base: '1200.00', rate: '12.15', halfYear: '2026-H1', interest: '17.98' }]);
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

  it('rounds each period half-up to the cent; the interest is the sum of the periods as printed', async () => {
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    await callOk(tc.ctx, 'payment.record', { customerId: 1, date: '2026-04-01', amount: '600.00', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '600.00' }] });
    // 1 200,00 × 12,15 % × 1 / 365 = 0,399452… → 0,40 € and 600,00 × 12,15 % × 17 / 365 = 3,395342… → 3,40 €:
    // 3,80 € in all, what the letter's lines add up to (rounding the unrounded sum, 3,794794…, gave 3,79 €).
    const p = await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-04-18' });
    expect(p.periods.map((r) => [r.days, r.base, r.rate, r.interest])).toEqual([[1, '1200.00', '12.15', '0.40'], [17, '600.00', '12.15', '3.40']]);
    expect(p.interest).toBe('3.80');
  });

  it('counts each day of delay at the rate of its own half-year (L441-10), not the rate of the invoice date', async () => {
    const tc = await dunningCompany();
    // The owner's row for 2026-H2: ECB 2,40 % → 12,40 %.
    await callOk(tc.ctx, 'penalty.rates.set', { period: '2026-H2', ecbRate: '2.40', legalRate: '2.62' });
    const inv = await invoice1200(tc, 1, '2026-05-01', '2026-05-31');
    // June (30 days) at the H1 rate: 1 200,00 × 12,15 % × 30 / 365 = 11,983561… → 11,98 €;
    // 1 July – 31 August (62 days) at the H2 rate: 1 200,00 × 12,40 % × 62 / 365 = 25,275616… → 25,28 €;
    // 37,26 € (the invoice date's rate for the whole 92 days gave 1 200,00 × 12,15 % × 92 / 365 = 36,75 €).
    const p = await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-08-31' });
    expect(p.periods.map((r) => [r.from, r.to, r.days, r.base, r.rate, r.halfYear, r.interest])).toEqual([
      ['2026-06-01', '2026-06-30', 30, '1200.00', '12.15', '2026-H1', '11.98'],
      ['2026-07-01', '2026-08-31', 62, '1200.00', '12.4', '2026-H2', '25.28'],
    ]);
    expect(p).toMatchObject({ days: 92, rate: '12.4', interest: '37.26', indemnity: '40.00', total: '77.26' });
  });

  it('gives a consumer no interest until a formal notice, then the legal rate of each half-year (C. civ. 1231-6), never the 40 €', async () => {
    const tc = await dunningCompany();
    await callOk(tc.ctx, 'penalty.rates.set', { period: '2026-H2', ecbRate: '2.15', legalRate: '3' });
    const inv = await invoice1200(tc, 2, '2026-03-01', '2026-03-31');
    // 45 days late, no formal notice: nothing runs (L441-10 and its 12,15 % do not apply to a consumer).
    expect(await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-05-15' })).toMatchObject({ interest: '0.00', indemnity: '0.00', total: '0.00', periods: [], regime: 'consumer', formalNotice: null });
    // A phone call is no formal notice.
    await callOk(tc.ctx, 'dunning.record', { invoiceId: inv.id, step: 'formal-notice', date: '2026-04-20', channel: 'phone' });
    expect((await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-05-15' })).interest).toBe('0.00');
    await callOk(tc.ctx, 'dunning.record', { invoiceId: inv.id, step: 'formal-notice', date: '2026-04-30', channel: 'letter' });
    // From the day after the notice: 1 – 15 May, 15 days at the legal rate of H1 2026 (2,62 %):
    // 1 200,00 × 2,62 % × 15 / 365 = 1,292054… → 1,29 €.
    const may = await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-05-15' });
    expect(may).toMatchObject({ rate: '2.62', interest: '1.29', indemnity: '0.00', total: '1.29', formalNotice: '2026-04-30' });
    // Into H2: 1 May – 30 June, 61 days at 2,62 % = 5,254356… → 5,25 €; 1 – 10 July, 10 days at the owner's 3 %:
    // 1 200,00 × 3 % × 10 / 365 = 0,986301… → 0,99 €; 6,24 €.
    const july = await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-07-10' });
    expect(july.periods.map((r) => [r.from, r.to, r.days, r.rate, r.interest])).toEqual([
      ['2026-05-01', '2026-06-30', 61, '2.62', '5.25'],
      ['2026-07-01', '2026-07-10', 10, '3', '0.99'],
    ]);
    expect(july).toMatchObject({ interest: '6.24', indemnity: '0.00' });
  });

  it('keeps the 2026 rates as published: legal rate 2,62 % for H1 (arrêté du 15 décembre 2025), H2 unconfirmed at ECB 2,15 %', async () => {
    const tc = await dunningCompany();
    const { rows } = await callOk(tc.ctx, 'penalty.rates.list', {});
    expect(rows.find((r) => r.period === '2026-H1')).toMatchObject({ ecbRate: '2.15', rate: '12.15', legalRate: '2.62', floor: '7.86', confirmed: true, custom: false });
    expect(rows.find((r) => r.period === '2026-H2')).toMatchObject({ ecbRate: '2.15', rate: '12.15', legalRate: '2.62', confirmed: false, custom: false });
    expect(rows.find((r) => r.period === '2025-H2')).toMatchObject({ ecbRate: '2.15', legalRate: '2.76', confirmed: true });
  });

  it('owes nothing before the day after the due date', async () => {
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    expect(await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-03-31' })).toMatchObject({ days: 0, interest: '0.00', indemnity: '0.00', total: '0.00', periods: [] });
    expect(await callOk(tc.ctx, 'penalty.compute', { invoiceId: inv.id, asOf: '2026-04-01' })).toMatchObject({ days: 1, interest: '0.40', indemnity: '40.00' });
  });

  it('applies the table’s rate of each half-year, the owner’s row when there is one, or the company’s own rate', async () => {
    const tc = await dunningCompany();
    const h1 = await invoice1200(tc, 1, '2026-06-30', '2026-07-30');
    // Late only in H2: the H2 rate, whatever the invoice's date.
    expect((await callOk(tc.ctx, 'penalty.compute', { invoiceId: h1.id, asOf: '2026-09-30' })).rate).toBe('12.15');
    const rates = await callOk(tc.ctx, 'penalty.rates.list', {});
    expect(rates.rows.find((r) => r.period === '2026-H1')).toMatchObject({ ecbRate: '2.15', rate: '12.15', custom: false });
    expect(rates.rows.find((r) => r.period === '2024-H1')).toMatchObject({ rate: '14.5', legalRate: '5.07', floor: '15.21' });
    const set = await callOk(tc.ctx, 'penalty.rates.set', { period: '2026-H2', ecbRate: '2,40', legalRate: '2.76' });
    expect(set.rows.find((r) => r.period === '2026-H2')).toMatchObject({ ecbRate: '2.4', rate: '12.4', floor: '8.28', custom: true, confirmed: true });
    // 31 July – 30 September, 62 days at 12,40 %: 1 200,00 × 12,40 % × 62 / 365 = 25,28 €.
    expect(await callOk(tc.ctx, 'penalty.compute', { invoiceId: h1.id, asOf: '2026-09-30' })).toMatchObject({ rate: '12.4', interest: '25.28' });
    const low = await callErr(tc.ctx, 'penalty.rates.set', { period: '2026-H2', ecbRate: '2.40', legalRate: '2.76', rate: '8' });
    expect(low.code).toBe('VALIDATION');
    expect(low.message).toContain('trois fois le taux de l’intérêt légal');
    expect(low.fieldErrors?.rate).toBeDefined();

    // A contractual rate of the company's own applies to the whole delay: 1 200,00 × 15 % × 45 / 365 = 22,19 €.
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
