import type { Handlers } from '../../../shared/contract';
import { centsToString, toCents } from '../../../shared/money';
import type { HandlerContext } from '../context';
import { writePrintedDocument } from '../documents/invoice-pdf';
import { buildDuplicate272, buildSummary272 } from './article-272';

export const article272Handlers: Pick<Handlers<HandlerContext>, 'doubtful.duplicate272' | 'doubtful.summary272'> = {
  async 'doubtful.duplicate272'({ db, company, today, now, drawPdf }, req) {
    const { document, amounts } = buildDuplicate272(db, company, req.invoiceId, today());
    const { path } = await writePrintedDocument(req.output, document, now(), drawPdf);
    return { path, ...amounts };
  },
  async 'doubtful.summary272'({ db, company, today, now, drawPdf }, req) {
    const { document, items } = buildSummary272(db, company, req.customerId, req.invoiceIds, today());
    const { path } = await writePrintedDocument(req.output, document, now(), drawPdf);
    const sum = (k: 'net' | 'vat') => items.reduce((s, i) => s + toCents(i.amounts[k]), 0n);
    return { path, invoices: items.length, net: centsToString(sum('net')), vat: centsToString(sum('vat')) };
  },
};
