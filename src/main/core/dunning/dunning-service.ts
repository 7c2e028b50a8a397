import type { Handlers } from '../../../shared/contract';
import type { HandlerContext } from '../context';
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

export const dunningHandlers: Pick<Handlers<HandlerContext>, Channels> = {
  'dunning.due'({ db, company }, req) {
    return { rows: dunningDue(db, company, req.asOf, req.customerId) };
  },
  'dunning.record'({ db, now, today }, req) {
    return recordAction(db, req, today(), now());
  },
  'dunning.history'({ db }, req) {
    return { rows: history(db, req) };
  },
  async 'dunning.letter'({ db, company, now, today, drawPdf }, req) {
    const { document, context } = dunningLetterDocument(db, company, req.invoiceId, req.step, req.asOf ?? today());
    const { path } = await writePrintedDocument(req.output, document, now(), drawPdf);
    const p = context.penalties;
    return { path, penalties: { interest: p.interest, indemnity: p.indemnity, total: p.total } };
  },
  'dunning.email'({ db, company, today }, req) {
    return dunningEmail(db, company, req.invoiceId, req.step, req.asOf ?? today());
  },
  'dunning.scenario.get'({ db }) {
    return readScenario(db);
  },
  'dunning.scenario.set'({ db }, req) {
    saveScenario(db, req);
    return readScenario(db);
  },
  'dunning.templates.get'({ db }) {
    return readTemplates(db);
  },
  'dunning.templates.set'({ db, now }, req) {
    saveTemplates(db, req, now());
    return readTemplates(db);
  },
  'penalty.rates.list'({ db }) {
    return { rows: penaltyRates(db) };
  },
  'penalty.rates.set'({ db, now }, req) {
    setPenaltyRate(db, req, now());
    return { rows: penaltyRates(db) };
  },
  'penalty.compute'({ db, company }, req) {
    return penaltiesWithInvoiced(db, company, req.invoiceId, req.asOf);
  },
  'penalty.invoice'({ db, company, now, today }, req) {
    return invoicePenalties(db, company, req, today(), now());
  },
  async 'penalty.document'({ db, company, now, drawPdf }, req) {
    const { path } = await writePrintedDocument(req.output, penaltyInvoiceDocument(db, company, req.penaltyInvoiceId), now(), drawPdf);
    return { path };
  },
  'paymentPlan.create'({ db, now, today }, req) {
    return createPlan(db, req, today(), now());
  },
  'paymentPlan.list'({ db, today }, req) {
    return { rows: listPlans(db, req, req.asOf ?? today()) };
  },
  'paymentPlan.cancel'({ db, now, today }, req) {
    return cancelPlan(db, req.id, today(), now());
  },
};
