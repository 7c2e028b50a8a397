import { z } from 'zod';
import { MoneyString } from '../money';
import { UNIT_CODES } from '../units';
import { AccountNumber } from './ledger';
import { Id, IsoDate, optional, Paging, requiredText, text } from './common';

/** The French VAT rates (law.md), metropolitan and overseas; a company may narrow the list. */
export const VAT_RATES = ['20', '10', '8.5', '5.5', '2.1', '1.75', '1.05', '0'] as const;

export const INVOICE_STATUSES = ['draft', 'open', 'partial', 'paid', 'doubtful', 'written_off', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: 'Brouillon',
  open: 'À régler',
  partial: 'Partiellement réglée',
  paid: 'Réglée',
  doubtful: 'Douteuse',
  written_off: 'Passée en perte',
  cancelled: 'Annulée',
};

/** A decimal string with at most `places` decimals, strictly positive or not; a comma is accepted. */
function decimalText(places: number, label: string, options: { positive?: boolean; max?: string } = {}) {
  const pattern = new RegExp(`^\\d{1,12}(\\.\\d{1,${places}})?$`);
  return z
    .string({ error: `${label} : un nombre sous forme de texte, par exemple "2" ou "12.5".` })
    .transform((v) => v.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'))
    .refine((v) => pattern.test(v), { message: `${label} : un nombre positif avec au plus ${places} décimales.` })
    .refine((v) => !options.positive || /[1-9]/.test(v), { message: `${label} : doit être supérieur à zéro.` });
}

const Percent = decimalText(4, 'Remise').refine((v) => Number(v.split('.')[0]) < 100 || /^100(\.0*)?$/.test(v), {
  message: 'Une remise est un pourcentage entre 0 et 100.',
});

/** What a line sells, as the forms and the catalogue name it. */
export const LINE_KIND_LABELS = { goods: 'Bien (marchandise)', services: 'Service' } as const;

export const InvoiceLineInput = z.strictObject({
  description: requiredText('Décrivez précisément ce qui est vendu.', 500),
  quantity: decimalText(4, 'Quantité', { positive: true }),
  /** What the quantity counts (hours, days, m²…); none: a number of items, printed without a unit. */
  unit: optional(z.enum(UNIT_CODES, { error: 'Unité inconnue : choisissez-la dans la liste.' })),
  unitPrice: decimalText(4, 'Prix unitaire HT'),
  vatRate: z
    .string({ error: 'Taux de TVA attendu sous forme de texte ("20", "5.5"…).' })
    .transform((v) => v.trim().replace(',', '.').replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1'))
    .refine((v) => (VAT_RATES as readonly string[]).includes(v), { message: `Taux de TVA inconnu : choisissez ${VAT_RATES.join(' ; ')} %.` }),
  kind: z.enum(['goods', 'services'], { error: 'Nature de la ligne : bien (goods) ou service (services).' }),
  discountPercent: optional(Percent),
  account: optional(AccountNumber),
});
export type InvoiceLineInput = z.input<typeof InvoiceLineInput>;

const EscompteInput = z.strictObject({
  percent: decimalText(4, 'Taux d’escompte', { positive: true }).refine((v) => Number(v.split('.')[0]) < 100, { message: 'Taux d’escompte : moins de 100 %.' }),
  days: z.number({ error: 'Délai d’escompte : un nombre de jours.' }).int().min(0).max(60, { message: 'Délai d’escompte : 60 jours au plus.' }),
});

const invoiceFields = {
  customerId: Id,
  date: IsoDate,
  dueDate: optional(IsoDate),
  deliveryDate: optional(IsoDate),
  orderRef: optional(text(60)),
  lines: z
    .array(InvoiceLineInput, { error: 'Indiquez les lignes de la facture.' })
    .min(1, { message: 'Une facture a au moins une ligne.' })
    .max(500, { message: 'Une facture compte 500 lignes au plus : faites-en deux.' }),
  discountPercent: optional(Percent),
  escompte: EscompteInput.optional().nullable(),
  notes: optional(text(2000)),
  /**
   * The lines' unit prices are typed TTC: the main process derives the HT prices (4 decimals) so that the
   * invoice's TTC is what was typed, and says so when a cent cannot be reached (shared/prices-with-tax.ts).
   * The invoice keeps its HT prices.
   */
  pricesIncludeTax: z.boolean().optional(),
};

export const InvoiceCreateRequest = z.strictObject({
  ...invoiceFields,
  validate: z.boolean().optional(),
  overrideCreditLimit: z.boolean().optional(),
});
export type InvoiceCreateRequest = z.input<typeof InvoiceCreateRequest>;

export const InvoiceUpdateRequest = z.strictObject({ id: Id, ...invoiceFields }).partial().required({ id: true });
export const InvoiceIdRequest = z.strictObject({ id: Id });
export const InvoiceValidateRequest = z.strictObject({ id: Id, overrideCreditLimit: z.boolean().optional() });
export const InvoiceListRequest = z.strictObject({
  customerId: Id.optional(),
  status: z.enum(INVOICE_STATUSES).optional(),
  from: optional(IsoDate),
  to: optional(IsoDate),
  search: z.string().trim().max(100).optional(),
  /** « En retard »: validated, still owed (open or partly paid) and due before `asOf` (default today); oldest due date first. */
  overdue: z.boolean().optional(),
  asOf: optional(IsoDate),
  ...Paging,
});

export const RateTotal = z.object({ rate: z.string(), base: MoneyString, vat: MoneyString });

/** A line of a sales document (invoice, quote) as read back: what was typed, and its net HT. */
export const DocumentLine = z.object({
  description: z.string(),
  kind: z.enum(['goods', 'services']),
  quantity: z.string(),
  unit: z.enum(UNIT_CODES).optional(),
  unitPrice: z.string(),
  vatRate: z.string(),
  discountPercent: z.string().optional(),
  account: z.string().optional(),
  net: MoneyString,
});

/** A sales document's totals: HT, VAT and TTC, and base and VAT per rate. */
export const DocumentTotals = z.object({ net: MoneyString, vat: MoneyString, gross: MoneyString, byRate: z.array(RateTotal) });

export const Invoice = z.object({
  id: z.number().int(),
  number: z.string().optional(),
  status: z.enum(INVOICE_STATUSES),
  customerId: z.number().int(),
  customerName: z.string(),
  customerCode: z.string(),
  date: z.string(),
  dueDate: z.string(),
  deliveryDate: z.string().optional(),
  orderRef: z.string().optional(),
  notes: z.string().optional(),
  discountPercent: z.string().optional(),
  /** The escompte the invoice offers: until `deadline`, `amountDue` settles it whole (computed by the main process). */
  escompte: z.object({ percent: z.string(), days: z.number().int(), deadline: z.string(), amountDue: MoneyString }).optional(),
  vatRegime: z.string(),
  lines: z.array(DocumentLine),
  totals: DocumentTotals,
  paid: MoneyString,
  credited: MoneyString,
  outstanding: MoneyString,
  entryId: z.number().int().optional(),
  validatedAt: z.string().optional(),
  /** A penalty invoice (series PEN, late-payment interest and indemnity, no VAT): the invoice it charges the late payment of. */
  penaltyOf: z.object({ invoiceId: z.number().int(), number: z.string() }).optional(),
  /** Made from a quote: a deposit invoice (type 386 in Factur-X, credited to 4191) or the final invoice. */
  quote: z.object({ id: z.number().int(), number: z.string(), role: z.enum(['deposit', 'final']) }).optional(),
  /**
   * A final invoice: the deposits it deducts (as invoiced, net of their credit notes) and its totals before
   * them; `totals` are then what is left to pay (the balance due), as posted to 411.
   */
  deductions: z
    .array(z.object({ invoiceId: z.number().int(), number: z.string(), date: z.string(), net: MoneyString, vat: MoneyString, gross: MoneyString, byRate: z.array(RateTotal) }))
    .optional(),
  totalsBeforeDeductions: DocumentTotals.optional(),
  warnings: z.array(z.string()).optional(),
});
export type Invoice = z.infer<typeof Invoice>;

export const InvoiceList = z.object({ rows: z.array(Invoice.omit({ lines: true })), total: z.number().int() });
