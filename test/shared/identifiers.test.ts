import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkVatNumber, compactId, frenchVatKey, frenchVatNumberFor, isValidBic, isValidIban, isValidSiren, sirenOfVatNumber,
} from '../../src/shared/identifiers';

/** The Luhn check digit that makes `eight` + digit a valid SIREN. */
function luhnDigit(eight: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = `${eight}${d}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) {
      let n = Number(candidate[8 - i]);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      sum += n;
    }
    if (sum % 10 === 0) return String(d);
  }
  throw new Error('unreachable');
}

const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((a) => a.join(''));
const validSiren = digits(8).map((eight) => `${eight}${luhnDigit(eight)}`);

describe('SIREN', () => {
  it('accepts SIRENs whose Luhn key is right', () => {
    for (const siren of ['732829320', '552120222', '443061841', '542051180']) expect(isValidSiren(siren), siren).toBe(true);
  });

  it('refuses a SIREN whose Luhn key is wrong', () => {
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('123456789')).toBe(false);
  });

  it('accepts La Poste’s 356000000, the documented exception to the Luhn rule', () => {
    expect(isValidSiren('356000000')).toBe(true);
    expect(isValidSiren('356000001')).toBe(false);
  });

  it('refuses anything that is not exactly nine digits', () => {
    for (const bad of ['', '73282932', '7328293200', '73282932a', '732 829 320', ' 732829320']) expect(isValidSiren(bad), bad).toBe(false);
  });

  it('refuses a valid SIREN with any single digit changed', () => {
    fc.assert(
      fc.property(validSiren, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (siren, pos, delta) => {
        const changed = String((Number(siren[pos]) + delta) % 10);
        const mutated = siren.slice(0, pos) + changed + siren.slice(pos + 1);
        fc.pre(mutated !== '356000000');
        expect(isValidSiren(siren)).toBe(true);
        expect(isValidSiren(mutated)).toBe(false);
      }),
    );
  });

  it('compacts what people type: spaces, dots, dashes, non-breaking spaces, lower case', () => {
    expect(compactId('732 829 320')).toBe('732829320');
    expect(compactId('fr 44.732-829\u00a0320\u202f')).toBe('FR44732829320');
  });
});

describe('French VAT number', () => {
  it('computes the key from the SIREN: 732829320 → FR44732829320', () => {
    expect(frenchVatKey('732829320')).toBe('44');
    expect(frenchVatNumberFor('732829320')).toBe('FR44732829320');
    expect(frenchVatNumberFor('552120222')).toBe('FR27552120222');
  });

  it('pads a key below 10 with a zero', () => {
    // 12 + 3 × (SIREN mod 97) ≡ 3 (mod 97) for SIREN 000000094: 94 × 3 + 12 = 294 = 3 × 97 + 3.
    expect(frenchVatKey('000000094')).toBe('03');
  });

  it('accepts a French VAT number whose key matches its SIREN', () => {
    expect(checkVatNumber('FR44732829320')).toEqual({ ok: true });
  });

  it('refuses a French VAT number with a wrong key and names the right one', () => {
    const check = checkVatNumber('FR45732829320');
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain('FR44732829320');
  });

  it('refuses a malformed French VAT number and a non-EU prefix', () => {
    expect(checkVatNumber('FR4473282932').ok).toBe(false);
    expect(checkVatNumber('FRXX732829320').ok).toBe(false);
    expect(checkVatNumber('US123456789').ok).toBe(false);
    expect(checkVatNumber('732829320').ok).toBe(false);
  });

  it('accepts other EU VAT numbers by their format', () => {
    expect(checkVatNumber('DE123456789').ok).toBe(true);
    expect(checkVatNumber('BE0123456749').ok).toBe(true);
    expect(checkVatNumber('DE1').ok).toBe(false);
  });

  it('finds the SIREN inside a French VAT number only', () => {
    expect(sirenOfVatNumber('FR44732829320')).toBe('732829320');
    expect(sirenOfVatNumber('DE123456789')).toBeNull();
  });

  it('builds, for any nine digits, a VAT number that passes its own check', () => {
    fc.assert(
      fc.property(digits(9), (siren) => {
        const vat = frenchVatNumberFor(siren);
        expect(checkVatNumber(vat)).toEqual({ ok: true });
        expect(sirenOfVatNumber(vat)).toBe(siren);
      }),
    );
  });
});

describe('IBAN', () => {
  const valid = 'FR7630006000011234567890189';

  it('accepts a valid French IBAN', () => {
    expect(isValidIban(valid)).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
  });

  it('refuses an IBAN with one digit corrupted', () => {
    expect(isValidIban('FR7630006000011234567890188')).toBe(false);
    expect(isValidIban('FR7630006000011234567809189')).toBe(false);
  });

  it('refuses an IBAN of the wrong length for its country', () => {
    expect(isValidIban(`${valid}0`)).toBe(false);
    expect(isValidIban(valid.slice(0, -1))).toBe(false);
  });

  it('refuses an IBAN in lower case or with spaces (the schema compacts it first)', () => {
    expect(isValidIban(valid.toLowerCase())).toBe(false);
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 189')).toBe(false);
    expect(isValidIban(compactId('fr76 3000 6000 0112 3456 7890 189'))).toBe(true);
  });

  it('refuses the valid IBAN with any single digit changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: valid.length - 1 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const changed = String((Number(valid[pos]) + delta) % 10);
        expect(isValidIban(valid.slice(0, pos) + changed + valid.slice(pos + 1))).toBe(false);
      }),
    );
  });
});

describe('BIC', () => {
  it('accepts 8- and 11-character BICs', () => {
    expect(isValidBic('BNPAFRPP')).toBe(true);
    expect(isValidBic('BNPAFRPPXXX')).toBe(true);
    expect(isValidBic('AGRIFRPP882')).toBe(true);
  });

  it('refuses BICs of the wrong length or with digits in the bank or country code', () => {
    for (const bad of ['BNPAFRP', 'BNPAFRPPXX', 'BNPAFRPPXXXX', 'BNP1FRPP', 'BNPAF1PP', 'bnpafrpp']) expect(isValidBic(bad), bad).toBe(false);
  });
});
