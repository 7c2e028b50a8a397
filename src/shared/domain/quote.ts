import { z } from 'zod';
import { MoneyString } from '../money';
import { Id, IsoDate, optional, Paging, PercentInput, text } from './common';
import { DocumentLine, DocumentTotals, Invoice, InvoiceLineInput } from './invoice';

/**
 * Quotes (devis): a gapless series of their own (D2026-00001), lines as on invoices; a quote posts nothing.
 * Stored statuses are draft, sent, accepted and refused; `expired` (sent, validity date passed) and
 * `invoiced` (a final invoice made from it) are read from the facts, so they never go stale.
 */
export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'refused', 'expired', 'invoiced'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export const QUOTE_STATUS_LABELS: Record<QuoteStatus, string> = {
  draft: 'Brouillon',
  sent: 'Envoyé',
  accepted: 'Accepté',
  refused: 'Refusé',
  expired: 'Expiré',
  invoiced: 'Facturé',
};
/** How long a quote is valid when the owner does not say: 30 days, the usual term. */
export const DEFAULT_QUOTE_VALIDITY_DAYS = 30;

/** What the owner can set; `draft` → `sent` gives the quote its number. */
export const SETTABLE_QUOTE_STATUSES = ['sent', 'accepted', 'refused'] as const;

/** Money typed by the owner: a positive decimal, two places at most, a comma accepted. */
const Amount = z
  .string({ error: 'Montant attendu sous forme de texte, par exemple "1500" ou "1500.50".' })
  .transform((v) => v.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'))
  .refine((v) => /^\d{1,10}(\.\d{1,2})?$/.test(v) && /[1-9]/.test(v), { message: 'Montant : un nombre positif, deux décimales au plus.' });

const quoteFields = {
  customerId: Id,
  date: IsoDate,
  /** Default: the quote's date + the company's validity (30 days). */
  validUntil: optional(IsoDate),
  lines: z
    .array(InvoiceLineInput, { error: 'Indiquez les lignes du devis.' })
    .min(1, { message: 'Un devis a au moins une ligne.' })
    .max(500, { message: 'Un devis compte 500 lignes au plus : faites-en deux.' }),
  discountPercent: InvoiceLineInput.shape.discountPercent,
  /** The deposit asked at the order, printed in the terms (« Acompte de 30 % à la commande »). */
  depositPercent: optional(PercentInput),
  /** Payment terms printed on the quote (« à réception de facture », « 30 jours »…). */
  paymentTerms: optional(text(200)),
  /** Repair, upkeep or building work for a consumer: the quote prints the mentions the arrêté of 24 January 2017 requires. */
  consumerWork: z.boolean().optional(),
  /** Where the work is done (consumer work). */
  workSite: optional(text(300)),
  /** Travel costs (consumer work), printed as such; « 0 » prints « Déplacement non facturé ». */
  travelCosts: optional(text(200)),
  notes: optional(text(2000)),
  /** As on invoices: the lines' prices typed TTC, the quote keeps HT prices (shared/prices-with-tax.ts). */
  pricesIncludeTax: z.boolean().optional(),
};

export const QuoteCreateRequest = z
  .strictObject({ ...quoteFields, validate: z.boolean().optional() })
  .superRefine((r, ctx) => {
    if (r.validUntil && r.validUntil < r.date) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'La fin de validité ne peut pas précéder la date du devis.' });
  });
export type QuoteCreateRequest = z.input<typeof QuoteCreateRequest>;

export const QuoteUpdateRequest = z.strictObject({ id: Id, ...quoteFields }).partial().required({ id: true });
export type QuoteUpdateRequest = z.input<typeof QuoteUpdateRequest>;

export const QuoteIdRequest = z.strictObject({ id: Id });

export const QuoteSetStatusRequest = z.strictObject({
  id: Id,
  status: z.enum(SETTABLE_QUOTE_STATUSES, { error: 'Statut : sent (envoyé), accepted (accepté) ou refused (refusé).' }),
  /** The date the customer accepted or refused (default today). */
  date: optional(IsoDate),
});

export const QuoteListRequest = z.strictObject({
  customerId: Id.optional(),
  status: z.enum(QUOTE_STATUSES).optional(),
  search: optional(text(100)),
  ...Paging,
});

/**
 * « Facturer »: a deposit invoice (a percentage of the quote or an amount HT, shared over the quote's VAT
 * rates in their proportions) or the final invoice (the quote's lines, less every deposit invoiced on it).
 */
export const QuoteInvoiceRequest = z
  .strictObject({
    quoteId: Id,
    kind: z.enum(['deposit', 'final'], { error: 'Type de facture : deposit (acompte) ou final (facture finale).' }),
    percent: optional(PercentInput),
    /** Amount HT of the deposit. */
    amount: optional(Amount),
    date: IsoDate,
    dueDate: optional(IsoDate),
    validate: z.boolean().optional(),
    overrideCreditLimit: z.boolean().optional(),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'deposit') {
      if ((r.percent === undefined) === (r.amount === undefined)) ctx.addIssue({ code: 'custom', path: ['percent'], message: 'Indiquez l’acompte en pourcentage ou en montant HT (l’un des deux).' });
      else if (r.percent !== undefined && !/[1-9]/.test(r.percent)) ctx.addIssue({ code: 'custom', path: ['percent'], message: 'Le pourcentage d’acompte doit être supérieur à zéro.' });
    } else if (r.percent !== undefined || r.amount !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'La facture finale reprend tout le devis et déduit les acomptes : ni pourcentage ni montant.' });
    }
  });
export type QuoteInvoiceRequest = z.input<typeof QuoteInvoiceRequest>;

export const Quote = z.object({
  id: z.number().int(),
  number: z.string().optional(),
  status: z.enum(QUOTE_STATUSES),
  customerId: z.number().int(),
  customerName: z.string(),
  customerCode: z.string(),
  date: z.string(),
  validUntil: z.string(),
  discountPercent: z.string().optional(),
  depositPercent: z.string().optional(),
  paymentTerms: z.string().optional(),
  consumerWork: z.boolean(),
  workSite: z.string().optional(),
  travelCosts: z.string().optional(),
  notes: z.string().optional(),
  vatRegime: z.string(),
  lines: z.array(DocumentLine),
  totals: DocumentTotals,
  /** When it was accepted or refused. */
  decidedOn: z.string().optional(),
  /** Invoices made from it: deposits then the final invoice, with what each asks. */
  invoices: z.array(
    z.object({
      id: z.number().int(),
      number: z.string().optional(),
      role: z.enum(['deposit', 'final']),
      date: z.string(),
      net: MoneyString,
      vat: MoneyString,
      gross: MoneyString,
      validated: z.boolean(),
    }),
  ),
  /** Deposits invoiced (validated), net of their credit notes: what a final invoice would deduct. */
  depositsInvoiced: z.object({ net: MoneyString, vat: MoneyString, gross: MoneyString }),
  warnings: z.array(z.string()).optional(),
});
export type Quote = z.infer<typeof Quote>;

export const QuoteList = z.object({ rows: z.array(Quote.omit({ lines: true, invoices: true, depositsInvoiced: true })), total: z.number().int() });
export type QuoteList = z.infer<typeof QuoteList>;

/** quote.invoice answers with the invoice made. */
export const QuoteInvoiceResult = Invoice;
