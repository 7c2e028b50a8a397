import { describe, expect, it } from 'vitest';
import { EPC_MAX_BYTES, epcPayload } from '../../src/shared/epc-qr';

const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('the EPC QR payload (EPC069-12 v002)', () => {
  it('writes the eleven lines, BIC included, IBAN without spaces, the amount with a dot', () => {
    const r = epcPayload({ iban: IBAN, bic: 'bnpa frpp xxx', name: 'Atelier Dupont', amount: '1234.50', reference: 'F2026-00001' });
    expect(r).toEqual({
      ok: true,
      amount: '1234.50',
      payload: 'BCD\n002\n1\nSCT\nBNPAFRPPXXX\nAtelier Dupont\nFR7630006000011234567890189\nEUR1234.50\n\n\nF2026-00001',
    });
  });

  it('leaves the BIC line empty when there is none, and takes cents too', () => {
    const r = epcPayload({ iban: 'FR7630006000011234567890189', name: 'Menuiserie Bélanger & Fils', amount: 1n, reference: 'PEN2026-00003' });
    expect(r).toEqual({ ok: true, amount: '0.01', payload: 'BCD\n002\n1\nSCT\n\nMenuiserie Bélanger & Fils\nFR7630006000011234567890189\nEUR0.01\n\n\nPEN2026-00003' });
  });

  it('keeps accents as UTF-8 (character set 1) and counts their bytes', () => {
    const r = epcPayload({ iban: IBAN, name: 'Éléonore Gâteaux — Crème', amount: '999999999.99', reference: 'F2026-00042' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.payload.split('\n')).toEqual(['BCD', '002', '1', 'SCT', '', 'Éléonore Gâteaux — Crème', 'FR7630006000011234567890189', 'EUR999999999.99', '', '', 'F2026-00042']);
    // 24 characters, 30 bytes: É, é, â, è take 2 bytes each, the dash 3.
    expect(bytes('Éléonore Gâteaux — Crème')).toBe(30);
    expect(bytes(r.payload)).toBe(3 + 3 + 1 + 3 + 0 + 30 + 27 + 15 + 0 + 0 + 11 + 10);
  });

  it('cuts the name to 70 characters and puts a line break in it on one line', () => {
    const long = 'Société coopérative ouvrière de production des ébénistes réunis\nde la Croix-Rousse';
    const r = epcPayload({ iban: IBAN, name: long, amount: '10', reference: 'F2026-00001' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const name = r.payload.split('\n')[5]!;
    // The 70th character is the space after « la »: cut there, then trimmed.
    expect(name).toBe('Société coopérative ouvrière de production des ébénistes réunis de la');
    expect([...name]).toHaveLength(69);
    expect(r.payload.split('\n')).toHaveLength(11);
  });

  it('stays within 331 bytes: the name gives way, never the reference', () => {
    const reference = 'R'.repeat(140);
    // Fixed part: BCD 002 1 SCT (3+3+1+3), BIC 11, IBAN 27, EUR1234.56 10, reference 140, ten LF = 208 bytes.
    const exact = epcPayload({ iban: IBAN, bic: 'BNPAFRPPXXX', name: `${'é'.repeat(61)}a`, amount: '1234.56', reference });
    expect(exact.ok && bytes(exact.payload)).toBe(EPC_MAX_BYTES);
    expect(exact.ok && exact.payload.split('\n')[5]).toBe(`${'é'.repeat(61)}a`);
    // 70 × é is 140 bytes: 348 in all; 61 of them (122 bytes) bring it to 330.
    const cut = epcPayload({ iban: IBAN, bic: 'BNPAFRPPXXX', name: 'é'.repeat(70), amount: '1234.56', reference });
    expect(cut.ok).toBe(true);
    if (!cut.ok) return;
    expect(cut.payload.split('\n')[5]).toBe('é'.repeat(61));
    expect(cut.payload.split('\n')[10]).toBe(reference);
    expect(bytes(cut.payload)).toBe(330);
  });

  it('refuses what no bank could pay', () => {
    const base = { iban: IBAN, name: 'Atelier Dupont', amount: '100.00', reference: 'F2026-00001' };
    const reason = (r: ReturnType<typeof epcPayload>) => (r.ok ? 'accepté' : r.reason);
    expect(reason(epcPayload({ ...base, iban: undefined }))).toBe('Aucun IBAN n’est renseigné.');
    expect(reason(epcPayload({ ...base, iban: '  ' }))).toBe('Aucun IBAN n’est renseigné.');
    expect(reason(epcPayload({ ...base, iban: 'FR7630006000011234567890188' }))).toMatch(/^IBAN invalide/);
    expect(reason(epcPayload({ ...base, bic: 'BNP' }))).toMatch(/^BIC invalide/);
    expect(reason(epcPayload({ ...base, amount: '0.00' }))).toMatch(/^Rien à payer/);
    expect(reason(epcPayload({ ...base, amount: '-12.00' }))).toMatch(/^Rien à payer/);
    expect(reason(epcPayload({ ...base, amount: '1000000000.00' }))).toMatch(/999 999 999,99/);
    expect(reason(epcPayload({ ...base, amount: '12.345' }))).toMatch(/^Montant invalide/);
    expect(reason(epcPayload({ ...base, reference: 'F'.repeat(141) }))).toMatch(/140 caractères/);
    expect(reason(epcPayload({ ...base, reference: ' ' }))).toMatch(/référence/);
    expect(reason(epcPayload({ ...base, name: '\n' }))).toMatch(/nom/);
    // 140 × € is 420 bytes: no name makes that fit.
    expect(reason(epcPayload({ ...base, reference: '€'.repeat(140) }))).toMatch(/331 au plus/);
  });
});
