import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CustomerCreateRequest } from '../../src/shared/domain/customer';
import { firstCodePoints, isInvisible, textFault, unsafeStringIn } from '../../src/shared/text';

const HALF_EMOJI = '😀'.slice(0, 1);

describe('text that no field may carry', () => {
  it('refuses half of a surrogate pair, NUL and other controls, and the bidirectional overrides, in French', () => {
    for (const bad of [`Dupont${HALF_EMOJI}`, '😀'.slice(1), 'Dupont\u0000SARL', 'a\u0007b', 'Facture\u202Efdp.exe', '\u2066Dupont\u2069']) {
      expect(textFault(bad), JSON.stringify(bad)).toMatch(/interdit|mal encodé/);
    }
    for (const fine of ['Atelier Dupont', 'Société Générale — siège', 'Bäckerei 😀', 'ligne 1\nligne 2\tfin', 'אבג', 'مرحبا']) {
      expect(textFault(fine), fine).toBeNull();
    }
  });

  it('calls invisible a text of spaces, zero-width characters, joiners or a BOM only', () => {
    for (const v of ['', '   ', '\u200B\u200C\u200D', '\uFEFF', '\u00A0\u2060', '\u3164']) expect(isInvisible(v), JSON.stringify(v)).toBe(true);
    for (const v of ['a', '\u200Ba', '😀', '.']) expect(isInvisible(v), v).toBe(false);
  });

  it('refuses a customer name made only of invisible characters, or carrying a bidi override, as the form does', () => {
    const name = (n: string) => CustomerCreateRequest.safeParse({ name: n, kind: 'business' });
    expect(name('\u200B\u200B').success).toBe(false);
    expect(name('Dupont\u202E').error?.issues[0]?.message).toContain('sens d’écriture');
    expect(name('Dupont 😀').success).toBe(true);
  });

  it('cuts by code points: never half of a character, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 0, max: 250 }), (s, max) => {
        const cut = firstCodePoints(s, max);
        expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        expect(s.startsWith(cut)).toBe(true);
        expect([...cut].length).toBe(Math.min(max, [...s].length));
      }),
    );
    expect(firstCodePoints(`${'a'.repeat(199)}😀b`, 200)).toBe(`${'a'.repeat(199)}😀`);
  });

  it('finds an ill-formed string or a NUL anywhere in a request, keys included, with its path', () => {
    expect(unsafeStringIn({ lines: [{ description: 'ok' }, { description: `x${HALF_EMOJI}` }] })).toEqual({ path: 'lines.1.description', reason: expect.stringContaining('mal encodé') });
    expect(unsafeStringIn({ csv: 'nom;siren\nDupont\u0000;1' })).toEqual({ path: 'csv', reason: expect.stringContaining('nul') });
    expect(unsafeStringIn({ ['cl\u0000é']: 1 })).not.toBeNull();
    expect(unsafeStringIn({ name: 'Dupont 😀', n: 3, list: [null, true] })).toBeNull();
  });
});
