import { z } from 'zod';
import { Id, IsoDate, requiredText, text } from './common';

/** Where a PDF goes: an existing folder (standard name inside) or a file path ending in .pdf. */
const Output = requiredText('Indiquez le dossier ou le fichier PDF de sortie.', 1000);

export const DocumentInvoiceRequest = z.strictObject({ invoiceId: Id, output: Output });
export const DocumentCreditNoteRequest = z.strictObject({ creditNoteId: Id, output: Output });
export const DocumentResult = z.object({ path: z.string() });

/** The documents `document.render` draws in memory for the renderer's preview, print and save. */
export const DOCUMENT_KINDS = ['invoice', 'creditNote', 'duplicate272', 'summary272', 'dunningLetter', 'penaltyInvoice', 'bankReconciliation'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * `id` is the invoice's (invoice, duplicate272, dunningLetter), the credit note's (creditNote), the
 * customer's (summary272) or the penalty invoice's (penaltyInvoice); `step` and `asOf` only for a dunning
 * letter. The bank reconciliation (bankReconciliation) has no id: its `asOf` is its date.
 */
export const DocumentRenderRequest = z
  .strictObject({
    kind: z.enum(DOCUMENT_KINDS, { error: 'Type de document inconnu : invoice, creditNote, duplicate272, summary272, dunningLetter, penaltyInvoice ou bankReconciliation.' }),
    id: Id.optional(),
    step: text(60).optional(),
    asOf: IsoDate.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'bankReconciliation') {
      if (r.asOf === undefined) ctx.addIssue({ code: 'custom', path: ['asOf'], message: 'Indiquez la date du rapprochement (asOf).' });
    } else if (r.id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'Indiquez le document (id).' });
    }
  });
export type DocumentRenderRequest = z.input<typeof DocumentRenderRequest>;

/** The PDF's standard file name and its bytes in base64. */
export const DocumentRenderResult = z.object({ fileName: z.string(), pdf: z.string() });
export type DocumentRenderResult = z.infer<typeof DocumentRenderResult>;
