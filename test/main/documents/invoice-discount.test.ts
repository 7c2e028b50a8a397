import { beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../../src/shared/money';
import { callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { keepForReview, pdfText, requirePoppler, squash } from './pdf-tools';

beforeAll(() => {
  requirePoppler();
});

const d = (v: string) => new Dec(v);
const half = (v: Dec) => v.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
/** "205.26" → "205,26 €" with the plain spaces pdftotext gives back. */
const eur = (v: Dec) => `${v.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} €`;

/**
 * Issue 14, defect 3: the invoice-wide discount printed is the amount applied, and it is the total HT
 * before it × the rate, rounded once. 3,33 % on 212,33 € is 7,07 € (line by line it came to 7,08 €).
 */
describe('printed discounts add up (issue 14)', () => {
  it('prints a 3,33 % discount on 212,33 € as −7,07 €, and the lines, the discount and the totals add up to what is posted', async () => {
    const tc = testCompany();
    const { ctx, dir } = tc;
    await callOk(ctx, 'company.init', { ...companyInit, vatRegime: 'debits' });
    await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    const inv = await callOk(ctx, 'invoice.create', {
      customerId: 1, date: '2026-10-05', discountPercent: '3.33', validate: true,
      lines: [
        { description: 'Rabot électrique', quantity: '1', unitPrice: '177.33', vatRate: '20', kind: 'goods' },
        { description: 'Livraison', quantity: '1', unitPrice: '35', vatRate: '20', kind: 'services' },
      ],
    });
    // By hand: 177,33 + 35,00 = 212,33 × 3,33 % = 7,070589 → 7,07; HT 205,26; VAT 205,26 × 20 % = 41,052 → 41,05.
    const before = d('177.33').plus('35');
    const discount = half(before.times('0.0333'));
    const net = before.minus(discount);
    const vat = half(net.times('0.2'));
    expect([before.toFixed(2), discount.toFixed(2), net.toFixed(2), vat.toFixed(2), net.plus(vat).toFixed(2)]).toEqual(['212.33', '7.07', '205.26', '41.05', '246.31']);
    expect(inv.totals).toMatchObject({ net: net.toFixed(2), vat: vat.toFixed(2), gross: net.plus(vat).toFixed(2) });

    // The sales posted add up to the Total HT: the discount shared 5,90 / 1,17 (7,07 × 177,33 / 212,33 = 5,904…).
    const { entry } = await callOk(ctx, 'ledger.entry', { id: inv.entryId as number });
    expect(entry.lines.filter((l) => l.account.startsWith('70')).map((l) => [l.account, l.credit])).toEqual([['707', '171.43'], ['706', '33.83']]);

    const { path } = await callOk(ctx, 'document.invoice', { invoiceId: inv.id, output: dir });
    keepForReview(path, 'facture-remise-globale');
    const flat = squash(pdfText(path));
    expect(flat).toMatch(/Rabot électrique 1 177,33 € 20 % 177,33 €/);
    expect(flat).toMatch(/Livraison 1 35,00 € 20 % 35,00 €/);
    expect(flat).toContain(`Total HT avant remise ${eur(before)}`);
    expect(flat).toContain(`Remise 3,33 % -${eur(discount)}`);
    expect(flat).toContain(`Total HT ${eur(net)}`);
    expect(flat).toContain(`TVA 20 % ${eur(vat)}`);
    expect(flat).toContain(`Total TTC ${eur(net.plus(vat))}`);
    expect(flat).not.toContain('7,08');
  });
});
