import { z } from 'zod';
import { Id, requiredText } from './common';

/** Where a PDF goes: an existing folder (standard name inside) or a file path ending in .pdf. */
const Output = requiredText('Indiquez le dossier ou le fichier PDF de sortie.', 1000);

export const DocumentInvoiceRequest = z.strictObject({ invoiceId: Id, output: Output });
export const DocumentCreditNoteRequest = z.strictObject({ creditNoteId: Id, output: Output });
export const DocumentResult = z.object({ path: z.string() });
