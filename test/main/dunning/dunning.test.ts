import { describe, expect, it } from 'vitest';
import { callErr, callOk } from '../../helpers/context';
import { dunningCompany, invoice1200 } from './setup';

/** Invoices of the same customer (numbered in date order), none reminded yet, on 22 November 2026 (today in tests). */
async function fourInvoices() {
  const tc = await dunningCompany();
  const notice = await invoice1200(tc, 1, '2026-08-21', '2026-09-20'); // 63 days late: past the formal notice's day (+60)
  const call = await invoice1200(tc, 1, '2026-09-18', '2026-10-18'); // 35 days late: past the call's day (+30)
  const reminder = await invoice1200(tc, 1, '2026-10-15', '2026-11-14'); // 8 days late: written reminder (+7)
  const courtesy = await invoice1200(tc, 1, '2026-11-02', '2026-12-02'); // due in 10 days: courtesy (−15) due since 17 Nov
  const notYet = await invoice1200(tc, 1, '2026-11-20', '2026-12-20'); // due in 28 days: nothing yet
  return { tc, courtesy, reminder, call, notice, notYet };
}

describe('dunning: what is due, per invoice', () => {
  it('never skips a step: an invoice never reminded is proposed the written reminder, however late; the days only say when a step is due', async () => {
    const { tc, courtesy, reminder, call, notice, notYet } = await fourInvoices();
    const due = await callOk(tc.ctx, 'dunning.due', { asOf: '2026-11-22' });
    const byInvoice = new Map(due.rows.map((r) => [r.invoiceId, r]));
    expect(byInvoice.get(courtesy.id)).toMatchObject({ step: { key: 'courtesy', kind: 'courtesy', offsetDays: -15 }, stepDueDate: '2026-11-17', daysOverdue: -10, basis: 'invoice', penalties: { total: '0.00' } });
    expect(byInvoice.get(reminder.id)).toMatchObject({ step: { key: 'reminder', kind: 'reminder' }, stepDueDate: '2026-11-21', daysOverdue: 8, outstanding: '1200.00' });
    // 35 and 63 days late but never reminded: the written reminder (due since due date + 7), not the call nor the formal notice.
    expect(byInvoice.get(call.id)).toMatchObject({ step: { key: 'reminder' }, stepDueDate: '2026-10-25', daysOverdue: 35 });
    expect(byInvoice.get(notice.id)).toMatchObject({ step: { key: 'reminder' }, stepDueDate: '2026-09-27', daysOverdue: 63, customerName: 'Société Générale', customerKind: 'business' });
    // 63 days at 12,15 % on 1 200,00 €: 25,17 € + 40 €.
    expect(byInvoice.get(notice.id)?.penalties).toEqual({ interest: '25.17', indemnity: '40.00', total: '65.17' });
    expect(byInvoice.has(notYet.id)).toBe(false);
    expect(due.rows).toHaveLength(4);
    // A courtesy reminder speaks of a coming due date: once it has passed, it is no longer proposed, and
    // the written reminder waits for its own day (14 Nov + 7 = 21 Nov).
    const before = await callOk(tc.ctx, 'dunning.due', { asOf: '2026-11-20' });
    expect(before.rows.find((r) => r.invoiceId === reminder.id)).toBeUndefined();
    // Each step done opens the next one, in order: reminder → call → formal notice → litigation.
    await callOk(tc.ctx, 'dunning.record', { invoiceId: notice.id, step: 'reminder', date: '2026-11-22', channel: 'letter' });
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-11-22' })).rows.find((r) => r.invoiceId === notice.id)).toMatchObject({ step: { key: 'call' }, stepDueDate: '2026-10-20' });
    await callOk(tc.ctx, 'dunning.record', { invoiceId: notice.id, step: 'call', date: '2026-11-22', channel: 'phone' });
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-11-22' })).rows.find((r) => r.invoiceId === notice.id)).toMatchObject({ step: { key: 'formal-notice' }, stepDueDate: '2026-11-19' });
    // Litigation (+90 = 19 December) only after the formal notice, and not before its day.
    await callOk(tc.ctx, 'dunning.record', { invoiceId: notice.id, step: 'formal-notice', date: '2026-11-22', channel: 'letter' });
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-12-18' })).rows.find((r) => r.invoiceId === notice.id)).toBeUndefined();
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-12-19' })).rows.find((r) => r.invoiceId === notice.id)?.step.key).toBe('litigation');
  });

  it('recording a step moves only that invoice to the next step; history is per invoice', async () => {
    const { tc, reminder, call } = await fourInvoices();
    const action = await callOk(tc.ctx, 'dunning.record', { invoiceId: reminder.id, step: 'reminder', date: '2026-11-22', channel: 'letter', note: 'Lettre simple' });
    expect(action).toMatchObject({ invoiceId: reminder.id, invoiceNumber: reminder.number, step: 'reminder', stepKind: 'reminder', stepLabel: 'Relance écrite', channel: 'letter', note: 'Lettre simple' });
    const due = await callOk(tc.ctx, 'dunning.due', { asOf: '2026-11-22' });
    expect(due.rows.find((r) => r.invoiceId === reminder.id)).toBeUndefined();
    // The same customer's other invoices are not silenced (never reminded: the written reminder).
    expect(due.rows.find((r) => r.invoiceId === call.id)?.step.key).toBe('reminder');
    // Next step of the reminded invoice: the call, 30 days after its due date (14 Nov + 30 = 14 Dec).
    const later = await callOk(tc.ctx, 'dunning.due', { asOf: '2026-12-14' });
    expect(later.rows.find((r) => r.invoiceId === reminder.id)).toMatchObject({ step: { key: 'call' }, stepDueDate: '2026-12-14', lastAction: { id: action.id, step: 'reminder' } });

    await callOk(tc.ctx, 'dunning.record', { invoiceId: call.id, step: 'call', date: '2026-11-20', channel: 'phone', note: 'Le comptable promet un virement', promiseDate: '2026-11-30' });
    await callOk(tc.ctx, 'dunning.record', { invoiceId: call.id, step: 'courtesy', date: '2026-10-05', channel: 'email' });
    const h = await callOk(tc.ctx, 'dunning.history', { invoiceId: call.id });
    expect(h.rows.map((r) => [r.date, r.step])).toEqual([['2026-10-05', 'courtesy'], ['2026-11-20', 'call']]);
    expect((await callOk(tc.ctx, 'dunning.history', { invoiceId: reminder.id })).rows).toHaveLength(1);
    expect((await callOk(tc.ctx, 'dunning.history', { customerId: 1 })).rows.map((r) => r.invoiceId)).toEqual([call.id, call.id, reminder.id]);
    // A promise pending silences the invoice until the promised day has passed.
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-11-25' })).rows.find((r) => r.invoiceId === call.id)).toBeUndefined();
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-11-30' })).rows.find((r) => r.invoiceId === call.id)).toBeUndefined();
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-12-17' })).rows.find((r) => r.invoiceId === call.id)?.step.key).toBe('formal-notice');
  });

  it('keeps a written reminder and a formal notice as evidence for the doubtful-debt wizard, not a phone call', async () => {
    const { tc, notice } = await fourInvoices();
    const r = await callOk(tc.ctx, 'dunning.record', { invoiceId: notice.id, step: 'reminder', date: '2026-10-01', channel: 'email' });
    await callOk(tc.ctx, 'dunning.record', { invoiceId: notice.id, step: 'call', date: '2026-10-21', channel: 'phone' });
    const n = await callOk(tc.ctx, 'dunning.record', { invoiceId: notice.id, step: 'formal-notice', date: '2026-11-22', channel: 'letter', note: 'Recommandé 1A 234 567 8901 2' });
    const ev = await callOk(tc.ctx, 'evidence.list', { invoiceId: notice.id });
    expect(ev.rows.map((e) => [e.kind, e.date])).toEqual([['reminder', '2026-10-01'], ['formal_notice', '2026-11-22']]);
    expect(ev.rows[1]?.note).toContain('Recommandé 1A 234 567 8901 2');
    expect(r.evidenceId).toBe(ev.rows[0]?.id);
    expect(n.evidenceId).toBe(ev.rows[1]?.id);
    const cand = await callOk(tc.ctx, 'doubtful.candidates', { asOf: '2026-11-22', minDaysOverdue: 60 });
    expect(cand.rows.find((c) => c.invoiceId === notice.id)?.signals).toMatchObject({ reminders: 1, formalNotices: 1, paymentPlanBroken: false });
  });

  it('refuses drafts, paid and unknown invoices, dates before the invoice or in the future, unknown steps', async () => {
    const { tc, reminder } = await fourInvoices();
    const draft = await callOk(tc.ctx, 'invoice.create', { customerId: 1, date: '2026-10-01', lines: [{ description: 'X', quantity: '1', unitPrice: '10', vatRate: '20', kind: 'goods' }] });
    const d = await callErr(tc.ctx, 'dunning.record', { invoiceId: draft.id, step: 'reminder', date: '2026-11-22', channel: 'letter' });
    expect(d.code).toBe('CONFLICT');
    expect(d.message).toContain('brouillon');
    expect((await callErr(tc.ctx, 'dunning.record', { invoiceId: 999, step: 'reminder', date: '2026-11-22', channel: 'letter' })).code).toBe('NOT_FOUND');
    const early = await callErr(tc.ctx, 'dunning.record', { invoiceId: reminder.id, step: 'reminder', date: '2026-10-14', channel: 'letter' });
    expect(early.code).toBe('VALIDATION');
    expect(early.fieldErrors?.date).toBeDefined();
    expect((await callErr(tc.ctx, 'dunning.record', { invoiceId: reminder.id, step: 'reminder', date: '2026-11-23', channel: 'letter' })).fieldErrors?.date).toBeDefined();
    const step = await callErr(tc.ctx, 'dunning.record', { invoiceId: reminder.id, step: 'huissier', date: '2026-11-22', channel: 'letter' });
    expect(step.code).toBe('VALIDATION');
    expect(step.message).toContain('Étape de relance inconnue');
    expect(step.fieldErrors?.step).toBeDefined();
    const promise = await callErr(tc.ctx, 'dunning.record', { invoiceId: reminder.id, step: 'call', date: '2026-11-22', channel: 'phone', promiseDate: '2026-11-01' });
    expect(promise.fieldErrors?.promiseDate).toBeDefined();
    await callOk(tc.ctx, 'payment.record', { customerId: 1, date: '2026-11-21', amount: '1200.00', method: 'transfer', allocations: [{ invoiceId: reminder.id, amount: '1200.00' }] });
    const paid = await callErr(tc.ctx, 'dunning.record', { invoiceId: reminder.id, step: 'reminder', date: '2026-11-22', channel: 'letter' });
    expect(paid.code).toBe('CONFLICT');
    expect(paid.message).toContain('réglée');
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-11-22' })).rows.find((r) => r.invoiceId === reminder.id)).toBeUndefined();
    expect((await callOk(tc.ctx, 'dunning.history', { invoiceId: reminder.id })).rows).toEqual([]);
    expect((await callOk(tc.ctx, 'evidence.list', { invoiceId: reminder.id })).rows).toEqual([]);
  });

  it('follows the scenario of the customer kind, as the owner set it', async () => {
    const tc = await dunningCompany();
    const consumer = await invoice1200(tc, 2, '2026-09-01', '2026-10-01');
    const business = await invoice1200(tc, 1, '2026-09-01', '2026-10-01');
    const def = await callOk(tc.ctx, 'dunning.scenario.get', {});
    expect(def.business.map((s) => [s.key, s.offsetDays])).toEqual([['courtesy', -15], ['reminder', 7], ['call', 30], ['formal-notice', 60], ['litigation', 90]]);
    await callOk(tc.ctx, 'dunning.scenario.set', { business: def.business, consumer: [{ key: 'rappel', label: 'Rappel', kind: 'reminder', offsetDays: 10 }, { key: 'med', label: 'Mise en demeure', kind: 'formal_notice', offsetDays: 45 }] });
    const due = await callOk(tc.ctx, 'dunning.due', { asOf: '2026-11-22' });
    // Never reminded: each kind's first step after the due date (the consumer's « rappel » at +10, the business's reminder at +7).
    expect(due.rows.find((r) => r.invoiceId === consumer.id)).toMatchObject({ step: { key: 'rappel' }, stepDueDate: '2026-10-11', customerKind: 'consumer', penalties: { indemnity: '0.00' } });
    expect(due.rows.find((r) => r.invoiceId === business.id)?.step.key).toBe('reminder');
    const bad = await callErr(tc.ctx, 'dunning.record', { invoiceId: consumer.id, step: 'call', date: '2026-11-22', channel: 'phone' });
    expect(bad.message).toContain('rappel, med');
  });

  it('templates: placeholders filled in the e-mail, unknown ones refused in French, custom ones kept and reset', async () => {
    const { tc, notice } = await fourInvoices();
    const mail = await callOk(tc.ctx, 'dunning.email', { invoiceId: notice.id, step: 'formal-notice', asOf: '2026-11-22' });
    expect(mail.subject).toBe(`Mise en demeure de payer : facture ${notice.number}`);
    expect(mail.body).not.toMatch(/[{}]/);
    const body = mail.body.replace(/[\u00a0\u202f]/g, ' ');
    expect(body).toContain('la somme de 1 265,17 € (reste dû et pénalités de retard : intérêts de retard de 25,17 € et indemnité forfaitaire pour frais de recouvrement de 40,00 €) au plus tard le 30 novembre 2026');
    expect(body).toContain('du 21 août 2026, échue le 20 septembre 2026');

    const refused = await callErr(tc.ctx, 'dunning.templates.set', { templates: [{ kind: 'reminder', subject: 'Relance {facture}', letter: 'Bonjour {prenom},', email: 'Bonjour' }] });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.fieldErrors?.['templates.0.letter']).toContain('Variable inconnue : {prenom}');
    const saved = await callOk(tc.ctx, 'dunning.templates.set', { templates: [{ kind: 'reminder', subject: 'Votre facture {facture}', letter: 'Madame, Monsieur,\n\nReste dû : {reste}.', email: 'Bonjour {client}, reste dû : {reste} ({retard} jours de retard).' }] });
    expect(saved.templates.find((t) => t.kind === 'reminder')).toMatchObject({ custom: true, subject: 'Votre facture {facture}' });
    expect(saved.placeholders).toHaveProperty('penalites');
    const custom = await callOk(tc.ctx, 'dunning.email', { invoiceId: notice.id, step: 'reminder', asOf: '2026-11-22' });
    expect(custom.body.replace(/[\u00a0\u202f]/g, ' ')).toBe('Bonjour Société Générale, reste dû : 1 200,00 € (63 jours de retard).');
    const reset = await callOk(tc.ctx, 'dunning.templates.set', { templates: [], reset: ['reminder'] }).catch(() => null);
    expect(reset).toBeNull(); // at least one template: a reset goes with the templates it keeps
    const back = await callOk(tc.ctx, 'dunning.templates.set', { templates: [{ kind: 'courtesy', subject: 'Échéance {facture}', letter: 'Madame, Monsieur,', email: 'Bonjour' }], reset: ['reminder'] });
    expect(back.templates.find((t) => t.kind === 'reminder')?.custom).toBe(false);
  });
});
