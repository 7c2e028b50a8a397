import type { Handlers, Request } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Company } from '../../../shared/domain/company';
import type { Db } from '../../db/open';
import type { HandlerContext } from '../context';
import { requireCustomer } from '../customers/customer-service';
import { creditNoteDocument, invoiceDocument, type PrintedDocument } from '../documents/invoice-document';
import { renderPrintedDocument, writePrintedDocument } from '../documents/invoice-pdf';
import { buildDuplicate272, buildSummary272 } from '../doubtful/article-272';
import { dunningLetterDocument } from '../dunning/letters';
import { printedPenaltyRate } from '../dunning/penalties';
import { penaltyInvoiceDocument, penaltyInvoiceIdOf, penaltyReceivableId } from '../dunning/penalty-invoice';
import { readInvoice } from '../receivables/invoices';
import { readCreditNote } from '../receivables/receivables-service';
import { reconciliation } from '../bank/reconciliation';
import { reconciliationDocument } from './bank-reconciliation-document';
import { creditNoteFacturx, facturxPrinted, invoiceFacturx } from './facturx';
import { customerStatement } from '../receivables/reports';
import { statementDocument } from './statement-document';
import { planDocument } from '../dunning/plan-document';
import { accountMap } from '../ledger/accounts';
import { exportFacturxBatch } from './facturx-batch';
import { startJob } from '../jobs';
import { readQuote } from '../quotes/quotes';
import { quoteDocument } from './quote-document';

/**
 * The document channels. They sit above the domains: each domain lays out its own documents (letters and
 * penalty invoices in dunning/, the Article 272 documents in doubtful/) with the primitives of documents/,
 * which imports no domain; this module reads the file and picks the builder.
 */

type Channels = 'document.invoice' | 'document.creditNote' | 'document.render' | 'document.facturxBatch';

/**
 * An invoice laid out from the company file, with the penalty rate of its table (penalty.rates); a penalty
 * invoice (series PEN) in its own layout.
 */
function invoiceDocumentOf(db: Db, company: Company, invoiceId: number): PrintedDocument {
  const penalty = penaltyInvoiceIdOf(db, invoiceId);
  if (penalty !== undefined) return penaltyInvoiceDocument(db, company, penalty);
  const invoice = readInvoice(db, invoiceId);
  return invoiceDocument(company, requireCustomer(db, invoice.customerId), invoice, printedPenaltyRate(db, company, invoice.date));
}

function creditNoteDocumentOf(db: Db, company: Company, creditNoteId: number): PrintedDocument {
  const note = readCreditNote(db, creditNoteId);
  const invoice = readInvoice(db, note.invoiceId);
  return creditNoteDocument(company, requireCustomer(db, note.customerId), note, invoice);
}

/** The document `document.render` asks for, laid out from the company file (read only). */
function printedDocument({ db, company, today: todayOf }: Pick<HandlerContext, 'db' | 'company' | 'today'>, req: Request<'document.render'>): PrintedDocument {
  if (req.format === 'facturx') return facturxDocumentOf(db, company, req);
  const today = todayOf();
  if (req.kind === 'bankReconciliation') return reconciliationDocument(company, reconciliation(db, req.asOf ?? today));
  // The schema requires the id of every other kind.
  const id = req.id ?? 0;
  switch (req.kind) {
    case 'invoice':
      return invoiceDocumentOf(db, company, id);
    case 'creditNote':
      return creditNoteDocumentOf(db, company, id);
    case 'duplicate272':
      return buildDuplicate272(db, company, id, today).document;
    case 'summary272':
      return buildSummary272(db, company, id, undefined, today).document;
    case 'dunningLetter': {
      if (!req.step) {
        const message = 'Indiquez l’étape de relance de la lettre (step).';
        throw new AppError('VALIDATION', message, { step: message });
      }
      return dunningLetterDocument(db, company, id, req.step, req.asOf ?? today).document;
    }
    case 'penaltyInvoice':
      return penaltyInvoiceDocument(db, company, id);
    case 'statement': {
      const to = req.asOf ?? today;
      const customer = requireCustomer(db, id);
      const data = customerStatement(db, customer.id, accountMap(db), today, req.from, to);
      return statementDocument(company, customer, data, { from: req.from, to }, today);
    }
    case 'plan':
      return planDocument(db, company, id, req.asOf ?? today);
    case 'quote': {
      const quote = readQuote(db, id, today);
      return quoteDocument(company, requireCustomer(db, quote.customerId), quote);
    }
  }
}

/** A Factur-X: an invoice, a penalty invoice (by its own id or its receivable's) or a credit note. */
function facturxDocumentOf(db: Db, company: Company, req: Request<'document.render'>): PrintedDocument {
  // The schema requires the id of these kinds.
  const id = req.id ?? 0;
  switch (req.kind) {
    case 'invoice':
      return facturxPrinted(invoiceFacturx(db, company, id));
    case 'creditNote':
      return facturxPrinted(creditNoteFacturx(db, company, id));
    case 'penaltyInvoice': {
      const receivable = penaltyReceivableId(db, id);
      return facturxPrinted(invoiceFacturx(db, company, receivable));
    }
    default: {
      const message = 'Factur-X : seules une facture, une facture de pénalités ou un avoir s’exportent en Factur-X.';
      throw new AppError('VALIDATION', message, { format: message });
    }
  }
}

/**
 * A document's PDF in memory, exactly the bytes `document.render` returns (the e-mails attach these):
 * its standard file name and its bytes.
 */
export function renderDocument(ctx: Pick<HandlerContext, 'db' | 'company' | 'today' | 'now' | 'drawPdf'>, req: Request<'document.render'>): Promise<{ fileName: string; bytes: Buffer }> {
  return renderPrintedDocument(printedDocument(ctx, req), ctx.now(), ctx.drawPdf);
}

/**
 * The PDF channels. They only read the company file: the document is read first (NOT_FOUND for an
 * unknown id), then, for the file channels, the output is checked before anything is drawn (VALIDATION
 * on `output`) and the file is written atomically (files/atomic-write.ts). `document.render` draws the
 * same bytes in memory and returns them in base64: the renderer cannot read paths (it also runs in a
 * browser). A dunning letter is the one `dunning.letter` writes (letters.ts), for the invoice `id` at
 * `step` on `asOf`.
 */
export const printingHandlers: Pick<Handlers<HandlerContext>, Channels> = {
  async 'document.invoice'({ db, company, now, drawPdf }, req) {
    const document = req.format === 'facturx' ? facturxPrinted(invoiceFacturx(db, company, req.invoiceId)) : invoiceDocumentOf(db, company, req.invoiceId);
    const { path } = await writePrintedDocument(req.output, document, now(), drawPdf);
    return { path };
  },
  async 'document.creditNote'({ db, company, now, drawPdf }, req) {
    const document = req.format === 'facturx' ? facturxPrinted(creditNoteFacturx(db, company, req.creditNoteId)) : creditNoteDocumentOf(db, company, req.creditNoteId);
    const { path } = await writePrintedDocument(req.output, document, now(), drawPdf);
    return { path };
  },
  async 'document.render'(ctx, req) {
    const { fileName, bytes } = await renderDocument(ctx, req);
    return { fileName, pdf: bytes.toString('base64') };
  },
  async 'document.facturxBatch'({ db, company, now, drawPdf }, req) {
    // Registered before anything else, so a job.status sent right after this call already finds it.
    const job = req.jobId ? startJob(req.jobId) : undefined;
    try {
      return await exportFacturxBatch(db, company, req, now(), drawPdf, job);
    } finally {
      job?.finish();
    }
  },
};
