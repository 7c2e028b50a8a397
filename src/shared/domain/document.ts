import { z } from 'zod';
import { Id, IsoDate, requiredText, text } from './common';
import { JobId } from './ledger';

/** Where a PDF goes: an existing folder (standard name inside) or a file path ending in .pdf. */
const Output = requiredText('Indiquez le dossier ou le fichier PDF de sortie.', 1000);

/**
 * `pdf` (the default): the PDF to print or send. `facturx`: the same pages as a Factur-X PDF/A-3b carrying
 * the EN 16931 XML (profile EN 16931) a platform reads, for a validated invoice, credit note or penalty
 * invoice only.
 */
export const DOCUMENT_FORMATS = ['pdf', 'facturx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
const Format = z.enum(DOCUMENT_FORMATS, { error: 'Format : pdf ou facturx.' }).optional();

export const DocumentInvoiceRequest = z.strictObject({ invoiceId: Id, output: Output, format: Format });
export const DocumentCreditNoteRequest = z.strictObject({ creditNoteId: Id, output: Output, format: Format });
export const DocumentResult = z.object({ path: z.string() });

/** The documents `document.render` draws in memory for the renderer's preview, print and save. */
export const DOCUMENT_KINDS = ['invoice', 'creditNote', 'duplicate272', 'summary272', 'dunningLetter', 'penaltyInvoice', 'statement', 'plan', 'bankReconciliation', 'quote'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * `id` is the invoice's (invoice, duplicate272, dunningLetter), the credit note's (creditNote), the
 * customer's (summary272, statement), the penalty invoice's (penaltyInvoice), the payment plan's (plan)
 * or the quote's (quote);
 * `step` only for a dunning letter; `asOf` the date of a dunning letter, the last day of a statement's
 * period or the day a plan's payments are counted (today by default); `from` the first day of a
 * statement's period (from the first movement by default); `format: "facturx"` only for an invoice, a
 * credit note or a penalty invoice. The bank reconciliation (bankReconciliation) has no id: its `asOf`
 * is its date.
 */
export const DocumentRenderRequest = z
  .strictObject({
    kind: z.enum(DOCUMENT_KINDS, { error: 'Type de document inconnu : invoice, creditNote, duplicate272, summary272, dunningLetter, penaltyInvoice, statement, plan, bankReconciliation ou quote (devis).' }),
    id: Id.optional(),
    step: text(60).optional(),
    asOf: IsoDate.optional(),
    from: IsoDate.optional(),
    format: Format,
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'bankReconciliation') {
      if (r.asOf === undefined) ctx.addIssue({ code: 'custom', path: ['asOf'], message: 'Indiquez la date du rapprochement (asOf).' });
    } else if (r.id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'Indiquez le document (id).' });
    }
    if (r.from && r.asOf && r.from > r.asOf) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Le début de la période suit sa fin : indiquez une date de début antérieure.' });
  });
export type DocumentRenderRequest = z.input<typeof DocumentRenderRequest>;

/** The PDF's standard file name and its bytes in base64. */
export const DocumentRenderResult = z.object({ fileName: z.string(), pdf: z.string() });
export type DocumentRenderResult = z.infer<typeof DocumentRenderResult>;

/**
 * A period's Factur-X files for the owner's platform: every validated invoice, penalty invoice and credit
 * note dated from `from` to `to` (both included), one file each, into the folder `output` (a token of
 * `dialog.chooseFile { purpose: "facturxFolder" }` in the window). `jobId`: its progress on `job.status`.
 */
export const DocumentFacturxBatchRequest = z
  .strictObject({
    from: IsoDate,
    to: IsoDate,
    output: requiredText('Indiquez le dossier où enregistrer les fichiers Factur-X.', 1000),
    jobId: JobId.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'La fin de la période doit suivre son début.' });
  });
export type DocumentFacturxBatchRequest = z.input<typeof DocumentFacturxBatchRequest>;

/** A document of the period that has no Factur-X file, and why (what to complete), in French. */
export const FacturxRefusal = z.object({
  kind: z.enum(['invoice', 'creditNote']),
  id: z.number().int(),
  number: z.string(),
  reason: z.string(),
});
export type FacturxRefusal = z.infer<typeof FacturxRefusal>;

/** The folder written, how many files, their names, and the documents refused (the others were written). */
export const DocumentFacturxBatchResult = z.object({
  folder: z.string(),
  count: z.number().int().nonnegative(),
  files: z.array(z.string()),
  refused: z.array(FacturxRefusal),
});
export type DocumentFacturxBatchResult = z.infer<typeof DocumentFacturxBatchResult>;
