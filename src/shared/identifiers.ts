/**
 * French and European business identifiers. Pure functions: the zod schemas, the core and the forms
 * all call these, so a number is judged the same way everywhere.
 */

/** Removes spaces, dots and dashes people type in identifiers, and upper-cases. */
export function compactId(raw: string): string {
  return raw.replace(/[\s.\-\u00a0\u202f]/g, '').toUpperCase();
}

/** Luhn checksum over a string of digits. */
function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum;
}

/** SIREN: 9 digits passing the Luhn check (La Poste's 356000000 is the one documented exception). */
export function isValidSiren(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  if (value === '356000000') return true;
  return luhnSum(value) % 10 === 0;
}

/** The two-digit key of a French VAT number: (12 + 3 × (SIREN mod 97)) mod 97. */
export function frenchVatKey(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return key.toString().padStart(2, '0');
}

export function frenchVatNumberFor(siren: string): string {
  return `FR${frenchVatKey(siren)}${siren}`;
}

/** Prefixes of the EU VAT numbers (VIES), Northern Ireland included. */
const EU_VAT_PREFIXES = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IT', 'LT',
  'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'XI',
]);

export type VatCheck = { ok: true } | { ok: false; reason: string };

/** An EU VAT number; for FR, the key is checked against the SIREN it contains. */
export function checkVatNumber(value: string): VatCheck {
  const prefix = value.slice(0, 2);
  if (!/^[A-Z]{2}/.test(value) || !EU_VAT_PREFIXES.has(prefix)) {
    return { ok: false, reason: 'Le numéro de TVA doit commencer par le code d’un pays de l’Union européenne (ex. FR).' };
  }
  if (prefix === 'FR') {
    const m = /^FR(\d{2})(\d{9})$/.exec(value);
    if (!m) return { ok: false, reason: 'Un numéro de TVA français s’écrit FR, deux chiffres de clé, puis les 9 chiffres du SIREN.' };
    const [, key, siren] = m as unknown as [string, string, string];
    if (frenchVatKey(siren) !== key) {
      return { ok: false, reason: `La clé du numéro de TVA est fausse : pour le SIREN ${siren}, le numéro est ${frenchVatNumberFor(siren)}.` };
    }
    return { ok: true };
  }
  if (!/^[A-Z]{2}[0-9A-Z+*]{2,13}$/.test(value)) {
    return { ok: false, reason: 'Numéro de TVA intracommunautaire mal formé.' };
  }
  return { ok: true };
}

/** The SIREN inside a French VAT number, if it is one. */
export function sirenOfVatNumber(value: string): string | null {
  const m = /^FR\d{2}(\d{9})$/.exec(value);
  return m ? (m[1] ?? null) : null;
}

const IBAN_LENGTHS: Record<string, number> = {
  FR: 27, MC: 27, DE: 22, BE: 16, ES: 24, IT: 27, LU: 20, NL: 18, PT: 25, CH: 21, GB: 22, IE: 22, AT: 20,
};

/** IBAN: ISO 13616 mod-97 check, with the length of the known countries. */
export function isValidIban(value: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(value)) return false;
  const expected = IBAN_LENGTHS[value.slice(0, 2)];
  if (expected !== undefined && value.length !== expected) return false;
  const rearranged = value.slice(4) + value.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

/** BIC (ISO 9362): 4 letters bank, 2 letters country, 2 location, optional 3 branch. */
export function isValidBic(value: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value);
}
