import type { BankFormat } from '../../../shared/domain/bank';

/**
 * The format of a statement, from its first bytes: an OFX 1.x header or an <OFX> element, an ISO 20022
 * document (camt.053), or else a CSV. The file name's extension only breaks a tie.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): BankFormat {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4000)).replace(/^\uFEFF|^ï»¿/, '').trimStart();
  if (/^OFXHEADER\s*:/i.test(head) || /<\?OFX\b/i.test(head) || /<OFX>/i.test(head)) return 'ofx';
  if (/^<\?xml|^<([A-Za-z0-9_]+:)?Document\b/.test(head)) {
    if (/camt\.05[0-9]|BkToCstmr/.test(head)) return 'camt053';
    if (/\.ofx$|\.qfx$/i.test(fileName)) return 'ofx';
    return 'camt053';
  }
  return 'csv';
}
