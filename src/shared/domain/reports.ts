import { z } from 'zod';
import { MoneyString } from '../money';
import { Id, IsoDate, optional } from './common';

export const AgingRequest = z.strictObject({
  asOf: IsoDate,
  buckets: z.array(z.number().int().min(1).max(3650), { error: 'Tranches : une liste de nombres de jours (ex. [30, 60, 90]).' }).min(1).max(8).optional(),
});
export const Aging = z.object({
  asOf: z.string(),
  bucketLabels: z.array(z.string()),
  rows: z.array(z.object({ customerId: z.number().int(), code: z.string(), name: z.string(), notDue: MoneyString, buckets: z.array(MoneyString), total: MoneyString })),
  totals: z.object({ notDue: MoneyString, buckets: z.array(MoneyString), total: MoneyString }),
});
export type Aging = z.infer<typeof Aging>;

export const DsoRequest = z
  .strictObject({ from: IsoDate, to: IsoDate, method: z.enum(['ratio', 'average', 'countback'], { error: 'Méthode : ratio, average ou countback.' }) })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'La fin de la période précède son début.' });
export const Dso = z.object({ days: z.number(), receivables: MoneyString, sales: MoneyString, method: z.string() });

export const CustomerStatementRequest = z.strictObject({ customerId: Id, from: optional(IsoDate), to: optional(IsoDate) });
export const CustomerStatement = z.object({
  customer: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  opening: MoneyString,
  rows: z.array(z.object({ lineId: z.number().int(), date: z.string(), journal: z.string(), pieceRef: z.string(), label: z.string(), account: z.string(), debit: MoneyString, credit: MoneyString, balance: MoneyString, lettering: z.string().optional() })),
  closing: MoneyString,
  openInvoices: z.array(z.object({ id: z.number().int(), number: z.string(), date: z.string(), dueDate: z.string(), gross: MoneyString, outstanding: MoneyString, daysOverdue: z.number().int() })),
});

export const VatReportRequest = z
  .strictObject({ from: IsoDate, to: IsoDate })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'La fin de la période précède son début.' });
export const VatReport = z.object({
  from: z.string(),
  to: z.string(),
  collected: z.array(z.object({ rate: z.string(), base: MoneyString, vat: MoneyString })),
  pending: MoneyString,
  regularisations: z.array(z.object({ label: z.string(), vat: MoneyString })),
  total: MoneyString,
});

/** The receipts of services invoices under VAT on receipts over a period (status « Encaissée »). */
export const VatReceiptsRequest = z
  .strictObject({ from: IsoDate, to: IsoDate })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'La fin de la période précède son début.' });
export type VatReceiptsRequest = z.input<typeof VatReceiptsRequest>;

/**
 * One receipt of one invoice at one VAT rate: the VAT that fell due (44574 → 44571), the base it goes
 * with, and the amount received at that rate (base + VAT). A cancelled payment's reversal gives negative
 * figures on its own date.
 */
export const VatReceiptRow = z.object({
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  date: z.string(),
  rate: z.string(),
  amount: MoneyString,
  base: MoneyString,
  vat: MoneyString,
});
export type VatReceiptRow = z.infer<typeof VatReceiptRow>;

/**
 * `rows`, and the same as CSV (`;`, decimal comma, UTF-8 with BOM, CRLF). `notReceived`: the VAT on
 * receipts cleared without money (an écart de règlement written off to 658), listed apart: no receipt.
 */
export const VatReceipts = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(VatReceiptRow),
  notReceived: z.array(z.object({ invoiceId: z.number().int(), invoiceNumber: z.string(), date: z.string(), vat: MoneyString })),
  csv: z.string(),
});
export type VatReceipts = z.infer<typeof VatReceipts>;
