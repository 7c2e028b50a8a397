import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { toCents } from '../../../src/shared/money';
import { shareOut } from '../../../src/shared/invoice-math';
import { planWriteOff, ratesLeft, splitOutstanding, type InvoiceEvent, type OutstandingInvoice, type RateAmounts, type WriteOffTerms } from '../../../src/main/core/doubtful/write-off-plan';
import { expectFrench } from '../../helpers/french';

/** Euros as integer cents: '377.14' → 37714n. */
const e = (amount: string) => toCents(amount);
/** A rate: base and VAT in euros, and the part of that VAT on receipts. */
const rate = (r: string, base: string, vat: string, pending = '0'): RateAmounts => ({ rate: r, base: e(base), vat: e(vat), pending: e(pending) });
const credit = (...parts: RateAmounts[]): InvoiceEvent => ({ kind: 'credit', parts });
const receipt = (amount: string): InvoiceEvent => ({ kind: 'receipt', amount: e(amount) });
const invoice = (outstanding: string, rates: RateAmounts[], history: InvoiceEvent[] = [], pendingVat = '0'): OutstandingInvoice => ({ outstanding: e(outstanding), pendingVat: e(pendingVat), rates, history });

/** 1 000,00 HT of goods at 20 %: 1 200,00 TTC. */
const seed = invoice('1200', [rate('20', '1000', '200')]);
/** 1 000,00 at 20 % and 100,00 at 5,5 %: 1 305,50 TTC. */
const twoRates = [rate('20', '1000', '200'), rate('5.5', '100', '5.50')];

describe('shareOut: an amount shared in proportion, rounded on the running total', () => {
  it.each([
    // 805,50 × 1 200 / 1 305,50 = 740,406… → 740,41; the last share is 805,50 − 740,41.
    { why: 'two weights', amount: '805.50', weights: ['1200', '105.50'], shares: ['740.41', '65.09'] },
    // 1/3 each: 33,333… → 33,33; 66,666… → 66,67 − 33,33 = 33,34; 100 − 66,67 = 33,33.
    { why: 'thirds: the shares add up to the amount', amount: '100', weights: ['1', '1', '1'], shares: ['33.33', '33.34', '33.33'] },
    { why: 'a nil weight gets nothing', amount: '50', weights: ['0', '300', '0'], shares: ['0.00', '50.00', '0.00'] },
    { why: 'the whole: each its weight', amount: '1305.50', weights: ['1200', '105.50'], shares: ['1200.00', '105.50'] },
    { why: 'nothing to share among', amount: '10', weights: ['0', '0'], shares: ['0.00', '0.00'] },
  ])('$why', ({ amount, weights, shares }) => {
    expect(shareOut(e(amount), weights.map(e))).toEqual(shares.map(e));
  });

  it('never gives a share above its weight, for any amount up to the total', () => {
    const weights = [e('0.01'), e('999.99'), e('0.03'), e('12.34')];
    const total = weights.reduce((s, w) => s + w, 0n);
    for (let amount = 0n; amount <= total; amount += 37n) {
      const shares = shareOut(amount, weights);
      expect(shares.reduce((s, x) => s + x, 0n)).toBe(amount);
      shares.forEach((x, i) => expect(x >= 0n && x <= (weights[i] as bigint)).toBe(true));
    }
  });
});

/**
 * Worked examples, by hand (half-up to the cent). The old split took the collected VAT of each rate as
 * outstanding × rate's VAT / invoice gross, in the invoice's issued proportions.
 *
 * A — the VAT claimed too much (11,50 €). Invoice: 2 500,00 HT at 20 % (VAT 500,00, 3 000,00 TTC) and
 *   1 000,00 HT at 10 % (VAT 100,00, 1 100,00 TTC): 4 100,00 TTC. Credit note by lines on the 20 % part:
 *   500,00 HT + 100,00 VAT = 600,00. Left: 20 % 2 400,00 (VAT 400,00), 10 % 1 100,00 (VAT 100,00), 3 500,00.
 *   Payment 200,00: 20 % share = 200 × 2 400 / 3 500 = 137,142… → 137,14; 10 % share = 200 − 137,14 = 62,86.
 *   Left: 20 % 2 262,86, VAT 2 262,86 × 400 / 2 400 = 377,143… → 377,14; 10 % 1 037,14, VAT
 *   1 037,14 × 100 / 1 100 = 94,285… → 94,29. Outstanding 3 300,00 = VAT 471,43 + HT 2 828,57.
 *   Old: 3 300 × 500 / 4 100 = 402,439… → 402,44 and 3 300 × 100 / 4 100 = 80,487… → 80,49 = 482,93:
 *   11,50 too much regularised on 44571, 11,50 too little loss on 654.
 *
 * B — the VAT claimed too little (9,55 €). Invoice: 2 500,00 HT at 20 % (VAT 500,00, 3 000,00 TTC) and
 *   1 500,00 HT at 10 % (VAT 150,00, 1 650,00 TTC): 4 650,00 TTC. Credit note on the 10 % part: 200,00 HT +
 *   20,00 VAT = 220,00. Left: 20 % 3 000,00 (500,00), 10 % 1 430,00 (130,00), 4 430,00. Payment 500,00:
 *   20 % share = 500 × 3 000 / 4 430 = 338,600… → 338,60; 10 % 161,40. Left: 20 % 2 661,40, VAT
 *   2 661,40 × 500 / 3 000 = 443,566… → 443,57; 10 % 1 268,60, VAT 1 268,60 × 130 / 1 430 = 115,327… →
 *   115,33. Outstanding 3 930,00 = VAT 558,90 + HT 3 371,10.
 *   Old: 3 930 × 500 / 4 650 = 422,580… → 422,58 and 3 930 × 150 / 4 650 = 126,774… → 126,77 = 549,35:
 *   9,55 too little.
 *
 * C — at 5,5 %. 2 000,00 HT at 20 % (400,00; 2 400,00) and 2 000,00 HT at 5,5 % (110,00; 2 110,00):
 *   4 510,00. Credit note 200,00 HT at 20 % (40,00; 240,00). Left 2 160,00 (360,00) and 2 110,00 (110,00),
 *   4 270,00. Payment 450,00: 20 % share 450 × 2 160 / 4 270 = 227,634… → 227,63; 5,5 % 222,37. Left:
 *   20 % 1 932,37, VAT × 360 / 2 160 = 322,061… → 322,06; 5,5 % 1 887,63, VAT × 110 / 2 110 = 98,407… →
 *   98,41. Outstanding 3 820,00 = VAT 420,47 + HT 3 399,53. Old: 338,80 + 93,17 = 431,97 (11,50 too much).
 *
 * D — the payment came first. 2 000,00 HT at 20 % (400,00; 2 400,00) and 1 000,00 HT at 10 % (100,00;
 *   1 100,00): 3 500,00. Payment 700,00: 20 % share 700 × 2 400 / 3 500 = 480,00, 10 % 220,00; left 1 920,00
 *   (VAT 320,00) and 880,00 (VAT 80,00). Then the credit note, 500,00 HT at 20 % (100,00; 600,00): 20 %
 *   1 320,00 (VAT 220,00). Outstanding 2 200,00 = VAT 300,00 + HT 1 900,00. The same two events the other
 *   way round (credit note, then payment): left 1 800,00 (300,00) and 1 100,00; the payment takes
 *   700 × 1 800 / 2 900 = 434,482… → 434,48 and 265,52; left 1 365,52, VAT × 300 / 1 800 = 227,586… →
 *   227,59, and 834,48, VAT × 100 / 1 100 = 75,861… → 75,86: VAT 303,45, HT 1 896,55.
 *
 * E — the same invoice D as services at 20 % under VAT on receipts: its 400,00 of VAT waits on 44574. The
 *   payment moves 700 × 400 / 3 500 = 80,00 to 44571 (320,00 pending); the credit note takes 100,00 back
 *   off 44574 (220,00 pending). At 20 %, 220,00 of VAT left, all of it still pending: nothing collected to
 *   recover; at 10 % (goods) 80,00 collected. HT 2 200,00 − 220,00 − 80,00 = 1 900,00. Old: 20 % nothing
 *   (all on receipts), 10 % 2 200 × 100 / 3 500 = 62,857… → 62,86: 17,14 too little.
 */
describe('ratesLeft and splitOutstanding: what is left at each rate, HT, VAT collected per rate, VAT pending', () => {
  it.each([
    { why: 'the seed, all unpaid: 1 000 HT + 200 VAT', inv: seed, ht: '1000', byRate: [['20', '200']], pending: '0' },
    { why: 'half paid: half of each', inv: invoice('600', [rate('20', '1000', '200')]), ht: '500', byRate: [['20', '100']], pending: '0' },
    {
      // 805,50 received: 740,41 at 20 % (see shareOut), 65,09 at 5,5 %. Left 459,59 × 200 / 1 200 = 76,598… → 76,60
      // and 40,41 × 5,50 / 105,50 = 2,106… → 2,11; HT 500 − 78,71 = 421,29.
      why: 'two rates, 500,00 left, no credit note: the issued proportions',
      inv: invoice('500', twoRates), ht: '421.29', byRate: [['20', '76.60'], ['5.5', '2.11']], pending: '0',
    },
    {
      why: 'services under VAT on receipts, half paid: the 100,00 still pending exactly, no VAT collected',
      inv: invoice('600', [rate('20', '1000', '200', '200')], [], '100'), ht: '500', byRate: [], pending: '100',
    },
    {
      why: 'goods and services on receipts at one rate: the goods’ VAT collected, the services’ pending',
      inv: invoice('1200', [rate('20', '1000', '200', '100')], [], '100'), ht: '1000', byRate: [['20', '100']], pending: '100',
    },
    {
      // The credit note took back the whole 5,5 % part (105,50): the 1 200,00 left is all at 20 % (the old split
      // said 101 110 / 183,84 / 5,06).
      why: 'a credit note on the whole of one rate: nothing left at that rate',
      inv: invoice('1200', twoRates, [credit(rate('5.5', '100', '5.50'))]), ht: '1000', byRate: [['20', '200']], pending: '0',
    },
    {
      why: 'A: credit note on the 20 % part, then a payment (the old split claimed 11,50 too much)',
      inv: invoice('3300', [rate('20', '2500', '500'), rate('10', '1000', '100')], [credit(rate('20', '500', '100')), receipt('200')]),
      ht: '2828.57', byRate: [['20', '377.14'], ['10', '94.29']], pending: '0',
    },
    {
      why: 'B: credit note on the 10 % part, then a payment (the old split claimed 9,55 too little)',
      inv: invoice('3930', [rate('20', '2500', '500'), rate('10', '1500', '150')], [credit(rate('10', '200', '20')), receipt('500')]),
      ht: '3371.10', byRate: [['20', '443.57'], ['10', '115.33']], pending: '0',
    },
    {
      why: 'C: at 20 % and 5,5 %, credit note on the 20 % part, then a payment',
      inv: invoice('3820', [rate('20', '2000', '400'), rate('5.5', '2000', '110')], [credit(rate('20', '200', '40')), receipt('450')]),
      ht: '3399.53', byRate: [['20', '322.06'], ['5.5', '98.41']], pending: '0',
    },
    {
      why: 'D: the payment before the credit note settles the rates as they stood then',
      inv: invoice('2200', [rate('20', '2000', '400'), rate('10', '1000', '100')], [receipt('700'), credit(rate('20', '500', '100'))]),
      ht: '1900', byRate: [['20', '220'], ['10', '80']], pending: '0',
    },
    {
      why: 'D the other way round: the credit note, then the payment',
      inv: invoice('2200', [rate('20', '2000', '400'), rate('10', '1000', '100')], [credit(rate('20', '500', '100')), receipt('700')]),
      ht: '1896.55', byRate: [['20', '227.59'], ['10', '75.86']], pending: '0',
    },
    {
      why: 'E: services on receipts at 20 %, goods at 10 %: the 20 % VAT left is all pending, only the goods’ VAT is recovered',
      inv: invoice('2200', [rate('20', '2000', '400', '400'), rate('10', '1000', '100')], [receipt('700'), credit(rate('20', '500', '100', '100'))], '220'),
      ht: '1900', byRate: [['10', '80']], pending: '220',
    },
    {
      // 10,02 HT at 20 %: VAT 2,004 → 2,00, 12,02 TTC; credit note 5,03 HT, VAT 1,006 → 1,01, 6,04 TTC. Left 5,98 with
      // 0,99 of VAT in the books (5,98 × 20 / 120 = 0,997 would say 1,00).
      why: 'a rate nothing was received on keeps exactly its VAT less its credit notes',
      inv: invoice('5.98', [rate('20', '10.02', '2.00')], [credit(rate('20', '5.03', '1.01'))]), ht: '4.99', byRate: [['20', '0.99']], pending: '0',
    },
    {
      // 1 150,00 received on 1 200,00 (200,00) + 1 100,00 (100,00): half of each, 600,00 (100,00) and 550,00 (50,00).
      // Credit note 250,00 HT + 50,00 at 20 %: 20 % left 300,00 (50,00). The payment given back returns what it took:
      // 20 % 900,00 (150,00), 10 % 1 100,00 (100,00); 2 000,00 owed, HT 1 750,00.
      why: 'money given back returns to the rates in proportion to what they had received',
      inv: invoice('2000', [rate('20', '1000', '200'), rate('10', '1000', '100')], [receipt('1150'), credit(rate('20', '250', '50')), receipt('-1150')]),
      ht: '1750', byRate: [['20', '150'], ['10', '100']], pending: '0',
    },
  ])('$why', ({ inv, ht, byRate, pending }) => {
    const split = splitOutstanding(inv);
    expect([split.ht, split.vatByRate.map((r) => [r.rate, r.vat]), split.pendingVat]).toEqual([e(ht), byRate.map(([r, v]) => [r, e(v as string)]), e(pending)]);
    expect(split.collectedVat).toBe(split.vatByRate.reduce((s, r) => s + r.vat, 0n));
    expect(split.ht + split.collectedVat + split.pendingVat).toBe(inv.outstanding);
    expect(ratesLeft(inv).reduce((s, r) => s + r.gross, 0n)).toBe(inv.outstanding);
  });

  it('what is left at each rate, example A: 2 262,86 (VAT 377,14) at 20 %, 1 037,14 (VAT 94,29) at 10 %', () => {
    const left = ratesLeft(invoice('3300', [rate('20', '2500', '500'), rate('10', '1000', '100')], [credit(rate('20', '500', '100')), receipt('200')]));
    expect(left).toEqual([
      { rate: '20', gross: e('2262.86'), vat: e('377.14'), pending: 0n },
      { rate: '10', gross: e('1037.14'), vat: e('94.29'), pending: 0n },
    ]);
  });

  it('settles an unnamed movement as a receipt: the rates always add up to the outstanding', () => {
    // The events leave 3 500,00 (example A before its payment) but the ledger says 3 300,00: the 200,00 is settled as a receipt.
    const inv = invoice('3300', [rate('20', '2500', '500'), rate('10', '1000', '100')], [credit(rate('20', '500', '100'))]);
    expect(splitOutstanding(inv).vatByRate.map((r) => r.vat)).toEqual([e('377.14'), e('94.29')]);
  });
});

describe('planWriteOff: what is lost, regularised, reversed', () => {
  const liquidation: WriteOffTerms = { date: '2026-09-01', reason: 'liquidation', judgmentDate: '2026-08-15' };
  it.each<{ why: string; inv?: OutstandingInvoice; terms: WriteOffTerms; provision?: bigint; expected: { loss: bigint; vatRegularised: bigint; vatAsLoss: bigint; pendingVat: bigint; provisionReversed: bigint; recoveryDeadline: string | null } }>([
    {
      why: 'the seed: D 654 1 000, D 44571 200, the 600 provision reversed; VAT to recover by 31/12 two years after the judgment',
      terms: liquidation, provision: 60000n,
      expected: { loss: 100000n, vatRegularised: 20000n, vatAsLoss: 0n, pendingVat: 0n, provisionReversed: 60000n, recoveryDeadline: '2028-12-31' },
    },
    {
      why: 'past the window, confirmed as a loss: the VAT joins the loss on 654',
      terms: { date: '2029-02-01', reason: 'liquidation', judgmentDate: '2026-06-01', vatTreatment: 'loss' },
      expected: { loss: 120000n, vatRegularised: 0n, vatAsLoss: 20000n, pendingVat: 0n, provisionReversed: 0n, recoveryDeadline: '2028-12-31' },
    },
    {
      why: 'a certificate: the window runs from the write-off',
      terms: { date: '2027-01-10', reason: 'certificate' },
      expected: { loss: 100000n, vatRegularised: 20000n, vatAsLoss: 0n, pendingVat: 0n, provisionReversed: 0n, recoveryDeadline: '2029-12-31' },
    },
    {
      why: 'without proof, the user regularises on their own responsibility',
      terms: { date: '2026-09-01', reason: 'other', vatTreatment: 'regularise' },
      expected: { loss: 100000n, vatRegularised: 20000n, vatAsLoss: 0n, pendingVat: 0n, provisionReversed: 0n, recoveryDeadline: '2028-12-31' },
    },
    {
      why: 'without proof, or as a loss',
      terms: { date: '2026-09-01', reason: 'other', vatTreatment: 'loss' },
      expected: { loss: 120000n, vatRegularised: 0n, vatAsLoss: 20000n, pendingVat: 0n, provisionReversed: 0n, recoveryDeadline: '2028-12-31' },
    },
    {
      why: 'only VAT on receipts: nothing to recover, no choice asked, no deadline',
      inv: invoice('1200', [rate('20', '1000', '200', '200')], [], '200'),
      terms: { date: '2026-09-01', reason: 'other' },
      expected: { loss: 100000n, vatRegularised: 0n, vatAsLoss: 0n, pendingVat: 20000n, provisionReversed: 0n, recoveryDeadline: null },
    },
  ])('$why', ({ inv, terms, provision, expected }) => {
    const p = planWriteOff(inv ?? seed, terms, provision ?? 0n);
    expect({ loss: p.loss, vatRegularised: p.vatRegularised, vatAsLoss: p.vatAsLoss, pendingVat: p.pendingVat, provisionReversed: p.provisionReversed, recoveryDeadline: p.recoveryDeadline }).toEqual(expected);
  });

  it.each([
    { why: 'without proof nor choice', terms: { date: '2026-09-01', reason: 'other' } as WriteOffTerms, message: /récupération de 200,00.*Choisissez/ },
    { why: 'past the window, not confirmed', terms: { date: '2029-02-01', reason: 'liquidation', judgmentDate: '2026-06-01' } as WriteOffTerms, message: /a expiré le 31\/12\/2028/ },
    { why: 'past the window, regularisation asked', terms: { date: '2029-02-01', reason: 'liquidation', judgmentDate: '2026-06-01', vatTreatment: 'regularise' } as WriteOffTerms, message: /a expiré le 31\/12\/2028/ },
  ])('refuses the VAT regularisation $why', ({ terms, message }) => {
    let err: unknown;
    try {
      planWriteOff(seed, terms, 0n);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect([e.code, Object.keys(e.fieldErrors ?? {})]).toEqual(['CONFLICT', ['vatTreatment']]);
    expect(e.message).toMatch(message);
    expectFrench(e.message);
  });
});
