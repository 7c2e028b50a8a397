import type { Handlers } from '../../../shared/contract';
import { centsToString } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { requireCompany } from '../company/company-service';
import type { ServiceContext } from '../context';
import { accountMap } from '../ledger/accounts';
import { addEvidence, candidates, classify, provision, provisionMatrix, readEvidence, writeOff } from './doubtful';

type Channels =
  | 'doubtful.candidates' | 'doubtful.classify' | 'doubtful.provision' | 'doubtful.writeOff' | 'doubtful.provisionMatrix'
  | 'evidence.add' | 'evidence.list' | 'report.provisions';

function readDb(ctx: ServiceContext): Db {
  const db = ctx.file.db();
  requireCompany(db);
  return db;
}

/** État des provisions: per invoice, the provision held at a date and its last estimate. */
function provisionsReport(db: Db, asOf: string) {
  const accounts = accountMap(db);
  const rows = db
    .prepare(
      `SELECT i.id, i.number, c.name, sum(l.credit_cents - l.debit_cents) AS provision
         FROM invoice_link k JOIN entry_line l ON l.id = k.line_id JOIN entry e ON e.id = l.entry_id
         JOIN invoice i ON i.id = k.invoice_id JOIN customer c ON c.id = i.customer_id
        WHERE l.account = ? AND e.date <= ?
        GROUP BY i.id HAVING provision <> 0 ORDER BY i.number`,
    )
    .safeIntegers(true)
    .all(accounts.provisionAllowance, asOf) as { id: bigint; number: string; name: string; provision: bigint }[];
  let total = 0n;
  const out = rows.map((r) => {
    total += r.provision;
    const last = stmt(db, 'SELECT date, risk_percent, justification, outstanding_cents FROM provision_estimate WHERE invoice_id = ? AND date <= ? ORDER BY date DESC, id DESC LIMIT 1').safeIntegers(true).get(r.id, asOf) as
      | { date: string; risk_percent: string; justification: string | null; outstanding_cents: bigint }
      | undefined;
    return {
      invoiceId: Number(r.id), number: r.number, customerName: r.name, outstanding: centsToString(last?.outstanding_cents ?? 0n), provision: centsToString(r.provision),
      ...(last ? { riskPercent: last.risk_percent, lastEstimate: last.date } : {}), ...(last?.justification ? { justification: last.justification } : {}),
    };
  });
  return { rows: out, total: centsToString(total) };
}

export const doubtfulHandlers: Pick<Handlers<ServiceContext>, Channels> = {
  'doubtful.candidates'(ctx, req) {
    return { rows: candidates(readDb(ctx), req.asOf, req.minDaysOverdue ?? 90) };
  },
  'doubtful.classify'(ctx, req) {
    return ctx.file.write((db) => {
      requireCompany(db);
      return { entries: classify(db, req.invoiceIds, req.date, req.reason, req.note, ctx.now()) };
    });
  },
  'doubtful.provision'(ctx, req) {
    return ctx.file.write((db) => {
      requireCompany(db);
      return provision(db, req, ctx.now());
    });
  },
  'doubtful.writeOff'(ctx, req) {
    return ctx.file.write((db) => {
      requireCompany(db);
      return writeOff(db, req, ctx.now());
    });
  },
  'doubtful.provisionMatrix'(ctx, req) {
    return provisionMatrix(readDb(ctx), req.asOf, req.buckets);
  },
  'evidence.add'(ctx, req) {
    return ctx.file.write((db) => {
      requireCompany(db);
      return addEvidence(db, ctx.file.path, req, ctx.now());
    });
  },
  'evidence.list'(ctx, req) {
    return { rows: readEvidence(readDb(ctx), req.invoiceId) };
  },
  'report.provisions'(ctx, req) {
    return provisionsReport(readDb(ctx), req.asOf);
  },
};
