import QRCode from 'qrcode';
import { COLOR, type Layout } from './layout';

/**
 * « Payer par virement » : the EPC QR code (shared/epc-qr.ts builds its text) drawn as vector squares,
 * never an image, beside the words that say what it is and the amount it asks.
 */
export interface PayByScan {
  /** The EPC069-12 text the code holds. */
  payload: string;
  /** « 1 234,56 € », the amount the payload asks, as printed. */
  amount: string;
  /** The invoice number the transfer recalls. */
  reference: string;
}

export const PAY_BY_SCAN_CAPTION = 'Payer par virement : scannez avec l’application de votre banque';

/** The code's modules, error correction M as EPC069-12 requires, the text in byte mode (UTF-8). */
export function qrModules(payload: string): { size: number; dark: (row: number, col: number) => boolean } {
  const qr = QRCode.create([{ data: new TextEncoder().encode(payload), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const { size } = qr.modules;
  return { size, dark: (row, col) => Boolean(qr.modules.get(row, col)) };
}

/** The code alone, its top left corner at (x, y), `side` points wide: one filled path of dark runs. */
export function drawQr(l: Layout, payload: string, x: number, y: number, side: number) {
  const { size, dark } = qrModules(payload);
  const m = side / size;
  const doc = l.doc.save();
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && dark(row, col)) col++;
      doc.rect(x + start * m, y + row * m, (col - start) * m, m);
    }
  }
  doc.fill('#000000').restore();
}

/**
 * The code on the left, the caption, the amount and the reference on its right: drawn in the left column
 * under the VAT recap, beside the totals.
 */
/** About 2,1 cm: a phone reads it from a printed page (a module is 0,4 to 0,5 mm). */
const QR_SIDE = 60;
export const PAY_BY_SCAN_HEIGHT = QR_SIDE;
const TEXT_X = QR_SIDE + 10;

/** Draws the block with its top left corner at (x, y), `width` points wide. */
export function drawPayByScan(l: Layout, scan: PayByScan, x: number, y: number, width: number) {
  drawQr(l, scan.payload, x, y, QR_SIDE);
  const w = width - TEXT_X;
  let at = y + 2;
  at += l.textAt(PAY_BY_SCAN_CAPTION, x + TEXT_X, at, w, { size: 7.8, bold: true, color: COLOR.accent }) + 4;
  at += l.textAt(`Montant : ${scan.amount}`, x + TEXT_X, at, w, { size: 9, bold: true }) + 2;
  l.textAt(`Référence : ${scan.reference}`, x + TEXT_X, at, w, { size: 7.5, color: COLOR.muted });
}
