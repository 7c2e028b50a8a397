import type { Handlers } from '../../../shared/contract';
import { centsToString, toCents } from '../../../shared/money';
import type { ServiceContext } from '../context';
import { buildDuplicate272, buildSummary272 } from '../documents/article-272';
import { writePrintedDocument } from '../documents/invoice-pdf';

export const article272Handlers: Pick<Handlers<ServiceContext>, 'doubtful.duplicate272' | 'doubtful.summary272'> = {
  async 'doubtful.duplicate272'(ctx, req) {
    const { document, amounts } = buildDuplicate272(ctx.file.db(), req.invoiceId, ctx.today());
    const { path } = await writePrintedDocument(req.output, document, ctx.now());
    return { path, ...amounts };
  },
  async 'doubtful.summary272'(ctx, req) {
    const { document, items } = buildSummary272(ctx.file.db(), req.customerId, req.invoiceIds, ctx.today());
    const { path } = await writePrintedDocument(req.output, document, ctx.now());
    const sum = (k: 'net' | 'vat') => items.reduce((s, i) => s + toCents(i.amounts[k]), 0n);
    return { path, invoices: items.length, net: centsToString(sum('net')), vat: centsToString(sum('vat')) };
  },
};
