import { describe, expect, it } from 'vitest';
import { QuoteCreateRequest } from '../../src/shared/domain/quote';
import { lineWhy } from '../../src/renderer/components/entryWhy';
import { DEFAULT_ACCOUNTS } from '../../src/shared/accounts';
import { emptyLine, lineFormPath, linesToForm, linesToRequest, useLineTotals } from '../../src/renderer/features/invoices/lines';

// The line helpers invoices and quotes share (features/invoices/lines.ts).

describe('the lines of an invoice or a quote', () => {
  const typed = [
    { ...emptyLine(false), description: 'Ragréage', quantity: '100', unitPrice: '40', unit: 'MTK' as const },
    emptyLine(false),
    { ...emptyLine(false), description: 'Pose', quantity: '100', unitPrice: '60', discountPercent: '' },
  ];

  it('sends the lines typed, drops the blank ones, and maps an error back to the form line', () => {
    const { lines, index } = linesToRequest(typed, false);
    expect(lines).toEqual([
      { description: 'Ragréage', kind: 'services', quantity: '100', unit: 'MTK', unitPrice: '40', vatRate: '20' },
      { description: 'Pose', kind: 'services', quantity: '100', unitPrice: '60', vatRate: '20' },
    ]);
    expect(index).toEqual([0, 2]);
    expect(lineFormPath('lines.1.unitPrice', index)).toBe('lines.2.unitPrice');
    expect(lineFormPath('lines.1', index)).toBe('lines.2.description');
    expect(lineFormPath('lines', index)).toBe('lines.0.description');
    expect(lineFormPath('validUntil', index)).toBeNull();
    // The quote's own schema takes them as they are.
    expect(QuoteCreateRequest.safeParse({ customerId: 1, date: '2026-11-22', lines }).success).toBe(true);
  });

  it('totals them with the main process’s arithmetic: the worked example, 10 000 HT at 20 %', () => {
    const { totals, nets, incomplete } = useLineTotals(typed, '', false, false);
    expect(nets).toEqual([400000n, null, 600000n]);
    expect(incomplete).toEqual([]);
    expect([totals.net, totals.vat, totals.gross]).toEqual([1000000n, 200000n, 1200000n]);
  });

  it('reopens saved lines with decimal commas', () => {
    const [line] = linesToForm([{ description: 'Pose', kind: 'services', quantity: '12.5', unitPrice: '60.00', vatRate: '20' }], false);
    expect(line).toMatchObject({ quantity: '12,5', unitPrice: '60,00', unit: '', discountPercent: '', account: '' });
  });

  it('says what 4191 means on a deposit invoice and on the final invoice', () => {
    const line = { account: DEFAULT_ACCOUNTS.customerAdvances, journal: 'VT', source: 'invoice', label: '' };
    expect(lineWhy({ ...line, debit: false }, DEFAULT_ACCOUNTS)).toMatch(/acompte facturé/);
    expect(lineWhy({ ...line, debit: true }, DEFAULT_ACCOUNTS)).toMatch(/déduit/);
  });
});
