import { describe, expect, it } from 'vitest';
import { nestErrors } from '../../src/renderer/components/form/serverErrors';

describe('nestErrors', () => {
  it('puts "lines.1.amount" under the second row of an array and keeps the first message of a field', () => {
    const errors = nestErrors<{ date: string; lines: { amount: string; date: string }[] }>({
      date: 'Date invalide.',
      'lines.1.amount': 'Montant invalide.',
      'lines.1.date': 'Date antérieure.',
    });
    expect(errors.date).toEqual({ type: 'validate', message: 'Date invalide.' });
    expect(Array.isArray(errors.lines)).toBe(true);
    expect(errors.lines?.[0]).toBeUndefined();
    expect(errors.lines?.[1]?.amount?.message).toBe('Montant invalide.');
    expect(errors.lines?.[1]?.date?.message).toBe('Date antérieure.');
  });
});
