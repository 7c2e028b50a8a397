import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';

const goods = (unitPrice: string, vatRate = '20') => ({ description: 'Marchandise', quantity: '1', unitPrice, vatRate, kind: 'goods' as const });

async function setup() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, vatRegime: 'debits' });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  return tc;
}

async function posted(ctx: ServiceContext, entryId: number) {
  const { entry } = await callOk(ctx, 'ledger.entry', { id: entryId });
  return entry.lines.map((l) => ({ account: l.account, ...(l.aux ? { aux: l.aux } : {}), label: l.label, debit: l.debit, credit: l.credit }));
}

describe('doubtful.preview: the entries the wizard shows are the ones posted', () => {
  it('classify + provision previewed, nothing written, then posted identically', async () => {
    const { ctx } = await setup();
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', lines: [goods('10000')], validate: true });
    const before = await callOk(ctx, 'ledger.entries', {});
    const preview = await callOk(ctx, 'doubtful.preview', {
      classify: { invoiceIds: [inv.id], date: '2026-04-01', reason: 'doubtful' },
      provisions: [{ invoiceId: inv.id, date: '2026-04-01', riskPercent: '80', insuredPercent: '50' }],
    });
    expect(preview.provisions).toEqual([{ invoiceId: inv.id, target: '4000.00', previous: '0.00', delta: '4000.00', entryId: null }]);
    expect(preview.entries.map((e) => e.kind)).toEqual(['classify', 'provision']);
    // Nothing stayed: the same entries, the invoice still open, no estimate kept.
    expect((await callOk(ctx, 'ledger.entries', {})).total).toBe(before.total);
    expect((await callOk(ctx, 'invoice.get', { id: inv.id })).status).not.toBe('doubtful');
    expect((await callOk(ctx, 'doubtful.list', { asOf: '2026-12-31' })).rows).toEqual([]);

    const { entries } = await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-04-01', reason: 'doubtful' });
    const p = await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-04-01', riskPercent: '80', insuredPercent: '50' });
    expect(await posted(ctx, entries[0]?.entryId as number)).toEqual(preview.entries[0]?.lines);
    expect(await posted(ctx, p.entryId as number)).toEqual(preview.entries[1]?.lines);

    const list = await callOk(ctx, 'doubtful.list', { asOf: '2026-12-31' });
    expect(list.rows[0]).toMatchObject({ invoiceId: inv.id, outstanding: '12000.00', outstandingHt: '10000.00', provision: '4000.00', vatToRecover: '2000.00', reason: 'doubtful', lastEstimate: { riskPercent: '80', insuredPercent: '50' } });
  });

  it('previews a write-off with its provision reversal; refuses a risk above 100 % and an unproven VAT regularisation like the real call', async () => {
    const { ctx } = await setup();
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', lines: [goods('1000')], validate: true });
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-04-01', reason: 'doubtful' });
    await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-04-01', riskPercent: '50' });
    const w = await callOk(ctx, 'doubtful.preview', { writeOff: { invoiceId: inv.id, date: '2026-06-01', reason: 'liquidation', judgmentDate: '2026-05-15' } });
    expect(w.writeOff).toMatchObject({ loss: '1000.00', vatRegularised: '200.00', provisionReversed: '500.00', lossAccount: '6541', vatRecoveryDeadline: '2028-12-31', entries: [], vatByRate: [{ rate: '20', vat: '200.00' }] });
    expect(w.entries[0]?.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['6541', '1000.00', '0.00'], ['44571', '200.00', '0.00'], ['416', '0.00', '1200.00'], ['491', '500.00', '0.00'], ['78174', '0.00', '500.00'],
    ]);
    const bad = await callErr(ctx, 'doubtful.preview', { provisions: [{ invoiceId: inv.id, date: '2026-06-01', riskPercent: '100.5' }] });
    expect(bad.fieldErrors?.['provisions.0.riskPercent']).toMatch(/entre 0 et 100/);
    expect((await callErr(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-06-01', riskPercent: '80', insuredPercent: '100.01' })).fieldErrors).toHaveProperty('insuredPercent');
    const late = await callErr(ctx, 'doubtful.preview', { writeOff: { invoiceId: inv.id, date: '2026-06-01', reason: 'other' }, provisions: [] });
    expect(late.code).toBe('CONFLICT');
    expect((await callOk(ctx, 'report.provisions', { asOf: '2026-12-31' })).rows[0]).toMatchObject({ provision: '500.00' });
  });

  it('the state of provisions: opening, dotations, reprises, end, totals', async () => {
    const { ctx } = await setup();
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', lines: [goods('10000')], validate: true });
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-04-01', reason: 'doubtful' });
    await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-04-01', riskPercent: '80' });
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-06-01', amount: '7200', method: 'transfer' });
    await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-06-30', riskPercent: '100' });
    const r = await callOk(ctx, 'report.provisions', { asOf: '2026-12-31' });
    expect(r.yearStart).toBe('2026-01-01');
    expect(r.rows[0]).toMatchObject({ gross: '12000.00', net: '10000.00', outstanding: '4800.00', outstandingHt: '4000.00', opening: '0.00', dotations: '8000.00', reprises: '4000.00', provision: '4000.00' });
    expect(r.totals).toMatchObject({ dotations: '8000.00', reprises: '4000.00', provision: '4000.00' });
  });
});

describe('doubtful.apply: the wizard posts all or nothing', () => {
  it('classifies and provisions in one transaction; a refused provision leaves nothing written', async () => {
    const { ctx } = await setup();
    const a = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', lines: [goods('10000')], validate: true });
    const b = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-12', lines: [goods('2000')], validate: true });
    const before = (await callOk(ctx, 'ledger.entries', {})).total;
    // The second provision is dated before the classification: refused, and the classification with it.
    const refused = await callErr(ctx, 'doubtful.apply', {
      classify: { invoiceIds: [a.id, b.id], date: '2026-04-01', reason: 'doubtful' },
      provisions: [
        { invoiceId: a.id, date: '2026-04-01', riskPercent: '80', insuredPercent: '50' },
        { invoiceId: b.id, date: '2026-01-01', riskPercent: '25' },
      ],
    });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toMatch(/ne peut pas précéder le classement/);
    expect((await callOk(ctx, 'ledger.entries', {})).total).toBe(before);
    expect((await callOk(ctx, 'doubtful.list', { asOf: '2026-12-31' })).rows).toEqual([]);

    const done = await callOk(ctx, 'doubtful.apply', {
      classify: { invoiceIds: [a.id, b.id], date: '2026-04-01', reason: 'doubtful' },
      provisions: [
        { invoiceId: a.id, date: '2026-04-01', riskPercent: '80', insuredPercent: '50' },
        { invoiceId: b.id, date: '2026-04-01', riskPercent: '25' },
      ],
    });
    expect(done.classified.map((c) => c.amount)).toEqual(['12000.00', '2400.00']);
    expect(done.provisions.map((p) => [p.invoiceId, p.target, p.delta])).toEqual([[a.id, '4000.00', '4000.00'], [b.id, '500.00', '500.00']]);
    expect((await callOk(ctx, 'ledger.entries', {})).total).toBe(before + 4);
    expect((await callOk(ctx, 'ledger.verify', {})).ok).toBe(true);
  });
});
