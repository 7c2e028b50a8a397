import type { Handlers, Request } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Company } from '../../../shared/domain/company';
import type { HandlerContext } from '../context';
import { requireCustomer } from '../customers/customer-service';
import type { Db } from '../../db/open';
import { dunningLetterDocument } from '../dunning/letters';
import { printedPenaltyRate } from '../dunning/penalties';
import { penaltyInvoiceDocument } from '../dunning/penalty-invoice';
import { readInvoice } from '../receivables/invoices';
import { readCreditNote } from '../receivables/receivables-service';
import { buildDuplicate272, buildSummary272 } from './article-272';
import { creditNoteDocument, invoiceDocument, type PrintedDocument } from './invoice-document';
import { renderPrintedDocument, writeCreditNotePdf, writePrintedDocument } from './invoice-pdf';

type Channels = 'document.invoice' | 'document.creditNote' | 'document.render';

/** An invoice laid out from the company file, with the penalty rate of its table (penalty.rates). */
function invoiceDocumentOf(db: Db, company: Company, invoiceId: number): PrintedDocument {
  const invoice = readInvoice(db, invoiceId);
  return invoiceDocument(company, requireCustomer(db, invoice.customerId), invoice, printedPenaltyRate(db, invoice.date));
}

/** The document `document.render` asks for, laid out from the company file (read only). */
function printedDocument({ db, company, today: todayOf }: HandlerContext, req: Request<'document.render'>): PrintedDocument {
  const today = todayOf();
  switch (req.kind) {
    case 'invoice':
      return invoiceDocumentOf(db, company, req.id);
    case 'creditNote': {
      const note = readCreditNote(db, req.id);
      const invoice = readInvoice(db, note.invoiceId);
      return creditNoteDocument(company, requireCustomer(db, note.customerId), note, invoice);
    }
    case 'duplicate272':
      return buildDuplicate272(db, req.id, today).document;
    case 'summary272':
      return buildSummary272(db, req.id, undefined, today).document;
    case 'dunningLetter': {
      if (!req.step) {
        const message = 'Indiquez l’étape de relance de la lettre (step).';
        throw new AppError('VALIDATION', message, { step: message });
      }
      return dunningLetterDocument(db, req.id, req.step, req.asOf ?? today).document;
    }
    case 'penaltyInvoice':
      return penaltyInvoiceDocument(db, req.id);
  }
}

/**
 * The PDF channels. They only read the company file: the document is read first (NOT_FOUND for an
 * unknown id), then, for the file channels, the output is checked before anything is drawn (VALIDATION
 * on `output`) and the file is written atomically (render.ts). `document.render` draws the same bytes
 * in memory and returns them in base64: the renderer cannot read paths (it also runs in a browser). A
 * dunning letter is the one `dunning.letter` writes (letters.ts), for the invoice `id` at `step` on `asOf`.
 */
export const documentHandlers: Pick<Handlers<HandlerContext>, Channels> = {
  async 'document.invoice'({ db, company, now }, req) {
    const { path } = await writePrintedDocument(req.output, invoiceDocumentOf(db, company, req.invoiceId), now());
    return { path };
  },
  async 'document.creditNote'({ db, company, now }, req) {
    const note = readCreditNote(db, req.creditNoteId);
    const invoice = readInvoice(db, note.invoiceId);
    const customer = requireCustomer(db, note.customerId);
    const { path } = await writeCreditNotePdf(req.output, company, customer, note, invoice, now());
    return { path };
  },
  async 'document.render'(ctx, req) {
    const { fileName, bytes } = await renderPrintedDocument(printedDocument(ctx, req), ctx.now());
    return { fileName, pdf: bytes.toString('base64') };
  },
};
