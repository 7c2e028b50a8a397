import { describe, expect, it } from 'vitest';
import { AppError, type AppErrorCode } from '../../../src/shared/errors';
import { planPayment, vatReceiptShare, type AllocationTarget, type PaymentInvoice, type PaymentPlanInput, type WrittenOffInvoice } from '../../../src/main/core/receivables/payment-plan';
import { expectFrench } from '../../helpers/french';

/** An invoice of 1 000,00 HT + 200,00 VAT, dated 1 March, due 31 March, nothing paid: amounts in cents. */
const inv = (id: number, o: Partial<PaymentInvoice> = {}): PaymentInvoice => ({
  id, number: `F2026-0000${id}`, date: '2026-03-01', dueDate: '2026-03-31', gross: 120000n, outstanding: 120000n, vatOnReceipts: 0n, pendingVat: 0n, ...o,
});
/** 2 % escompte on 1 200,00 TTC: 1 176,00 until 10 April. */
const escompte = { deadline: '2026-04-10', amountDue: 117600n };
const writtenOff = (o: Partial<WrittenOffInvoice> = {}): WrittenOffInvoice => ({ invoiceId: 9, number: 'F2025-00009', amount: 120000n, vat: 20000n, recovered: 0n, ...o });

const open = (invoice: PaymentInvoice): AllocationTarget<PaymentInvoice> => ({ kind: 'open', invoice });
const recovering = (writeOff: WrittenOffInvoice): AllocationTarget<PaymentInvoice> => ({ kind: 'written_off', writeOff });

/** The plan as [invoice id, amount, escompte, VAT share] rows, recoveries as [invoice id, amount, VAT], and the advance. */
function plan(input: PaymentPlanInput<PaymentInvoice>) {
  const p = planPayment(input);
  return {
    allocations: p.allocations.map((a) => [a.invoice.id, a.amount, a.escompte, a.vatShare]),
    recoveries: p.recoveries.map((r) => [r.invoiceId, r.amount, r.vat]),
    advance: p.advance,
  };
}

function refusal(input: PaymentPlanInput<PaymentInvoice>): AppError {
  try {
    planPayment(input);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  return expect.fail('the plan should have been refused');
}

const none = new Set<number>();

describe('planPayment without allocations: escompte first, then oldest due first', () => {
  it.each([
    {
      why: 'one invoice settled to the cent',
      open: [inv(1)], amount: 120000n, escompte: none,
      allocations: [[1, 120000n, false, 0n]], advance: 0n,
    },
    {
      why: 'oldest due first, the last one partly (120 + 240 + 140 of 500)',
      open: [inv(3, { dueDate: '2026-04-02', gross: 36000n, outstanding: 36000n }), inv(1, { gross: 12000n, outstanding: 12000n }), inv(2, { dueDate: '2026-04-01', gross: 24000n, outstanding: 24000n })],
      amount: 50000n, escompte: none,
      allocations: [[1, 12000n, false, 0n], [2, 24000n, false, 0n], [3, 14000n, false, 0n]], advance: 0n,
    },
    {
      why: 'same due date: by number',
      open: [inv(3, { dueDate: '2026-03-15' }), inv(1, { dueDate: '2026-04-01' }), inv(2, { dueDate: '2026-03-15' })],
      amount: 300000n, escompte: none,
      allocations: [[2, 120000n, false, 0n], [3, 120000n, false, 0n], [1, 60000n, false, 0n]], advance: 0n,
    },
    {
      why: 'what no invoice takes is an advance (200 on 120)',
      open: [inv(1, { gross: 12000n, outstanding: 12000n })], amount: 20000n, escompte: none,
      allocations: [[1, 12000n, false, 0n]], advance: 8000n,
    },
    {
      why: 'an invoice dated after the payment is left alone, even if due first',
      open: [inv(1, { date: '2026-04-20', dueDate: '2026-03-20' }), inv(2)], amount: 150000n, escompte: none,
      allocations: [[2, 120000n, false, 0n]], advance: 30000n,
    },
    {
      why: 'a partly paid invoice takes its outstanding only',
      open: [inv(1, { outstanding: 45000n }), inv(2, { dueDate: '2026-04-30' })], amount: 50000n, escompte: none,
      allocations: [[1, 45000n, false, 0n], [2, 5000n, false, 0n]], advance: 0n,
    },
    {
      why: 'the escompted invoice first at 1 176,00, though an older one is open; the older gets the rest',
      open: [inv(1, { gross: 12000n, outstanding: 12000n }), inv(2, { dueDate: '2026-04-30', escompte })], amount: 125000n, escompte: new Set([2]),
      allocations: [[2, 117600n, true, 0n], [1, 7400n, false, 0n]], advance: 0n,
    },
    {
      why: 'exactly the discounted amount: nothing for the others',
      open: [inv(1), inv(2, { dueDate: '2026-04-30', escompte })], amount: 117600n, escompte: new Set([2]),
      allocations: [[2, 117600n, true, 0n]], advance: 0n,
    },
  ])('$why', ({ open: invoices, amount, escompte: named, allocations, advance }) => {
    expect(plan({ date: '2026-04-05', amount, escompte: named, openInvoices: invoices })).toEqual({ allocations, recoveries: [], advance });
  });
});

describe('planPayment with explicit allocations', () => {
  it.each([
    {
      why: 'follows the allocations in the order given; the rest is an advance',
      allocations: [{ invoiceId: 2, amount: 30000n, target: open(inv(2)) }, { invoiceId: 1, amount: 120000n, target: open(inv(1)) }],
      amount: 160000n, escompte: none,
      expected: { allocations: [[2, 30000n, false, 0n], [1, 120000n, false, 0n]], recoveries: [], advance: 10000n },
    },
    {
      why: 'an escompte at its discounted amount',
      allocations: [{ invoiceId: 1, amount: 117600n, target: open(inv(1, { escompte })) }],
      amount: 117600n, escompte: new Set([1]),
      expected: { allocations: [[1, 117600n, true, 0n]], recoveries: [], advance: 0n },
    },
    {
      why: 'money on a written-off invoice is a recovery, its VAT part in the write-off’s proportion (600 of 1 200 with 200 VAT → 100)',
      allocations: [{ invoiceId: 9, amount: 60000n, target: recovering(writtenOff()) }],
      amount: 60000n, escompte: none,
      expected: { allocations: [], recoveries: [[9, 60000n, 10000n]], advance: 0n },
    },
    {
      why: 'a recovery up to what is left of the write-off (1 000 already recovered: 200 left)',
      allocations: [{ invoiceId: 9, amount: 20000n, target: recovering(writtenOff({ recovered: 100000n })) }],
      amount: 25000n, escompte: none,
      expected: { allocations: [], recoveries: [[9, 20000n, 3333n]], advance: 5000n },
    },
  ])('$why', ({ allocations, amount, escompte: named, expected }) => {
    expect(plan({ date: '2026-04-05', amount, escompte: named, allocations })).toEqual(expected);
  });
});

describe('the VAT on receipts each allocation releases (44574 → 44571)', () => {
  it.each([
    { why: 'half the invoice: half its VAT on receipts', invoice: { outstanding: 120000n, vatOnReceipts: 20000n, pendingVat: 20000n }, amount: 60000n, share: 10000n },
    { why: 'the settling receipt takes all that is left, rounding included', invoice: { outstanding: 60000n, vatOnReceipts: 20000n, pendingVat: 10001n }, amount: 60000n, share: 10001n },
    { why: 'never more than is still pending (a credit note took some)', invoice: { outstanding: 100000n, vatOnReceipts: 20000n, pendingVat: 5000n }, amount: 60000n, share: 5000n },
    { why: 'rounded half-up: 0,50 × 0,17 / 1,00 = 0,085 → 0,09', invoice: { gross: 100n, outstanding: 100n, vatOnReceipts: 17n, pendingVat: 17n }, amount: 50n, share: 9n },
    { why: 'nothing pending, nothing moved', invoice: { outstanding: 120000n }, amount: 120000n, share: 0n },
  ])('$why', ({ invoice, amount, share }) => {
    const i = inv(1, invoice);
    expect(vatReceiptShare(i, amount)).toBe(share);
    expect(plan({ date: '2026-04-05', amount, escompte: none, openInvoices: [i] }).allocations).toEqual([[1, amount, false, share]]);
  });

  it('releases nothing on an escompte: its credit note and the closing OD move the VAT', () => {
    const i = inv(1, { vatOnReceipts: 20000n, pendingVat: 20000n, escompte });
    expect(plan({ date: '2026-04-05', amount: 117600n, escompte: new Set([1]), openInvoices: [i] }).allocations).toEqual([[1, 117600n, true, 0n]]);
  });
});

describe('the écart de règlement the owner settles with the receipt (threshold 1,00)', () => {
  const settle = { threshold: 100n };
  /** [invoice id, amount, VAT share, difference, its VAT part] per allocation, the advance and the surplus. */
  function differences(input: PaymentPlanInput<PaymentInvoice>) {
    const p = planPayment(input);
    return { allocations: p.allocations.map((a) => [a.invoice.id, a.amount, a.vatShare, a.difference, a.differenceVat]), advance: p.advance, surplus: p.surplus };
  }
  it.each([
    {
      why: '119,70 on 120,00: the 0,30 short is settled, the invoice paid',
      input: { date: '2026-04-05', amount: 11970n, escompte: none, openInvoices: [inv(1, { gross: 12000n, outstanding: 12000n })], settleDifference: settle },
      expected: { allocations: [[1, 11970n, 0n, 30n, 0n]], advance: 0n, surplus: 0n },
    },
    {
      why: 'VAT on receipts: 19,95 moves with the 119,70 received, the 0,05 left on the 0,30 short is not due',
      input: { date: '2026-04-05', amount: 11970n, escompte: none, openInvoices: [inv(1, { gross: 12000n, outstanding: 12000n, vatOnReceipts: 2000n, pendingVat: 2000n })], settleDifference: settle },
      expected: { allocations: [[1, 11970n, 1995n, 30n, 5n]], advance: 0n, surplus: 0n },
    },
    {
      why: 'a rounding cent pending beyond the shortfall moves with the receipt (0,99 of 1,00 with 0,50 pending: 0,17 + 0,32, then 0,01)',
      input: { date: '2026-04-05', amount: 99n, escompte: none, openInvoices: [inv(1, { gross: 12000n, outstanding: 100n, vatOnReceipts: 2000n, pendingVat: 50n })], settleDifference: settle },
      expected: { allocations: [[1, 99n, 49n, 1n, 1n]], advance: 0n, surplus: 0n },
    },
    {
      why: '120,30 on 120,00: the 0,30 over is a surplus (758), no advance',
      input: { date: '2026-04-05', amount: 12030n, escompte: none, openInvoices: [inv(1, { gross: 12000n, outstanding: 12000n })], settleDifference: settle },
      expected: { allocations: [[1, 12000n, 0n, 0n, 0n]], advance: 0n, surplus: 30n },
    },
    {
      why: 'two invoices short by 0,40 each, 0,80 in all: both settled',
      input: {
        date: '2026-04-05', amount: 239920n, escompte: none, settleDifference: settle,
        allocations: [{ invoiceId: 1, amount: 119960n, target: open(inv(1)) }, { invoiceId: 2, amount: 119960n, target: open(inv(2)) }],
      },
      expected: { allocations: [[1, 119960n, 0n, 40n, 0n], [2, 119960n, 0n, 40n, 0n]], advance: 0n, surplus: 0n },
    },
    {
      why: 'spread oldest first, only the last invoice reached is short; one not reached owes in full and is left alone',
      input: { date: '2026-04-05', amount: 131970n, escompte: none, openInvoices: [inv(1, { gross: 12000n, outstanding: 12000n }), inv(2, { dueDate: '2026-04-30' }), inv(3, { dueDate: '2026-05-31' })], settleDifference: settle },
      expected: { allocations: [[1, 12000n, 0n, 0n, 0n], [2, 119970n, 0n, 30n, 0n]], advance: 0n, surplus: 0n },
    },
  ])('$why', ({ input, expected }) => {
    expect(differences(input)).toEqual(expected);
  });
});

describe('planPayment refusals, in French, the first fault first', () => {
  const conflict = new AppError('CONFLICT', 'La facture F2026-00002 est celle d’un autre client.');
  it.each<{ why: string; input: PaymentPlanInput<PaymentInvoice>; code: AppErrorCode; field?: string; message: RegExp }>([
    { why: 'nothing received', input: { date: '2026-04-05', amount: 0n, escompte: none, openInvoices: [inv(1)] }, code: 'VALIDATION', field: 'amount', message: /supérieur à zéro/ },
    {
      why: 'an invoice twice',
      input: { date: '2026-04-05', amount: 20000n, escompte: none, allocations: [{ invoiceId: 1, amount: 10000n, target: open(inv(1)) }, { invoiceId: 1, amount: 10000n, target: open(inv(1)) }] },
      code: 'VALIDATION', field: 'allocations.1.invoiceId', message: /qu’une fois/,
    },
    {
      why: 'more than the outstanding',
      input: { date: '2026-04-05', amount: 130000n, escompte: none, allocations: [{ invoiceId: 1, amount: 130000n, target: open(inv(1)) }] },
      code: 'VALIDATION', field: 'allocations.0.amount', message: /1\u202f300,00.*dépasse.*1\u202f200,00/,
    },
    {
      why: 'a fault in an earlier allocation comes before a later look-up refused',
      input: { date: '2026-04-05', amount: 130000n, escompte: none, allocations: [{ invoiceId: 1, amount: 130000n, target: open(inv(1)) }, { invoiceId: 2, amount: 1n, target: { kind: 'refused', error: conflict } }] },
      code: 'VALIDATION', field: 'allocations.0.amount', message: /dépasse/,
    },
    {
      why: 'a look-up refused, thrown in its turn',
      input: { date: '2026-04-05', amount: 130000n, escompte: none, allocations: [{ invoiceId: 2, amount: 1n, target: { kind: 'refused', error: conflict } }, { invoiceId: 1, amount: 130000n, target: open(inv(1)) }] },
      code: 'CONFLICT', message: /autre client/,
    },
    {
      why: 'a payment dated before its invoice',
      input: { date: '2026-02-15', amount: 10000n, escompte: none, allocations: [{ invoiceId: 1, amount: 10000n, target: open(inv(1)) }] },
      code: 'VALIDATION', field: 'date', message: /précède.*01\/03\/2026/,
    },
    {
      why: 'the escompte at another amount',
      input: { date: '2026-04-05', amount: 120000n, escompte: new Set([1]), allocations: [{ invoiceId: 1, amount: 120000n, target: open(inv(1, { escompte })) }] },
      code: 'VALIDATION', field: 'allocations.0.amount', message: /se règle 1\u202f176,00/,
    },
    {
      why: 'an escompte the invoice does not offer',
      input: { date: '2026-04-05', amount: 117600n, escompte: new Set([1]), openInvoices: [inv(1, { escompte: null })] },
      code: 'CONFLICT', message: /ne prévoit pas d’escompte/,
    },
    {
      why: 'an escompte past its deadline',
      input: { date: '2026-04-11', amount: 117600n, escompte: new Set([1]), openInvoices: [inv(1, { escompte })] },
      code: 'CONFLICT', message: /a expiré le 10\/04\/2026/,
    },
    {
      why: 'an escompte on an invoice partly settled',
      input: { date: '2026-04-05', amount: 117600n, escompte: new Set([1]), openInvoices: [inv(1, { outstanding: 100000n, escompte })] },
      code: 'CONFLICT', message: /entière/,
    },
    {
      why: 'too little for the escompted invoice',
      input: { date: '2026-04-05', amount: 100000n, escompte: new Set([1]), openInvoices: [inv(1, { escompte })] },
      code: 'VALIDATION', field: 'amount', message: /ne couvre pas la facture F2026-00001 escomptée/,
    },
    {
      why: 'an escompte named on an invoice this payment does not settle',
      input: { date: '2026-04-05', amount: 117600n, escompte: new Set([1]), openInvoices: [inv(1, { date: '2026-04-06', escompte })] },
      code: 'VALIDATION', field: 'escompte', message: /suppose qu’elle soit réglée/,
    },
    {
      why: 'allocations above the amount received',
      input: { date: '2026-04-05', amount: 100000n, escompte: none, allocations: [{ invoiceId: 1, amount: 120000n, target: open(inv(1)) }] },
      code: 'VALIDATION', field: 'allocations', message: /1\u202f200,00.*dépasse le montant reçu.*1\u202f000,00/,
    },
    {
      why: 'a recovery above what is left of the write-off',
      input: { date: '2026-04-05', amount: 30000n, escompte: none, allocations: [{ invoiceId: 9, amount: 30000n, target: recovering(writtenOff({ recovered: 100000n })) }] },
      code: 'VALIDATION', field: 'allocations.0.amount', message: /ne reste que 200,00/,
    },
    {
      why: 'an écart de règlement above the threshold (2,00 for 1,00)',
      input: { date: '2026-04-05', amount: 119800n, escompte: none, openInvoices: [inv(1)], settleDifference: { threshold: 100n } },
      code: 'VALIDATION', field: 'settleDifference', message: /L’écart de règlement \(2,00\s€\) dépasse votre seuil/,
    },
    {
      why: 'the shortfalls of several invoices added up beyond the threshold (0,60 + 0,60 for 1,00)',
      input: { date: '2026-04-05', amount: 239880n, escompte: none, allocations: [{ invoiceId: 1, amount: 119940n, target: open(inv(1)) }, { invoiceId: 2, amount: 119940n, target: open(inv(2)) }], settleDifference: { threshold: 100n } },
      code: 'VALIDATION', field: 'settleDifference', message: /\(1,20\s€\) dépasse/,
    },
    {
      why: 'an excess above the threshold stays an advance',
      input: { date: '2026-04-05', amount: 120200n, escompte: none, openInvoices: [inv(1)], settleDifference: { threshold: 100n } },
      code: 'VALIDATION', field: 'settleDifference', message: /L’excédent de 2,00\s€ dépasse .* il reste en avance/,
    },
    {
      why: 'a shortfall and an excess at once (0,30 left unallocated while the invoice lacks it)',
      input: { date: '2026-04-05', amount: 120000n, escompte: none, allocations: [{ invoiceId: 1, amount: 119700n, target: open(inv(1)) }], settleDifference: { threshold: 100n } },
      code: 'VALIDATION', field: 'settleDifference', message: /à la fois un reste dû sur la facture F2026-00001 et 3,00\s€ non imputés/,
    },
    {
      why: 'no écart to settle',
      input: { date: '2026-04-05', amount: 120000n, escompte: none, openInvoices: [inv(1)], settleDifference: { threshold: 100n } },
      code: 'VALIDATION', field: 'settleDifference', message: /aucun écart/,
    },
  ])('$why', ({ input, code, field, message }) => {
    const err = refusal(input);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expectFrench(err.message);
    if (field) expect(Object.keys(err.fieldErrors ?? {})).toEqual([field]);
  });
});
