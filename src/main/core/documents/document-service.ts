import type { Handlers } from '../../../shared/contract';
import { requireCompany } from '../company/company-service';
import type { ServiceContext } from '../context';
import { requireCustomer } from '../customers/customer-service';
import { readInvoice } from '../receivables/invoices';
import { readCreditNote } from '../receivables/receivables-service';
import { writeCreditNotePdf, writeInvoicePdf } from './invoice-pdf';

type Channels = 'document.invoice' | 'document.creditNote';

/**
 * The PDF channels. They only read the company file: the document is read first (NOT_FOUND for an
 * unknown id), then the output is checked before anything is drawn (VALIDATION on `output`), then the
 * file is written atomically (render.ts).
 */
export const documentHandlers: Pick<Handlers<ServiceContext>, Channels> = {
  async 'document.invoice'(ctx, req) {
    const db = ctx.file.db();
    const company = requireCompany(db);
    const invoice = readInvoice(db, req.invoiceId);
    const customer = requireCustomer(db, invoice.customerId);
    const { path } = await writeInvoicePdf(req.output, company, customer, invoice, ctx.now());
    return { path };
  },
  async 'document.creditNote'(ctx, req) {
    const db = ctx.file.db();
    const company = requireCompany(db);
    const note = readCreditNote(db, req.creditNoteId);
    const invoice = readInvoice(db, note.invoiceId);
    const customer = requireCustomer(db, note.customerId);
    const { path } = await writeCreditNotePdf(req.output, company, customer, note, invoice, ctx.now());
    return { path };
  },
};
