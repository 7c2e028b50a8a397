import type { Handlers } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { centsToString, toCents } from '../../../shared/money';
import { stmt } from '../../db/statements';
import { requireCompany } from '../company/company-service';
import type { ServiceContext } from '../context';
import { requireCustomer } from '../customers/customer-service';
import { duplicate272Document, summary272Document } from '../documents/article-272';
import { invoiceDocument } from '../documents/invoice-document';
import { writePrintedDocument } from '../documents/invoice-pdf';
import { readInvoice } from '../receivables/invoices';
import { unpaid272 } from './doubtful';

export const article272Handlers: Pick<Handlers<ServiceContext>, 'doubtful.duplicate272' | 'doubtful.summary272'> = {
  async 'doubtful.duplicate272'(ctx, req) {
    const db = ctx.file.db();
    const company = requireCompany(db);
    const { net, vat } = unpaid272(db, req.invoiceId);
    const invoice = readInvoice(db, req.invoiceId);
    const customer = requireCustomer(db, invoice.customerId);
    const amounts = { net: centsToString(net), vat: centsToString(vat) };
    const { path } = await writePrintedDocument(req.output, duplicate272Document(company, customer, invoice, amounts, ctx.now().toISOString().slice(0, 10)), ctx.now());
    return { path, ...amounts };
  },
  async 'doubtful.summary272'(ctx, req) {
    const db = ctx.file.db();
    const company = requireCompany(db);
    const customer = requireCustomer(db, req.customerId);
    // Without a list: every written-off invoice of the customer with VAT regularised.
    const ids = req.invoiceIds ?? (stmt(db, 'SELECT w.invoice_id FROM write_off w JOIN invoice i ON i.id = w.invoice_id WHERE i.customer_id = ? AND w.vat_regularised_cents > 0 ORDER BY i.date, i.number').pluck().all(customer.id) as number[]);
    if (ids.length === 0) throw new AppError('CONFLICT', `Aucune facture de ${customer.name} n’a de TVA régularisée : il n’y a pas d’état récapitulatif à établir.`);
    const items = ids.map((id) => {
      const invoice = readInvoice(db, id);
      if (invoice.customerId !== customer.id) throw new AppError('CONFLICT', `La facture ${invoice.number} est celle d’un autre client.`);
      const { net, vat } = unpaid272(db, id);
      return { invoice, amounts: { net: centsToString(net), vat: centsToString(vat) } };
    });
    const base = invoiceDocument(company, customer, items[0]!.invoice);
    const doc = summary272Document(company, customer, items, ctx.now().toISOString().slice(0, 10), base);
    const { path } = await writePrintedDocument(req.output, doc, ctx.now());
    const sum = (k: 'net' | 'vat') => items.reduce((s, i) => s + toCents(i.amounts[k]), 0n);
    return { path, invoices: items.length, net: centsToString(sum('net')), vat: centsToString(sum('vat')) };
  },
};
