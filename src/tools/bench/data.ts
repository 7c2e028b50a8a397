import { addDays } from '../../shared/dates';
import { FISCAL_YEAR } from './common';

/** The bench's customers: 1 000, named so that CSV and interactive creation give the same file. */
export const CUSTOMER_COUNT = 1_000;

export function customerName(i: number): string {
  return `Client ${String(i + 1).padStart(4, '0')} ${['SARL', 'SAS', 'EURL', 'SA'][i % 4]}`;
}

export function customerPayload(i: number) {
  const consumer = i % 10 === 9;
  return {
    name: consumer ? `Particulier ${String(i + 1).padStart(4, '0')}` : customerName(i),
    kind: consumer ? 'consumer' : 'business',
    email: `client${i + 1}@exemple.fr`,
    address: { line1: `${(i % 200) + 1} rue du Commerce`, postcode: String(69001 + (i % 9)), city: 'Lyon' },
    paymentTermsDays: [30, 45, 60, 30][i % 4],
    // One customer in ten (the largest among them) has a credit limit: validating their invoices weighs
    // their exposure, so the bench shows whether that stays flat as their history grows.
    ...(i % 10 === 0 ? { creditLimit: '100000000' } : {}),
  };
}

/** The same customers as a CSV for import.customers (same names, kinds, terms: codes come out equal). */
export function customersCsv(): string {
  const lines = ['nom;type;email;adresse;code postal;ville;delai'];
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const c = customerPayload(i);
    lines.push([c.name, c.kind === 'consumer' ? 'particulier' : 'professionnel', c.email, c.address.line1, c.address.postcode, c.address.city, String(c.paymentTermsDays)].join(';'));
  }
  return `${lines.join('\n')}\n`;
}

/** Invoice i goes to this customer index: one in twenty to the largest customer, the rest spread evenly. */
export function customerOf(i: number): number {
  if (i % 20 === 0) return 0;
  return 1 + ((i * 7919) % (CUSTOMER_COUNT - 1));
}

/** The customer code of a customer index (AUTOINCREMENT from 1, C00001…). */
export const customerCode = (index: number) => `C${String(index + 1).padStart(5, '0')}`;

/** Invoices are dated in order over the fiscal year, so the gapless F series stays chronological. */
export function invoiceDate(i: number, n: number): string {
  return addDays(FISCAL_YEAR.start, Math.floor((i * 365) / n));
}

/** Paid 0 to 44 days after the invoice, within the year. */
export function paymentDate(i: number, invoiceDay: string): string {
  const d = addDays(invoiceDay, (i * 13) % 45);
  return d > FISCAL_YEAR.end ? FISCAL_YEAR.end : d;
}

/** Three lines, two VAT rates (20 % on goods and services, 5.5 % on goods). */
export function invoicePayload(i: number, n: number, customerId: number) {
  const q = (k: number) => String(1 + ((i + k) % 9));
  const price = (base: number) => `${base + (i % 97)}.${String((i * 37) % 100).padStart(2, '0')}`;
  return {
    customerId,
    date: invoiceDate(i, n),
    lines: [
      { description: 'Fourniture de pièces détachées', quantity: q(0), unitPrice: price(40), vatRate: '20', kind: 'goods' },
      { description: 'Main-d’œuvre, intervention sur site', quantity: q(3), unitPrice: price(55), vatRate: '20', kind: 'services' },
      { description: 'Livres techniques', quantity: q(5), unitPrice: price(12), vatRate: '5.5', kind: 'goods' },
    ],
    validate: true,
  };
}

/** "123.45" → 12345n; and back. */
export const cents = (s: string) => BigInt(s.replace('.', ''));
export const money = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
