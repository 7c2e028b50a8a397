import { computeInvoice, lineNet, type LineInput } from '../../../shared/invoice-math';
import { pricesFromTtc } from '../../../shared/prices-with-tax';
import type { UnitCode } from '../../../shared/units';
import { decimalOrNull, inputText } from '../../lib/amounts';

/*
 * The lines of a sales document as a form holds them (invoice, quote): the values typed, what the request
 * gets, where a request's error goes, and the live totals. LinesEditor.tsx draws them.
 */

export interface LineValues {
  description: string;
  kind: 'goods' | 'services';
  quantity: string;
  unit: UnitCode | '';
  unitPrice: string;
  vatRate: string;
  discountPercent: string;
  account: string;
}

/** What a form with lines holds, whatever else it has: LinesEditor reads and writes these fields. */
export interface LinesFormShape {
  lines: LineValues[];
  discountPercent: string;
  pricesIncludeTax: boolean;
}

export const emptyLine = (noVat: boolean, like?: LineValues): LineValues => ({
  description: '',
  kind: like?.kind ?? 'services',
  quantity: '1',
  unit: '',
  unitPrice: '',
  vatRate: noVat ? '0' : (like?.vatRate ?? '20'),
  discountPercent: '',
  account: '',
});

export const isBlank = (l: LineValues) => !l.description.trim() && !l.unitPrice.trim() && !l.discountPercent.trim();

interface SavedLine {
  description: string;
  kind: 'goods' | 'services';
  quantity: string;
  unit?: UnitCode | undefined;
  unitPrice: string;
  vatRate: string;
  discountPercent?: string | undefined;
  account?: string | undefined;
}

/** A saved document's lines, as the form shows them (one empty line for a new document). */
export function linesToForm(lines: SavedLine[] | undefined, noVat: boolean): LineValues[] {
  if (!lines) return [emptyLine(noVat)];
  return lines.map((l) => ({
    description: l.description,
    kind: l.kind,
    quantity: inputText(l.quantity),
    unit: l.unit ?? '',
    unitPrice: inputText(l.unitPrice),
    vatRate: l.vatRate,
    discountPercent: inputText(l.discountPercent),
    account: l.account ?? '',
  }));
}

/** The request's lines (lines left entirely blank dropped); `index[k]` is the form line of request line k. */
export function linesToRequest(lines: LineValues[], noVat: boolean) {
  const index: number[] = [];
  const out = lines.flatMap((l, i) => {
    if (isBlank(l)) return [];
    index.push(i);
    return [
      {
        description: l.description,
        kind: l.kind,
        quantity: l.quantity,
        ...(l.unit ? { unit: l.unit } : {}),
        unitPrice: l.unitPrice,
        vatRate: noVat ? '0' : l.vatRate,
        ...(l.discountPercent.trim() ? { discountPercent: l.discountPercent } : {}),
        ...(l.account ? { account: l.account } : {}),
      },
    ];
  });
  return { lines: out, index };
}

/** A request path of a line ("lines.2.quantity", "lines") → the form's field; null for any other path. */
export function lineFormPath(path: string, index: number[]): string | null {
  if (path === 'lines') return `lines.${index[0] ?? 0}.description`;
  const m = /^lines\.(\d+)(\..*)?$/.exec(path);
  if (!m) return null;
  const i = index[Number(m[1])];
  return i === undefined ? 'lines.0.description' : `lines.${i}${m[2] ?? '.description'}`;
}

/** The line fields an error can be shown under. */
export const LINE_FIELDS = String.raw`lines\.\d+\.(description|kind|quantity|unitPrice|vatRate|discountPercent)`;

/** Live totals: the lines that can be counted yet, computed with the main process's own arithmetic. */
export function useLineTotals(lines: LineValues[], discountPercent: string, noVat: boolean, pricesIncludeTax: boolean) {
  const documentDiscount = discountPercent.trim() ? decimalOrNull(discountPercent) : undefined;
  let counted: LineInput[] = [];
  const countedAt: number[] = [];
  const nets: (bigint | null)[] = [];
  const incomplete: number[] = [];
  lines.forEach((l, i) => {
    const quantity = decimalOrNull(l.quantity);
    const unitPrice = decimalOrNull(l.unitPrice);
    const discount = l.discountPercent.trim() ? decimalOrNull(l.discountPercent) : undefined;
    if (!quantity || !unitPrice || discount === null || documentDiscount === null) {
      nets.push(null);
      if (!isBlank(l)) incomplete.push(i + 1);
      return;
    }
    const line = { quantity, unitPrice, vatRate: noVat ? '0' : l.vatRate, discountPercent: discount };
    counted.push(line);
    countedAt.push(i);
    // The line's amount before the document-wide discount, as the document prints it.
    nets.push(lineNet(line));
  });
  // Typed TTC: the HT prices the main process will derive, with the same shared function.
  if (pricesIncludeTax && !noVat) {
    counted = pricesFromTtc(counted).lines;
    counted.forEach((l, k) => {
      nets[countedAt[k] ?? 0] = lineNet(l);
    });
  }
  const totals = computeInvoice(counted, { discountPercent: documentDiscount ?? undefined, noVat });
  return { nets, totals, incomplete, discountPercent: documentDiscount ?? undefined };
}

export type LineTotals = ReturnType<typeof computeInvoice>;
