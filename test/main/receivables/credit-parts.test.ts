import { describe, expect, it } from 'vitest';
import { creditParts, type CreditedInvoice, type CreditPartsRequest } from '../../../src/main/core/receivables/credit-parts';
import { pendingTaken } from '../../../src/main/core/receivables/credit-notes';

const accounts = { salesGoods: '707', salesServices: '706', rebatesGoods: '7097', rebatesServices: '7096', escompteGranted: '665' };

/**
 * 1 000,00 goods and 500,00 services at 20 % (300,00 VAT), 100,00 goods at 5,5 % (5,50 VAT): 1 905,50 TTC.
 * Under VAT on receipts the 100,00 VAT of the services waits on 44574.
 */
function invoice(o: { outstanding?: bigint; onReceipts?: boolean; accounts?: [string | null, string | null] } = {}): CreditedInvoice {
  const pending = o.onReceipts ? 10000n : 0n;
  const [first, second] = o.accounts ?? [null, null];
  return {
    gross: 190550n, outstanding: o.outstanding ?? 190550n, vatRegime: o.onReceipts ? 'encaissements' : 'debits',
    lines: [
      { kind: 'goods', rate: '20', net: 60000n, account: first },
      { kind: 'goods', rate: '20', net: 40000n, account: second },
      { kind: 'services', rate: '20', net: 50000n, account: null },
      { kind: 'goods', rate: '5.5', net: 10000n, account: null },
    ],
    vat: [{ rate: '20', base: 150000n, vat: 30000n, pending }, { rate: '5.5', base: 10000n, vat: 550n, pending: 0n }],
  };
}

/** The parts as [rate, nature, account, base, VAT, pending, description]. */
const parts = (inv: CreditedInvoice, req: CreditPartsRequest) => creditParts(inv, req, accounts).map((p) => [p.rate, p.kind, p.account, p.base, p.vat, p.pending, p.description]);

describe('creditParts: the whole outstanding in the invoice’s own proportions', () => {
  it.each([
    {
      why: 'all of it: each group as issued, the rate’s VAT split between goods and services (100,00 on 500,00 services, the rest on goods)',
      inv: invoice(), kind: 'cancellation' as const,
      expected: [['20', 'goods', '707', 100000n, 20000n, 0n], ['20', 'services', '706', 50000n, 10000n, 0n], ['5.5', 'goods', '707', 10000n, 550n, 0n]],
    },
    {
      why: '1 000,00 of 1 905,50 left: each amount × 1 000 / 1 905,50, the last part absorbing the cent of rounding (52,48 → 52,47)',
      inv: invoice({ outstanding: 100000n }), kind: 'cancellation' as const,
      expected: [['20', 'goods', '707', 52480n, 10496n, 0n], ['20', 'services', '706', 26240n, 5248n, 0n], ['5.5', 'goods', '707', 5247n, 289n, 0n]],
    },
    {
      why: 'under VAT on receipts the services carry their pending VAT, in the same proportion',
      inv: invoice({ outstanding: 100000n, onReceipts: true }), kind: 'cancellation' as const,
      expected: [['20', 'goods', '707', 52480n, 10496n, 0n], ['20', 'services', '706', 26240n, 5248n, 5248n], ['5.5', 'goods', '707', 5247n, 289n, 0n]],
    },
    {
      why: 'a cancellation goes back to the one revenue account the group’s lines used',
      inv: invoice({ accounts: ['7071', '7071'] }), kind: 'cancellation' as const,
      expected: [['20', 'goods', '7071', 100000n, 20000n, 0n], ['20', 'services', '706', 50000n, 10000n, 0n], ['5.5', 'goods', '707', 10000n, 550n, 0n]],
    },
    {
      why: 'lines on two accounts: the default revenue account',
      inv: invoice({ accounts: ['7071', '7072'] }), kind: 'cancellation' as const,
      expected: [['20', 'goods', '707', 100000n, 20000n, 0n], ['20', 'services', '706', 50000n, 10000n, 0n], ['5.5', 'goods', '707', 10000n, 550n, 0n]],
    },
    {
      why: 'a rebate goes to 7097 / 7096 whatever the lines’ accounts',
      inv: invoice({ accounts: ['7071', '7071'] }), kind: 'rebate' as const,
      expected: [['20', 'goods', '7097', 100000n, 20000n, 0n], ['20', 'services', '7096', 50000n, 10000n, 0n], ['5.5', 'goods', '7097', 10000n, 550n, 0n]],
    },
  ])('$why', ({ inv, kind, expected }) => {
    expect(parts(inv, { kind })).toEqual(expected.map((p) => [...p, 'Reste dû de la facture']));
  });
});

describe('creditParts by lines and for an escompte', () => {
  const lines = [
    { description: 'Retour', quantity: '2', unitPrice: '100', vatRate: '20', kind: 'goods' as const },
    { description: 'Remise prestation', quantity: '1', unitPrice: '50', vatRate: '20', kind: 'services' as const },
  ];
  it.each([
    {
      why: 'lines: computed like an invoice, 250,00 at 20 % → 50,00 VAT, the services’ 10,00 first, goods the rest',
      inv: invoice(), req: { kind: 'cancellation' as const, lines },
      expected: [['20', 'goods', '707', 20000n, 4000n, 0n, 'Retour'], ['20', 'services', '706', 5000n, 1000n, 0n, 'Remise prestation']],
    },
    {
      why: 'lines under VAT on receipts: the services’ VAT comes off 44574',
      inv: invoice({ onReceipts: true }), req: { kind: 'rebate' as const, lines },
      expected: [['20', 'goods', '7097', 20000n, 4000n, 0n, 'Retour'], ['20', 'services', '7096', 5000n, 1000n, 1000n, 'Remise prestation']],
    },
    {
      why: 'no lines given: the whole outstanding',
      inv: invoice(), req: { kind: 'cancellation' as const, lines: [] },
      expected: [['20', 'goods', '707', 100000n, 20000n, 0n, 'Reste dû de la facture'], ['20', 'services', '706', 50000n, 10000n, 0n, 'Reste dû de la facture'], ['5.5', 'goods', '707', 10000n, 550n, 0n, 'Reste dû de la facture']],
    },
    {
      why: 'escompte 2 %: 30,00 + 6,00 at 20 %, 2,00 + 0,11 at 5,5 %, on 665',
      inv: invoice(), req: { kind: 'escompte' as const, escomptePercent: '2' },
      expected: [['20', 'goods', '665', 3000n, 600n, 0n, 'Escompte 2 %'], ['5.5', 'goods', '665', 200n, 11n, 0n, 'Escompte 2 %']],
    },
    {
      why: 'escompte under VAT on receipts: the pending share of the rate’s VAT (6,00 × 100 / 300 = 2,00)',
      inv: invoice({ onReceipts: true }), req: { kind: 'escompte' as const, escomptePercent: '2' },
      expected: [['20', 'goods', '665', 3000n, 600n, 200n, 'Escompte 2 %'], ['5.5', 'goods', '665', 200n, 11n, 0n, 'Escompte 2 %']],
    },
  ])('$why', ({ inv, req, expected }) => {
    expect(parts(inv, req)).toEqual(expected);
  });
});

describe('pendingTaken: what a credit note takes back from 44574', () => {
  const goods = { kind: 'goods', vat_cents: 20n, pending_cents: 0n };
  it('takes each part’s own pending VAT, never more than the invoice still holds', () => {
    expect(pendingTaken([{ kind: 'services', vat_cents: 30n, pending_cents: 30n }, goods], 25n, false)).toEqual([25n, 0n]);
  });
  it('when the credit note settles the invoice, takes whatever is still pending, services first, whatever nature its lines say', () => {
    // 1,00 HT (0,99 services + 0,01 goods) at 20 %: 0,20 VAT waiting on 44574; a rebate typed as goods settles it.
    expect(pendingTaken([goods], 20n, true)).toEqual([20n]);
    expect(pendingTaken([goods, { kind: 'services', vat_cents: 10n, pending_cents: 0n }], 25n, true)).toEqual([15n, 10n]);
    // Never more than the credit note's VAT.
    expect(pendingTaken([{ kind: 'goods', vat_cents: 5n, pending_cents: 0n }], 20n, true)).toEqual([5n]);
  });
});
