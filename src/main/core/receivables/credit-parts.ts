import type { AccountMap } from '../../../shared/accounts';
import { creditLineParts, escompte as escompteMath, prorata, vatOf, type CreditLineInput } from '../../../shared/invoice-math';

export type CreditNoteKind = 'cancellation' | 'rebate' | 'escompte';

/** What a credit note takes back for one rate and nature: base, VAT, and the part of it still pending. */
export interface CreditPart {
  rate: string;
  kind: 'goods' | 'services';
  account: string;
  base: bigint;
  vat: bigint;
  pending: bigint;
  description: string;
}

/** The invoice a credit note is for, as plain data: its totals, its lines and its VAT per rate as issued. */
export interface CreditedInvoice {
  gross: bigint;
  outstanding: bigint;
  vatRegime: string;
  lines: readonly { kind: 'goods' | 'services'; rate: string; net: bigint; account: string | null }[];
  /** Per rate, highest first: base, VAT, and the VAT on receipts in it. */
  vat: readonly { rate: string; base: bigint; vat: bigint; pending: bigint }[];
  /** A deposit invoice under the option for debits: its pending VAT is its goods', not its services'. */
  pendingOnGoods?: boolean;
}

export interface CreditPartsRequest {
  kind: CreditNoteKind;
  /** The credit note's own lines; none: the whole outstanding. */
  lines?: readonly CreditLineInput[] | undefined;
  escomptePercent?: string | undefined;
}

type RevenueAccounts = Pick<AccountMap, 'rebatesGoods' | 'rebatesServices' | 'escompteGranted' | 'salesGoods' | 'salesServices'>;

/**
 * The parts a credit note takes back (accounting.md §3, §4), from plain data. Lines given: computed like
 * an invoice (creditLineParts). No lines: the whole outstanding, split in the invoice's own proportions,
 * the last part absorbing the rounding so the parts add up to the cent. Escompte: the discount per rate.
 */
export function creditParts(inv: CreditedInvoice, req: CreditPartsRequest, accounts: RevenueAccounts): CreditPart[] {
  if (req.kind === 'escompte') {
    const percent = req.escomptePercent ?? '0';
    const e = escompteMath(inv.vat, percent);
    return e.perRate.map((r) => ({ rate: r.rate, kind: 'goods', account: accounts.escompteGranted, base: r.base, vat: r.vat, pending: pendingShare(inv, r.vat, r.rate), description: `Escompte ${req.escomptePercent} %` }));
  }
  if (req.lines && req.lines.length > 0) {
    return creditLineParts(req.lines, { noVat: inv.vatRegime === 'franchise', vatOnReceipts: inv.vatRegime === 'encaissements' }).map(({ descriptions, ...p }) => ({
      ...p, account: revenueAccount(req.kind, p.kind, accounts), description: descriptions.join(', '),
    }));
  }
  const outstanding = inv.outstanding;
  const whole = outstanding === inv.gross;
  const share = (amount: bigint) => (whole ? amount : prorata(outstanding, amount, inv.gross));
  const parts = invoiceGroups(inv).map((g) => ({
    rate: g.rate, kind: g.kind, account: revenueAccount(req.kind, g.kind, accounts, g.account),
    base: share(g.base), vat: share(g.vat), pending: g.pending > 0n ? share(g.pending) : 0n, description: 'Reste dû de la facture',
  }));
  const total = parts.reduce((s, p) => s + p.base + p.vat, 0n);
  const last = parts[parts.length - 1];
  if (last) last.base += outstanding - total;
  return parts;
}

/** The part of a rate's VAT still pending, in the invoice's proportion at that rate. */
function pendingShare(inv: CreditedInvoice, vat: bigint, rate: string): bigint {
  const v = inv.vat.find((r) => r.rate === rate);
  return v && v.vat > 0n ? prorata(vat, v.pending, v.vat) : 0n;
}

function revenueAccount(kind: CreditNoteKind, nature: 'goods' | 'services', accounts: RevenueAccounts, lineAccount?: string | null): string {
  if (kind === 'rebate') return nature === 'goods' ? accounts.rebatesGoods : accounts.rebatesServices;
  if (kind === 'escompte') return accounts.escompteGranted;
  return lineAccount ?? (nature === 'goods' ? accounts.salesGoods : accounts.salesServices);
}

/** The invoice's own groups (rate × nature): base from its lines, VAT rounded once per rate and split. */
function invoiceGroups(inv: CreditedInvoice) {
  const groups: { rate: string; kind: 'goods' | 'services'; account: string | null; base: bigint; vat: bigint; pending: bigint }[] = [];
  for (const v of inv.vat) {
    const atRate = inv.lines.filter((l) => l.rate === v.rate);
    for (const kind of ['goods', 'services'] as const) {
      const ofKind = atRate.filter((l) => l.kind === kind);
      if (ofKind.length === 0) continue;
      const base = ofKind.reduce((s, l) => s + l.net, 0n);
      const accountsUsed = new Set(ofKind.map((l) => l.account));
      groups.push({ rate: v.rate, kind, account: accountsUsed.size === 1 ? (ofKind[0]?.account ?? null) : null, base, vat: 0n, pending: kind === 'services' ? v.pending : 0n });
    }
    // The rate's VAT was rounded once: services carry their pending part, goods the rest.
    const ofRate = groups.filter((g) => g.rate === v.rate);
    const services = ofRate.find((g) => g.kind === 'services');
    const goods = ofRate.find((g) => g.kind === 'goods');
    // The pending part belongs to services (VAT on receipts), or to goods on a deposit invoice under the
    // option for debits (a deposit on goods is taxed when received); the other nature takes the rest.
    const [first, second] = inv.pendingOnGoods ? [goods, services] : [services, goods];
    if (first) first.vat = second ? (v.pending > 0n && v.pending < v.vat ? v.pending : vatOf(first.base, v.rate)) : v.vat;
    if (second) second.vat = v.vat - (first?.vat ?? 0n);
    if (first) first.pending = v.pending < first.vat ? v.pending : first.vat;
    if (second) second.pending = v.pending - (first?.pending ?? 0n);
  }
  return groups;
}
