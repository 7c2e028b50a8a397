import type { Handlers } from '../../../shared/contract';
import type { Db } from '../../db/open';
import { requireCompany } from '../company/company-service';
import type { ServiceContext } from '../context';
import { writePrintedDocument } from '../documents/invoice-pdf';
import { history, recordAction } from './actions';
import { dunningDue } from './due';
import { dunningEmail, dunningLetterDocument } from './letters';
import { cancelPlan, createPlan, listPlans } from './payment-plans';
import { penaltyRates, setPenaltyRate } from './penalties';
import { invoicePenalties, penaltiesWithInvoiced, penaltyInvoiceDocument } from './penalty-invoice';
import { readScenario, saveScenario } from './scenario';
import { readTemplates, saveTemplates } from './templates';

type Channels =
  | 'dunning.due' | 'dunning.record' | 'dunning.history' | 'dunning.letter' | 'dunning.email'
  | 'dunning.scenario.get' | 'dunning.scenario.set' | 'dunning.templates.get' | 'dunning.templates.set'
  | 'penalty.rates.list' | 'penalty.rates.set' | 'penalty.compute' | 'penalty.invoice' | 'penalty.document'
  | 'paymentPlan.create' | 'paymentPlan.list' | 'paymentPlan.cancel';

function readDb(ctx: ServiceContext): Db {
  const db = ctx.file.db();
  requireCompany(db);
  return db;
}

function write<T>(ctx: ServiceContext, fn: (db: Db) => T): T {
  return ctx.file.write((db) => {
    requireCompany(db);
    return fn(db);
  });
}

export const dunningHandlers: Pick<Handlers<ServiceContext>, Channels> = {
  'dunning.due'(ctx, req) {
    return { rows: dunningDue(readDb(ctx), req.asOf, req.customerId) };
  },
  'dunning.record'(ctx, req) {
    return write(ctx, (db) => recordAction(db, req, ctx.today(), ctx.now()));
  },
  'dunning.history'(ctx, req) {
    return { rows: history(readDb(ctx), req) };
  },
  async 'dunning.letter'(ctx, req) {
    const { document, context } = dunningLetterDocument(readDb(ctx), req.invoiceId, req.step, req.asOf ?? ctx.today());
    const { path } = await writePrintedDocument(req.output, document, ctx.now());
    const p = context.penalties;
    return { path, penalties: { interest: p.interest, indemnity: p.indemnity, total: p.total } };
  },
  'dunning.email'(ctx, req) {
    return dunningEmail(readDb(ctx), req.invoiceId, req.step, req.asOf ?? ctx.today());
  },
  'dunning.scenario.get'(ctx) {
    return readScenario(readDb(ctx));
  },
  'dunning.scenario.set'(ctx, req) {
    return write(ctx, (db) => {
      saveScenario(db, req);
      return readScenario(db);
    });
  },
  'dunning.templates.get'(ctx) {
    return readTemplates(readDb(ctx));
  },
  'dunning.templates.set'(ctx, req) {
    return write(ctx, (db) => {
      saveTemplates(db, req, ctx.now());
      return readTemplates(db);
    });
  },
  'penalty.rates.list'(ctx) {
    return { rows: penaltyRates(readDb(ctx)) };
  },
  'penalty.rates.set'(ctx, req) {
    return write(ctx, (db) => {
      setPenaltyRate(db, req, ctx.now());
      return { rows: penaltyRates(db) };
    });
  },
  'penalty.compute'(ctx, req) {
    return penaltiesWithInvoiced(readDb(ctx), req.invoiceId, req.asOf);
  },
  'penalty.invoice'(ctx, req) {
    return write(ctx, (db) => invoicePenalties(db, req, ctx.today(), ctx.now()));
  },
  async 'penalty.document'(ctx, req) {
    const { path } = await writePrintedDocument(req.output, penaltyInvoiceDocument(readDb(ctx), req.penaltyInvoiceId), ctx.now());
    return { path };
  },
  'paymentPlan.create'(ctx, req) {
    return write(ctx, (db) => createPlan(db, req, ctx.today(), ctx.now()));
  },
  'paymentPlan.list'(ctx, req) {
    return { rows: listPlans(readDb(ctx), req, req.asOf ?? ctx.today()) };
  },
  'paymentPlan.cancel'(ctx, req) {
    return write(ctx, (db) => cancelPlan(db, req.id, ctx.today(), ctx.now()));
  },
};
