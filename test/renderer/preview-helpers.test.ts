import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNTS } from '../../src/shared/accounts';
import { PaymentRecordRequest } from '../../src/shared/domain/payment';
import { AppError } from '../../src/shared/errors';
import { lineWhy } from '../../src/renderer/components/entryWhy';
import { applyServerErrors, requestResolver } from '../../src/renderer/components/form/serverErrors';
import { centsOrNull, decimalOrNull, inputText } from '../../src/renderer/lib/amounts';

describe('what a form types and shows back', () => {
  it('reads amounts and decimals without rounding', () => {
    expect(centsOrNull('1 234,5')).toBe(123450n);
    expect(centsOrNull('12,345')).toBeNull();
    expect(decimalOrNull('12,3456')).toBe('12.3456');
    expect(decimalOrNull('12,34567')).toBeNull();
  });

  it('puts cents and canonical decimals back with a decimal comma', () => {
    expect(inputText(123456n)).toBe('1234,56');
    expect(inputText('12.5')).toBe('12,5');
    expect(inputText(undefined)).toBe('');
  });
});

describe('the main process’s field paths in a form', () => {
  it('places a request path where the form shows it, and leaves the rest for the panel', () => {
    const set: Record<string, string> = {};
    const err = new AppError('VALIDATION', 'Refusé.', { 'allocations.0.amount': 'Au plus 600,00 €.', allocations: 'Répartition supérieure au montant.' });
    const placed = applyServerErrors(err, (field, e) => (set[field] = e.message ?? ''), (path) => (path === 'allocations.0.amount' ? 'invoices.i12.amount' : null));
    expect(placed).toEqual(['invoices.i12.amount']);
    expect(set).toEqual({ 'invoices.i12.amount': 'Au plus 600,00 €.' });
  });

  it('judges the request with the contract’s schema and says its issues under the form’s fields', async () => {
    type Values = { customerId: number | null; amount: string };
    const resolver = requestResolver<Values>(
      PaymentRecordRequest,
      (v) => ({ request: { customerId: v.customerId ?? 0, date: '2026-11-22', amount: v.amount, method: 'transfer' }, fields: ['customerId', 'amount'] }),
      { customerId: 'Choisissez le client qui a payé.' },
    );
    const bad = await resolver({ customerId: null, amount: '12,345' }, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(bad.errors.customerId?.message).toBe('Choisissez le client qui a payé.');
    expect(bad.errors.amount?.message).toMatch(/deux décimales/);
    const good = await resolver({ customerId: 1, amount: '1 200,50' }, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(good.errors).toEqual({});
  });
});

describe('each line of a previewed entry in plain words', () => {
  const why = (account: string, debit: boolean, journal: string, source?: string) => lineWhy({ account, debit, journal, source }, DEFAULT_ACCOUNTS);

  it('says what the account does on that side, for that operation', () => {
    expect(why('411', true, 'VT', 'invoice')).toBe('Ce que le client vous doit, TVA comprise');
    expect(why('44571', false, 'VT', 'invoice')).toBe('La TVA que vous reverserez à l’État');
    expect(why('44571', false, 'BQ', 'payment')).toMatch(/devient due/);
    expect(why('44571', true, 'VT', 'credit_note')).toBe('La TVA que vous ne devez plus à l’État');
    expect(why('44571', true, 'OD', 'writeOff')).toMatch(/article 272/);
    expect(why('4191', true, 'BQ', 'advance_refund')).toBe('Vous ne devez plus cette avance au client');
    expect(why('706100', false, 'VT', 'invoice')).toBe('Votre chiffre d’affaires (HT)');
    expect(why('627', true, 'OD', 'manual')).toBe('');
    expect(why('44571', false, 'OD', 'manual')).toBe('La TVA que vous reverserez à l’État');
  });
});
