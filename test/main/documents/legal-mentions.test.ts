import { describe, expect, it } from 'vitest';
import { LEGAL_MENTIONS, mentionAt, mentionText, type MentionId } from '../../../src/main/core/documents/legal-mentions';
import { formatDecimal, formatPercent, formatUnitPrice } from '../../../src/shared/money';
import { expectFrench } from '../../helpers/french';

describe('the dated table of legal mentions', () => {
  it('gives every mention a legal reference, a start date and French wording', () => {
    for (const [id, rows] of Object.entries(LEGAL_MENTIONS)) {
      expect(rows.length, id).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.id).toBe(id);
        expect(row.reference, id).toMatch(/\S/);
        expect(row.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (row.to) expect(row.to >= row.from, id).toBe(true);
      }
    }
  });

  it('never has two rows of one mention in force on the same day', () => {
    for (const rows of Object.values(LEGAL_MENTIONS)) {
      const sorted = [...rows].sort((a, b) => a.from.localeCompare(b.from));
      sorted.slice(1).forEach((row, i) => expect((sorted[i]?.to ?? '9999-12-31') < row.from).toBe(true));
    }
  });

  it('writes the wording law.md requires', () => {
    const on = '2026-10-01';
    expect(mentionText('escompteNone', on, {})).toBe('Escompte pour paiement anticipé : néant.');
    expect(mentionText('vatFranchise', on, {})).toBe('TVA non applicable, art. 293 B du CGI.');
    expect(mentionText('vatOnDebits', on, {})).toBe('Option pour le paiement de la taxe d’après les débits.');
    expect(mentionText('recoveryIndemnity', on, {})).toContain('40,00\u00a0€');
    expect(mentionAt('recoveryIndemnity', on)?.reference).toContain('D441-5');
    expect(mentionText('natureOfOperation', on, { goods: true, services: false })).toBe('Nature de l’opération : livraison de biens.');
    expect(mentionText('natureOfOperation', on, { goods: false, services: true })).toBe('Nature de l’opération : prestation de services.');
    expect(mentionText('natureOfOperation', on, { goods: true, services: true })).toBe('Nature de l’opération : livraison de biens et prestation de services.');
    expect(mentionText('latePenalty', on, { rate: '12.15', ecb: true })).toBe(
      'Pénalités de retard : taux annuel de 12,15\u00a0% (taux de refinancement de la BCE majoré de 10 points), exigibles dès le lendemain de la date d’échéance, sans qu’un rappel soit nécessaire.',
    );
    expect(mentionText('unpaid272', on, { net: '1000.00', vat: '200.00' })).toBe(
      'Facture demeurée impayée pour la somme de 1\u202f000,00\u00a0€ (prix net) et pour la somme de 200,00\u00a0€ (TVA correspondante) qui ne peut faire l’objet d’une déduction (article 272 du CGI).',
    );
    for (const id of Object.keys(LEGAL_MENTIONS) as MentionId[]) {
      const row = mentionAt(id, on);
      if (row) expectFrench(row.text({ percent: '2', days: 10, until: on, amountDue: '98.00', gross: '100.00', rate: '10', ecb: false, goods: true, services: true, invoiceNumber: 'F2026-00001', invoiceDate: on, net: '1.00', vat: '0.20' } as never));
    }
  });

  it('applies the décret 2022-1299 mentions from 1 September 2026 only', () => {
    for (const id of ['vatOnDebits', 'natureOfOperation'] as const) {
      expect(mentionAt(id, '2026-08-31'), id).toBeUndefined();
      expect(mentionAt(id, '2026-09-01'), id).toBeDefined();
    }
  });
});

describe('number formats for documents (money.ts)', () => {
  it('formats quantities and rates with a decimal comma and only the decimals they need', () => {
    expect(formatDecimal('1.5')).toBe('1,5');
    expect(formatDecimal('2.000')).toBe('2');
    expect(formatDecimal('1234.25')).toBe('1\u202f234,25');
    expect(formatPercent('5.5')).toBe('5,5\u00a0%');
    expect(formatPercent('20')).toBe('20\u00a0%');
  });

  it('keeps up to four decimals of a unit price, two at least', () => {
    expect(formatUnitPrice('45.5')).toBe('45,50\u00a0€');
    expect(formatUnitPrice('1000')).toBe('1\u202f000,00\u00a0€');
    expect(formatUnitPrice('12.3456')).toBe('12,3456\u00a0€');
    expect(formatUnitPrice('12.3450')).toBe('12,345\u00a0€');
    expect(formatUnitPrice('1234.1')).toBe('1\u202f234,10\u00a0€');
  });
});
