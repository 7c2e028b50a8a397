import { callOk, testCompany } from '../../helpers/context';
import { companyInit, jeanneMartin, societeGenerale } from '../../helpers/fixtures';

/**
 * A company without its own penalty rate (so the legal table applies: 12,15 % for H1 2026), a business
 * customer (id 1, Société Générale) and a consumer (id 2, Jeanne Martin). Today is 2026-11-22.
 */
export async function dunningCompany(options: { latePenaltyRate?: string } = {}) {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, latePenaltyRate: options.latePenaltyRate ?? '' });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  await callOk(tc.ctx, 'customer.create', jeanneMartin);
  return tc;
}

/** A validated invoice of 1 000,00 € HT + 20 % = 1 200,00 € TTC. */
export async function invoice1200(tc: { ctx: Parameters<typeof callOk>[0] }, customerId: number, date: string, dueDate: string) {
  return callOk(tc.ctx, 'invoice.create', {
    customerId, date, dueDate, validate: true,
    lines: [{ description: 'Charpente en chêne', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }],
  });
}
