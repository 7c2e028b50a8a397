import { describe, expect, it } from 'vitest';
import { ECB_REFINANCING_RATES, latePenaltyRateAt } from '../../../src/main/core/dunning/legal-rates';
import { addDays } from '../../../src/shared/dates';

describe('the late-payment penalty rate', () => {
  it('is ECB + 10 points of the half-year of the day: 12,15 % in H1 2026 (law.md)', () => {
    expect(latePenaltyRateAt('2026-01-01')).toEqual({ rate: '12.15', source: 'ecb', confirmed: true });
    expect(latePenaltyRateAt('2026-06-30')).toEqual({ rate: '12.15', source: 'ecb', confirmed: true });
    expect(latePenaltyRateAt('2024-03-15')).toMatchObject({ rate: '14.5', confirmed: true });
    expect(latePenaltyRateAt('2025-07-01')).toMatchObject({ rate: '12.15', confirmed: true });
  });

  it('says when the half-year’s rate is an assumption, and after the table keeps the last rate, unconfirmed', () => {
    expect(latePenaltyRateAt('2026-07-01')).toMatchObject({ source: 'ecb', confirmed: false });
    expect(latePenaltyRateAt('2031-02-01')).toMatchObject({ source: 'ecb', confirmed: false });
  });

  it('is the company’s own rate when it set one', () => {
    expect(latePenaltyRateAt('2026-03-01', '15.50')).toEqual({ rate: '15.5', source: 'company', confirmed: true });
  });

  it('covers contiguous half-years without gaps', () => {
    ECB_REFINANCING_RATES.forEach((r, i) => {
      expect(r.from.slice(5)).toMatch(/^(01-01|07-01)$/);
      const next = ECB_REFINANCING_RATES[i + 1];
      if (next) expect(next.from).toBe(addDays(r.to, 1));
    });
  });
});
