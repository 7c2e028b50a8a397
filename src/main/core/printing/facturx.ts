import type { Company } from '../../../shared/domain/company';
import type { Db } from '../../db/open';
import { requireCustomer } from '../customers/customer-service';
import { creditNoteDocument, invoiceDocument, type PrintedDocument } from '../documents/invoice-document';
import { printedPenaltyRate } from '../dunning/penalties';
import { penaltyInvoiceDocument, penaltyInvoiceIdOf } from '../dunning/penalty-invoice';
import { creditNoteCii, invoiceCii, penaltyInvoiceCii } from '../einvoice/cii-invoice';
import { FACTURX } from '../einvoice/codes';
import { ciiXml } from '../einvoice/cii-xml';
import { readInvoice } from '../receivables/invoices';
import { readCreditNote } from '../receivables/receivables-service';

/** A document as Factur-X: the PDF it prints and the CII XML of the same data. */
export interface FacturxDocument {
  printed: PrintedDocument;
  xml: string;
}

/**
 * An invoice (or a penalty invoice, series PEN) as Factur-X: the printed document the PDF draws and the
 * EN 16931 XML mapped from the same invoice and the same printed mentions.
 */
export function invoiceFacturx(db: Db, company: Company, invoiceId: number): FacturxDocument {
  const invoice = readInvoice(db, invoiceId);
  const customer = requireCustomer(db, invoice.customerId);
  const penalty = penaltyInvoiceIdOf(db, invoiceId);
  if (penalty !== undefined) {
    const printed = penaltyInvoiceDocument(db, company, penalty);
    return { printed, xml: ciiXml(penaltyInvoiceCii(company, customer, invoice, printed)) };
  }
  const printed = invoiceDocument(company, customer, invoice, printedPenaltyRate(db, company, invoice.date));
  return { printed, xml: ciiXml(invoiceCii(company, customer, invoice, printed)) };
}

/** A credit note as Factur-X (381, naming the invoice it corrects). */
export function creditNoteFacturx(db: Db, company: Company, creditNoteId: number): FacturxDocument {
  const note = readCreditNote(db, creditNoteId);
  const invoice = readInvoice(db, note.invoiceId);
  const customer = requireCustomer(db, note.customerId);
  const printed = creditNoteDocument(company, customer, note, invoice);
  return { printed, xml: ciiXml(creditNoteCii(company, customer, note, invoice, printed)) };
}

/**
 * The printed document drawn as a Factur-X PDF/A-3b: the same pages, the XML attached as factur-x.xml
 * and declared in the XMP (render.ts), under its own file name so it never replaces the plain PDF.
 */
export function facturxPrinted({ printed, xml }: FacturxDocument): PrintedDocument {
  return {
    ...printed,
    fileName: printed.fileName.replace(/\.pdf$/, ' Factur-X.pdf'),
    facturx: { xml, fileName: FACTURX.fileName, documentType: FACTURX.documentType, version: FACTURX.version, conformanceLevel: FACTURX.conformanceLevel },
  };
}
