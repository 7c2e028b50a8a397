import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { Dec } from '../../../src/shared/money';
import { callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';

/**
 * Issue 14, defect 1: the write-off of an invoice at two rates after a credit note on one of them. What is
 * left at each rate is what was invoiced there, less the credit notes there, less each payment's share (a
 * payment settles the rates in proportion to what was left at each when it came): the VAT regularised on
 * 44571, the loss on 654, the Article 272 duplicate, the provision base and the doubtful list all read it.
 * The figures below are worked by hand (test/main/doubtful/write-off-plan.test.ts gives them in words).
 */

const d = (v: string | number) => new Dec(v);
/** Half-up to the cent, as the canonical string the channels answer. */
const half = (v: Dec) => v.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);

const line = (description: string, unitPrice: string, vatRate: string, kind: 'goods' | 'services' = 'goods') => ({ description, quantity: '1', unitPrice, vatRate, kind });

async function setup(vatRegime: 'debits' | 'encaissements' = 'debits') {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, vatRegime });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  return tc;
}

async function entryLines(ctx: ServiceContext, entryId: number) {
  const { entry } = await callOk(ctx, 'ledger.entry', { id: entryId });
  return entry.lines.map((l) => [l.account, l.debit, l.credit]);
}

function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

/** "2828.57" → "2 828,57 €", as the PDF prints it once its spaces are plain. */
const printed = (v: string) => `${v.replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} €`;

describe('write-off after a credit note on one rate (issue 14)', () => {
  it('regularises the VAT left at each rate, not the invoice’s proportions: the preview, the posting, the list, the provision and the Article 272 duplicate agree (11,50 € claimed too much before)', async () => {
    const { ctx, dir } = await setup();
    // 2 500,00 HT at 20 % (VAT 500,00) and 1 000,00 HT at 10 % (VAT 100,00): 3 000,00 + 1 100,00 = 4 100,00 TTC.
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [line('Charpente en chêne', '2500', '20'), line('Bois de chauffage', '1000', '10')] });
    expect(inv.totals.gross).toBe('4100.00');
    // Credit note by lines on the 20 % part only: 500,00 HT + 100,00 VAT = 600,00.
    const cn = await callOk(ctx, 'creditNote.create', { invoiceId: inv.id, date: '2026-02-01', reason: 'Poutre refusée', kind: 'cancellation', lines: [line('Poutre refusée', '500', '20')], validate: true });
    expect(await entryLines(ctx, cn.entryId as number)).toContainEqual(['411', '0.00', '600.00']);
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-03-01', amount: '200', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '200' }] });

    // By hand. Left after the credit note: 20 % 3 000 − 600 = 2 400 (VAT 400), 10 % 1 100 (VAT 100); 3 500.
    // The payment of 200 takes 200 × 2 400 / 3 500 = 137,14 at 20 % and 62,86 at 10 %.
    const share20 = d(half(d(200).times(2400).div(3500)));
    const left20 = d(2400).minus(share20);
    const left10 = d(1100).minus(d(200).minus(share20));
    const vat20 = half(left20.times(400).div(2400));
    const vat10 = half(left10.times(100).div(1100));
    const outstanding = left20.plus(left10);
    const vat = d(vat20).plus(vat10);
    const ht = half(outstanding.minus(vat));
    expect([share20.toFixed(2), left20.toFixed(2), vat20, left10.toFixed(2), vat10, outstanding.toFixed(2), vat.toFixed(2), ht]).toEqual(['137.14', '2262.86', '377.14', '1037.14', '94.29', '3300.00', '471.43', '2828.57']);
    // What the invoice's proportions said (the defect): 3 300 × 500 / 4 100 + 3 300 × 100 / 4 100 = 402,44 + 80,49.
    const old = d(half(d(3300).times(500).div(4100))).plus(half(d(3300).times(100).div(4100)));
    expect(old.minus(vat).toFixed(2)).toBe('11.50');

    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-04-01', reason: 'doubtful' });
    // The provision base is the HT left: 2 828,57 × 50 % = 1 414,285 → 1 414,29.
    const p = await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-04-01', riskPercent: '50' });
    expect(p.target).toBe(half(d(ht).times('0.5')));
    const listed = (await callOk(ctx, 'doubtful.list', { asOf: '2026-04-30' })).rows[0];
    expect(listed).toMatchObject({ outstanding: '3300.00', outstandingHt: ht, vatToRecover: vat.toFixed(2) });

    // Before the write-off, the duplicate already says what a write-off would regularise.
    const out = join(dir, 'docs');
    mkdirSync(out);
    expect(await callOk(ctx, 'doubtful.duplicate272', { invoiceId: inv.id, output: out })).toMatchObject({ net: ht, vat: vat.toFixed(2) });

    const request = { invoiceId: inv.id, date: '2026-09-01', reason: 'liquidation', judgmentDate: '2026-08-15' } as const;
    const preview = await callOk(ctx, 'doubtful.preview', { writeOff: request });
    expect(preview.writeOff).toMatchObject({ loss: ht, vatRegularised: vat.toFixed(2), vatPending: '0.00', provisionReversed: p.target, vatByRate: [{ rate: '20', vat: vat20 }, { rate: '10', vat: vat10 }] });
    const expectedLines = [['6541', ht, '0.00'], ['44571', vat.toFixed(2), '0.00'], ['416', '0.00', '3300.00'], ['491', p.target, '0.00'], ['78174', '0.00', p.target]];
    expect(preview.entries[0]?.lines.map((l) => [l.account, l.debit, l.credit])).toEqual(expectedLines);

    const w = await callOk(ctx, 'doubtful.writeOff', request);
    expect(w).toMatchObject({ loss: ht, vatRegularised: vat.toFixed(2) });
    expect(await entryLines(ctx, w.entries[0] as number)).toEqual(expectedLines);

    const dup = await callOk(ctx, 'doubtful.duplicate272', { invoiceId: inv.id, output: out });
    expect(dup).toMatchObject({ net: ht, vat: vat.toFixed(2) });
    expect(pdfText(dup.path)).toContain(`Facture demeurée impayée pour la somme de ${printed(ht)} (prix net) et pour la somme de ${printed(vat.toFixed(2))} (TVA correspondante)`);
    const summary = await callOk(ctx, 'doubtful.summary272', { customerId: 1, output: out });
    expect(summary).toMatchObject({ invoices: 1, net: ht, vat: vat.toFixed(2) });
  });

  it('after a credit note on the 10 % part, regularises more than the invoice’s proportions said (9,55 € claimed too little before)', async () => {
    const { ctx } = await setup();
    // 2 500,00 HT at 20 % (500,00) and 1 500,00 HT at 10 % (150,00): 3 000,00 + 1 650,00 = 4 650,00.
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [line('Charpente en chêne', '2500', '20'), line('Bois de chauffage', '1500', '10')] });
    // Credit note 200,00 HT + 20,00 at 10 %: left 3 000,00 (500,00) at 20 %, 1 430,00 (130,00) at 10 %, 4 430,00.
    await callOk(ctx, 'creditNote.create', { invoiceId: inv.id, date: '2026-02-01', reason: 'Stère manquant', kind: 'rebate', lines: [line('Stère manquant', '200', '10')], validate: true });
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-03-01', amount: '500', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '500' }] });
    const share20 = d(half(d(500).times(3000).div(4430))); // 338,60
    const vat20 = half(d(3000).minus(share20).times(500).div(3000)); // 2 661,40 × 500 / 3 000 = 443,57
    const vat10 = half(d(1430).minus(d(500).minus(share20)).times(130).div(1430)); // 1 268,60 × 130 / 1 430 = 115,33
    const vat = d(vat20).plus(vat10);
    expect([share20.toFixed(2), vat20, vat10, vat.toFixed(2)]).toEqual(['338.60', '443.57', '115.33', '558.90']);
    const old = d(half(d(3930).times(500).div(4650))).plus(half(d(3930).times(150).div(4650))); // 422,58 + 126,77
    expect(vat.minus(old).toFixed(2)).toBe('9.55');

    const w = await callOk(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2026-09-01', reason: 'certificate' });
    expect(w).toMatchObject({ loss: d(3930).minus(vat).toFixed(2), vatRegularised: '558.90', vatByRate: [{ rate: '20', vat: vat20 }, { rate: '10', vat: vat10 }] });
  });

  it('under VAT on receipts clears 44574 to the cent and recovers only the goods’ VAT left, after a payment then a credit note on the services', async () => {
    const { ctx, dir } = await setup('encaissements');
    // Services 2 000,00 HT at 20 % (VAT 400,00, on receipts) and goods 1 000,00 HT at 10 % (VAT 100,00): 3 500,00.
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [line('Étude de structure', '2000', '20', 'services'), line('Bois de chauffage', '1000', '10')] });
    // 700,00 received: 700 × 400 / 3 500 = 80,00 moves from 44574 to 44571 (320,00 pending). It settles
    // 700 × 2 400 / 3 500 = 480,00 at 20 % and 220,00 at 10 %: left 1 920,00 (VAT 320,00) and 880,00 (VAT 80,00).
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-02-01', amount: '700', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '700' }] });
    expect(await entryLines(ctx, pay.entryId)).toContainEqual(['44574', '80.00', '0.00']);
    // Then a credit note on the services, 500,00 HT + 100,00 of VAT still pending: D 44574 100,00 (220,00 left).
    await callOk(ctx, 'creditNote.create', { invoiceId: inv.id, date: '2026-03-01', reason: 'Étude réduite', kind: 'rebate', lines: [line('Étude réduite', '500', '20', 'services')], validate: true });
    // Left: 20 % 1 920 − 600 = 1 320,00 with 220,00 of VAT, all pending; 10 % 880,00 with 80,00 collected.
    const pending = d(400).minus(80).minus(100);
    const collected10 = half(d(880).times(100).div(1100));
    const ht = d(1320).plus(880).minus(pending).minus(collected10);
    expect([pending.toFixed(2), collected10, ht.toFixed(2)]).toEqual(['220.00', '80.00', '1900.00']);
    // The invoice's proportions gave 10 %: 2 200 × 100 / 3 500 = 62,86 (17,14 too little).

    expect((await callOk(ctx, 'doubtful.preview', { writeOff: { invoiceId: inv.id, date: '2026-09-01', reason: 'certificate' } })).writeOff).toMatchObject({ vatRegularised: '80.00', vatPending: '220.00', loss: '1900.00', vatByRate: [{ rate: '10', vat: '80.00' }] });
    const w = await callOk(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2026-09-01', reason: 'certificate' });
    expect(await entryLines(ctx, w.entries[0] as number)).toEqual([['6541', '1900.00', '0.00'], ['44571', '80.00', '0.00'], ['44574', '220.00', '0.00'], ['411', '0.00', '2200.00']]);
    const tb = await callOk(ctx, 'report.trialBalance', {});
    expect(tb.rows.find((r) => r.account === '44574')?.balance ?? '0.00').toBe('0.00');
    const out = join(dir, 'docs');
    mkdirSync(out);
    expect(await callOk(ctx, 'doubtful.duplicate272', { invoiceId: inv.id, output: out })).toMatchObject({ net: '1900.00', vat: '80.00' });
  });
});
