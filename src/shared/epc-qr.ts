import { compactId, isValidBic, isValidIban } from './identifiers';
import { centsToString, toCents } from './money';
import { firstCodePoints } from './text';

/**
 * The EPC QR code of a SEPA credit transfer (EPC069-12, « Quick Response Code: guidelines to enable data
 * capture for the initiation of a SEPA credit transfer », version 002): the text a banking app reads to
 * fill a transfer. Pure: the documents draw it, the bank import finds the same reference in the payment.
 *
 *   BCD / 002 / 1 (UTF-8) / SCT / BIC / name / IBAN / EUR<amount> / purpose / structured ref. / remittance
 *
 * Eleven lines separated by LF, the last one (beneficiary-to-originator information) left out: nothing
 * trails the remittance text. 331 bytes at most.
 */

export const EPC_MAX_BYTES = 331;
export const EPC_NAME_MAX = 70;
export const EPC_REMITTANCE_MAX = 140;
/** 999 999 999,99 €, the largest amount the format carries; 0,01 € the smallest. */
export const EPC_MAX_CENTS = 99_999_999_999n;

export interface EpcTransfer {
  /** The beneficiary's IBAN, spaces allowed (they are removed). */
  iban: string | undefined;
  /** The beneficiary's BIC: optional in version 002 within the EEA, written when given. */
  bic?: string | undefined;
  /** The beneficiary's name, cut to 70 characters. */
  name: string;
  /** The amount, a money string ("1234.56") or integer cents. */
  amount: string | bigint;
  /** The unstructured remittance text: the invoice number, 140 characters at most. */
  reference: string;
}

export type EpcPayload = { ok: true; payload: string; amount: string } | { ok: false; reason: string };

/** The length of a text in UTF-8, in bytes (no TextEncoder in the shared layer's libraries). */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** One line of the payload: no line break inside, no spaces around. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The EPC payload of a transfer, or why there is none (no IBAN, an amount of zero or less or beyond
 * 999 999 999,99 €, a reference too long…): a document then prints no QR code.
 */
export function epcPayload(t: EpcTransfer): EpcPayload {
  if (!t.iban || !t.iban.trim()) return { ok: false, reason: 'Aucun IBAN n’est renseigné.' };
  const iban = compactId(t.iban);
  if (!isValidIban(iban)) return { ok: false, reason: `IBAN invalide : ${iban}.` };
  const bic = t.bic ? compactId(t.bic) : '';
  if (bic && !isValidBic(bic)) return { ok: false, reason: `BIC invalide : ${bic}.` };
  const name = firstCodePoints(oneLine(t.name), EPC_NAME_MAX).trim();
  if (!name) return { ok: false, reason: 'Le nom du bénéficiaire manque.' };
  let cents: bigint;
  try {
    cents = typeof t.amount === 'bigint' ? t.amount : toCents(t.amount);
  } catch {
    return { ok: false, reason: `Montant invalide : ${String(t.amount)}.` };
  }
  if (cents <= 0n) return { ok: false, reason: 'Rien à payer : le montant est nul ou négatif.' };
  if (cents > EPC_MAX_CENTS) return { ok: false, reason: 'Montant supérieur à 999 999 999,99 €, au-delà du format EPC.' };
  const reference = oneLine(t.reference);
  if (!reference) return { ok: false, reason: 'La référence du paiement manque.' };
  if ([...reference].length > EPC_REMITTANCE_MAX) return { ok: false, reason: `Référence de plus de ${EPC_REMITTANCE_MAX} caractères.` };
  const amount = centsToString(cents);
  const build = (n: string) => ['BCD', '002', '1', 'SCT', bic, n, iban, `EUR${amount}`, '', '', reference].join('\n');
  // Over 331 bytes (a name in letters of 3 or 4 bytes), the name gives way, never the reference.
  let chars = [...name];
  while (chars.length > 1 && utf8Length(build(chars.join(''))) > EPC_MAX_BYTES) chars = chars.slice(0, -1);
  const payload = build(chars.join('').trim());
  const bytes = utf8Length(payload);
  if (bytes > EPC_MAX_BYTES) return { ok: false, reason: `Données du QR code trop longues (${bytes} octets, ${EPC_MAX_BYTES} au plus).` };
  return { ok: true, payload, amount };
}
