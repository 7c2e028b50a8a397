import type { AccountMap } from '../../../shared/accounts';
import type { VatReceipts } from '../../../shared/domain/reports';
import { centsToString } from '../../../shared/money';
import type { Db } from '../../db/open';
import { spread, vatReceiptMoves } from './reports';

/**
 * The receipts of invoices under VAT on receipts over a period, per invoice, date and rate: what the
 * platform must receive from September 2027 (status « Encaissée »). Read from the ledger: each 44574 line
 * linked `vat_receipt` to its invoice (reports.ts `vatReceiptMoves`, which the VAT report reads too); the
 * VAT cleared without money (the écart de règlement written off to 658) is listed apart. Each receipt is spread over the invoice's pending rates by the VAT
 * report's own rule (`spread`), so both give the same cents.
 */
export function vatReceipts(db: Db, from: string, to: string, accounts: AccountMap): VatReceipts {
  const lines = vatReceiptMoves(db, from, to, accounts);

  // One receipt per entry and invoice (a payment moves one invoice's VAT once; summed if ever more).
  const receipts = new Map<string, { invoiceId: number; number: string; date: string; moved: bigint }>();
  const notReceived: VatReceipts['notReceived'] = [];
  for (const l of lines) {
    if (!l.received) {
      notReceived.push({ invoiceId: l.invoiceId, invoiceNumber: l.number, date: l.date, vat: centsToString(l.moved) });
      continue;
    }
    const key = `${l.entryId}:${l.invoiceId}`;
    const r = receipts.get(key) ?? { invoiceId: l.invoiceId, number: l.number, date: l.date, moved: 0n };
    r.moved += l.moved;
    receipts.set(key, r);
  }
  const rows: VatReceipts['rows'] = [];
  for (const r of receipts.values()) {
    const parts: { rate: string; base: bigint; vat: bigint }[] = [];
    spread(db, r.invoiceId, r.moved, (rate, base, vat) => parts.push({ rate, base, vat }));
    for (const p of parts.sort((a, b) => Number(b.rate) - Number(a.rate))) {
      rows.push({ invoiceId: r.invoiceId, invoiceNumber: r.number, date: r.date, rate: p.rate, amount: centsToString(p.base + p.vat), base: centsToString(p.base), vat: centsToString(p.vat) });
    }
  }
  return { from, to, rows, notReceived, csv: vatReceiptsCsv(rows) };
}

const CSV_HEADER = ['Numéro de facture', 'Date d’encaissement', 'Montant encaissé TTC', 'Taux de TVA', 'Base HT', 'TVA collectée'];

/** « 1234.56 » as « 1234,56 »: the decimal comma spreadsheets in French expect; no thousands separator. */
const frDecimal = (s: string) => s.replace('.', ',');

/** The rows as CSV: `;`, decimal comma, dates as JJ/MM/AAAA, UTF-8 with BOM, CRLF. */
export function vatReceiptsCsv(rows: VatReceipts['rows']): string {
  const cell = (s: string) => (/[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const date = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const lines = [CSV_HEADER, ...rows.map((r) => [r.invoiceNumber, date(r.date), frDecimal(r.amount), frDecimal(r.rate), frDecimal(r.base), frDecimal(r.vat)])];
  return `\uFEFF${lines.map((l) => l.map(cell).join(';')).join('\r\n')}\r\n`;
}
