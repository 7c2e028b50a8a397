import { describe, expect, it } from 'vitest';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { companyInit } from '../../helpers/fixtures';

/** Refusals that say what is actually wrong (the hostile-input audit found each one saying something else). */
describe('a refusal names the real fault', () => {
  async function company() {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    await callOk(ctx, 'customer.create', { name: 'Dupont', kind: 'business' });
    return ctx;
  }

  it('501 lines: « 500 lignes au plus », not « au moins une ligne »', async () => {
    const ctx = await company();
    const line = { description: 'Vis', quantity: '1', unitPrice: '1', vatRate: '20', kind: 'goods' };
    const err = await callErr(ctx, 'invoice.create', { customerId: 1, date: '2026-03-01', lines: Array.from({ length: 501 }, () => line) });
    expect(err.fieldErrors?.lines).toContain('500 lignes au plus');
  });

  it('0.001 in an optional amount: « deux décimales », not « Entrée invalide »', async () => {
    const ctx = await company();
    const err = await callErr(ctx, 'customer.update', { id: 1, creditLimit: '0.001' });
    expect(err.fieldErrors?.creditLimit).toContain('au plus deux décimales');
    const entry = await callErr(ctx, 'ledger.post', { journal: 'OD', date: '2026-03-01', label: 'x', pieceRef: 'x', lines: [{ account: '512', debit: '0.001' }, { account: '758', credit: '0.001' }] });
    expect(entry.fieldErrors?.['lines.0.debit']).toContain('au plus deux décimales');
    expect(JSON.stringify(entry)).not.toContain('Entrée invalide');
  });

  it('a negative payment typed with the typographic minus (−5,00): « négatif », not « deux décimales »', async () => {
    const ctx = await company();
    const err = await callErr(ctx, 'payment.record', { customerId: 1, date: '2026-03-01', amount: '−5,00', method: 'transfer' });
    expect(err.fieldErrors?.amount).toBe('Le montant ne peut pas être négatif.');
  });

  it('an unbalanced quote in a CSV: « Guillemet non refermé » with its line, not « Colonne nom introuvable »', async () => {
    const ctx = await company();
    const err = await callErr(ctx, 'import.customers', { csv: 'nom;type\n"Martin;particulier\nDurand;professionnel\n', dryRun: true });
    expect(err.message).toContain('Guillemet non refermé dans le fichier (ligne 2)');
    expect(err.fieldErrors?.csv).toBe('Guillemet non refermé.');
  });
});
