import { expect } from 'vitest';

const ENGLISH = /\b(invalid|expected|required|received|unrecognized|must|should|too (small|big)|string|number)\b/i;
const FRENCH = /[àâçéèêëîïôûùüœ«»’°]|\b(le|la|les|de|du|des|un|une|est|au|aux|ou|pas|indiquez|attendu|invalide|inconnu|introuvable|client|dossier|montant)\b/i;

/** A message meant for a French user: French words, no English validator jargon. */
export function expectFrench(message: string | undefined) {
  expect(message, 'message').toBeTypeOf('string');
  expect(message, `« ${message} » should be French`).toMatch(FRENCH);
  expect(message, `« ${message} » should not be English`).not.toMatch(ENGLISH);
}
