import { rmSync } from 'node:fs';
import type { Handlers, Request, Response } from '../../../shared/contract';
import { centsToString } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { HandlerContext } from '../context';
import { previewedEntry, rolledBack } from '../dry-run';
import { accountMap } from '../ledger/accounts';
import { invoiceBalance, readInvoiceRow, type InvoiceRow } from '../../db/repositories/invoice-repo';
import { storeCopy } from '../files/stored-copy';
import {
  addEvidence, candidates, classify, currentProvision, evidenceFolder, linkedBalance, outstandingInvoice, prescriptionDate, provision, provisionMatrix, readEvidence,
  requireEvidenceInvoice, writeOff,
} from './doubtful';
import { splitOutstanding, vatRecoveryDeadline } from './write-off-plan';

type Channels =
  | 'doubtful.candidates' | 'doubtful.classify' | 'doubtful.provision' | 'doubtful.writeOff' | 'doubtful.provisionMatrix'
  | 'evidence.add' | 'evidence.list' | 'report.provisions' | 'doubtful.list' | 'doubtful.preview' | 'doubtful.apply';

/** The fiscal year containing a date, else the last one that starts before it (the report's « début d'exercice »). */
function yearStartFor(db: Db, date: string): string {
  return (stmt(db, 'SELECT start_date FROM fiscal_year WHERE start_date <= ? ORDER BY start_date DESC LIMIT 1').pluck().get(date) as string | undefined) ?? '0000-01-01';
}

/**
 * État des provisions: per invoice, the invoice TTC and HT, what is owed on it at the date (TTC, and HT
 * rate by rate as the provision base reads it), the provision held at the start of the fiscal year, the
 * dotations and reprises since, and the provision held at the date, with its last estimate. What was
 * settled since that estimate (a payment, a credit note) and a provision above the HT still owed are
 * named: the estimate is to be done again.
 */
function provisionsReport(db: Db, asOf: string) {
  const accounts = accountMap(db);
  const yearStart = yearStartFor(db, asOf);
  const rows = db
    .prepare(
      `SELECT i.id, i.number, c.name, i.gross_cents, i.net_cents,
              sum(CASE WHEN e.date < @start THEN l.credit_cents - l.debit_cents ELSE 0 END) AS opening,
              sum(CASE WHEN e.date >= @start THEN l.credit_cents ELSE 0 END) AS dotations,
              sum(CASE WHEN e.date >= @start THEN l.debit_cents ELSE 0 END) AS reprises,
              sum(l.credit_cents - l.debit_cents) AS provision
         FROM invoice_link k JOIN entry_line l ON l.id = k.line_id JOIN entry e ON e.id = l.entry_id
         JOIN invoice i ON i.id = k.invoice_id JOIN customer c ON c.id = i.customer_id
        WHERE l.account = @account AND e.date <= @asOf
        GROUP BY i.id HAVING provision <> 0 OR opening <> 0 OR dotations <> 0 OR reprises <> 0 ORDER BY i.number`,
    )
    .safeIntegers(true)
    .all({ account: accounts.provisionAllowance, asOf, start: yearStart }) as { id: bigint; number: string; name: string; gross_cents: bigint; net_cents: bigint; opening: bigint; dotations: bigint; reprises: bigint; provision: bigint }[];
  const t = { gross: 0n, net: 0n, outstanding: 0n, outstandingHt: 0n, opening: 0n, dotations: 0n, reprises: 0n, provision: 0n };
  const out = rows.map((r) => {
    const id = Number(r.id);
    const last = stmt(db, 'SELECT date, risk_percent, justification, outstanding_cents FROM provision_estimate WHERE invoice_id = ? AND date <= ? ORDER BY date DESC, id DESC LIMIT 1').safeIntegers(true).get(id, asOf) as
      | { date: string; risk_percent: string; justification: string | null; outstanding_cents: bigint }
      | undefined;
    const outstanding = linkedBalance(db, id, [accounts.customers, accounts.doubtfulCustomers], asOf, 1n);
    const outstandingHt = outstanding > 0n ? splitOutstanding(outstandingInvoice(db, readInvoiceRow(db, id) as InvoiceRow, outstanding, accounts, asOf)).ht : 0n;
    const settledSinceEstimate = last && r.provision > 0n ? last.outstanding_cents - outstanding : 0n;
    const excess = r.provision - outstandingHt;
    t.gross += r.gross_cents; t.net += r.net_cents; t.outstanding += outstanding; t.outstandingHt += outstandingHt;
    t.opening += r.opening; t.dotations += r.dotations; t.reprises += r.reprises; t.provision += r.provision;
    return {
      invoiceId: id, number: r.number, customerName: r.name, outstanding: centsToString(outstanding), provision: centsToString(r.provision),
      gross: centsToString(r.gross_cents), net: centsToString(r.net_cents), outstandingHt: centsToString(outstandingHt),
      opening: centsToString(r.opening), dotations: centsToString(r.dotations), reprises: centsToString(r.reprises),
      ...(last ? { riskPercent: last.risk_percent, lastEstimate: last.date, estimatedOutstanding: centsToString(last.outstanding_cents) } : {}),
      ...(last?.justification ? { justification: last.justification } : {}),
      ...(settledSinceEstimate > 0n ? { settledSinceEstimate: centsToString(settledSinceEstimate) } : {}),
      ...(excess > 0n ? { provisionAboveHt: centsToString(excess) } : {}),
    };
  });
  const totals = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, centsToString(v)])) as Record<keyof typeof t, string>;
  return { rows: out, total: totals.provision, yearStart, totals };
}

/** The doubtful invoices not written off, with their provision, last estimate, evidence and VAT at stake. */
function doubtfulList(db: Db, asOf: string) {
  const accounts = accountMap(db);
  const ids = db
    .prepare(`SELECT DISTINCT d.invoice_id FROM doubtful_classification d JOIN invoice i ON i.id = d.invoice_id WHERE d.date <= ? ORDER BY i.due_date, i.number`)
    .pluck()
    .all(asOf) as number[];
  const out = [];
  for (const id of ids) {
    const inv = readInvoiceRow(db, id) as InvoiceRow;
    const b = invoiceBalance(db, id, { customers: accounts.customers, doubtful: accounts.doubtfulCustomers });
    const provisionHeld = currentProvision(db, id, accounts);
    // Settled with a provision still held: listed, so that the provision can be reversed.
    if (b.writtenOff || (b.outstanding <= 0n && provisionHeld === 0n)) continue;
    const customer = stmt(db, 'SELECT id, name, kind FROM customer WHERE id = ?').get(inv.customer_id) as { id: number; name: string; kind: 'business' | 'consumer' };
    const cls = stmt(db, 'SELECT date, reason FROM doubtful_classification WHERE invoice_id = ?').get(id) as { date: string; reason: string };
    const last = stmt(db, 'SELECT date, risk_percent, insured_percent, justification FROM provision_estimate WHERE invoice_id = ? ORDER BY date DESC, id DESC LIMIT 1').get(id) as
      | { date: string; risk_percent: string; insured_percent: string; justification: string | null }
      | undefined;
    const evidenceCount = stmt(db, 'SELECT count(*) FROM evidence WHERE invoice_id = ?').pluck().get(id) as number;
    const court = stmt(db, `SELECT min(date) FROM evidence WHERE invoice_id = ? AND kind = 'court'`).pluck().get(id) as string | null;
    const split = b.outstanding > 0n ? splitOutstanding(outstandingInvoice(db, inv, b.outstanding, accounts)) : { ht: 0n, collectedVat: 0n };
    const vatToRecover = inv.vat_regime === 'franchise' ? 0n : split.collectedVat;
    out.push({
      invoiceId: id, number: inv.number ?? '', customerId: customer.id, customerName: customer.name, customerKind: customer.kind, date: inv.date, dueDate: inv.due_date,
      gross: centsToString(inv.gross_cents), net: centsToString(inv.net_cents), outstanding: centsToString(b.outstanding), outstandingHt: centsToString(split.ht),
      provision: centsToString(provisionHeld), reason: cls.reason, classifiedOn: cls.date,
      ...(last ? { lastEstimate: { date: last.date, riskPercent: last.risk_percent, insuredPercent: last.insured_percent, ...(last.justification ? { justification: last.justification } : {}) } } : {}),
      evidenceCount, prescriptionDate: prescriptionDate(inv.due_date, customer.kind), vatToRecover: centsToString(vatToRecover),
      ...(court && vatToRecover > 0n ? { vatRecoveryDeadline: vatRecoveryDeadline(court) } : {}),
    });
  }
  return out;
}

/** Classification, provisions and write-off in the caller's transaction: what `doubtful.apply` posts and `doubtful.preview` rolls back. */
function applyAll(db: Db, req: Request<'doubtful.preview'>, now: Date) {
  const classified = req.classify ? classify(db, req.classify.invoiceIds, req.classify.date, req.classify.reason, req.classify.note, now) : [];
  const provisions = (req.provisions ?? []).map((p) => ({ invoiceId: p.invoiceId, ...provision(db, p, now) }));
  const written = req.writeOff ? writeOff(db, req.writeOff, now) : undefined;
  return { classified, provisions, writeOff: written };
}

type Preview = Response<'doubtful.preview'>;

/** The wizard's preview, entry by entry with what each is for: computed by the functions that post, then rolled back. */
function preview(db: Db, req: Request<'doubtful.preview'>, now: Date): Preview {
  return rolledBack(db, () => {
    const done = applyAll(db, req, now);
    const entry = (id: number) => {
      const { journal, date, label, lines } = previewedEntry(db, id);
      return { journal, date, label, lines };
    };
    const result: Preview = { entries: [], provisions: [] };
    for (const c of done.classified) result.entries.push({ kind: 'classify', invoiceId: c.invoiceId, ...entry(c.entryId) });
    for (const p of done.provisions) {
      result.provisions.push({ ...p, entryId: null });
      if (p.entryId !== null) result.entries.push({ kind: 'provision', invoiceId: p.invoiceId, ...entry(p.entryId) });
    }
    if (done.writeOff && req.writeOff) {
      result.writeOff = { ...done.writeOff, entries: [] };
      for (const id of done.writeOff.entries) result.entries.push({ kind: 'writeOff', invoiceId: req.writeOff.invoiceId, ...entry(id) });
    }
    return result;
  });
}

export const doubtfulHandlers: Pick<Handlers<HandlerContext>, Channels> = {
  'doubtful.candidates'({ db }, req) {
    return { rows: candidates(db, req.asOf, req.minDaysOverdue ?? 90) };
  },
  'doubtful.classify'({ db, now }, req) {
    return { entries: classify(db, req.invoiceIds, req.date, req.reason, req.note, now()) };
  },
  'doubtful.provision'({ db, now }, req) {
    return provision(db, req, now());
  },
  'doubtful.writeOff'({ db, now }, req) {
    return writeOff(db, req, now());
  },
  'doubtful.provisionMatrix'({ db }, req) {
    return provisionMatrix(db, req.asOf, req.buckets);
  },
  // Dispatch: async. The file is read, hashed and copied first (size-bounded, outside any transaction),
  // then one write transaction records it; the copy is removed if that fails.
  async 'evidence.add'({ db, file, now }, req) {
    requireEvidenceInvoice(db, req.invoiceId);
    const stored = req.file ? await storeCopy(req.file, evidenceFolder(file.path)) : null;
    try {
      return file.write((w) => addEvidence(w, req, stored, now()));
    } catch (err) {
      if (stored?.created) rmSync(stored.path, { force: true });
      throw err;
    }
  },
  'evidence.list'({ db }, req) {
    return { rows: readEvidence(db, req.invoiceId) };
  },
  'report.provisions'({ db }, req) {
    return provisionsReport(db, req.asOf);
  },
  'doubtful.apply'({ db, now }, req) {
    const { classified, provisions } = applyAll(db, req, now());
    return { classified, provisions };
  },
  'doubtful.list'({ db }, req) {
    return { rows: doubtfulList(db, req.asOf) };
  },
  'doubtful.preview'({ db, now }, req) {
    return preview(db, req, now());
  },
};
