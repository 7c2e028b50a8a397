import { CUSTOMER_ACCOUNT_SQL as C, DOUBTFUL_ACCOUNT_SQL as D, rebuildInvoiceBalances } from '../repositories/invoice-balance-repo';
import { rebuildLedgerDays } from '../repositories/ledger-day-repo';
import type { Migration } from './types';

/** The line's share in a balance, for the line `l` of a link of role `role`. */
const amounts = (role: string) => `
  l.debit_cents - l.credit_cents,
  CASE WHEN ${role} IN ('payment', 'advance', 'recovery') THEN l.credit_cents - l.debit_cents ELSE 0 END,
  CASE WHEN ${role} IN ('credit_note', 'escompte') THEN l.credit_cents - l.debit_cents ELSE 0 END,
  CASE WHEN l.account = ${D} THEN l.debit_cents - l.credit_cents ELSE 0 END`;

const ADD = `ON CONFLICT (invoice_id) DO UPDATE SET
  outstanding_cents = outstanding_cents + excluded.outstanding_cents, paid_cents = paid_cents + excluded.paid_cents,
  credited_cents = credited_cents + excluded.credited_cents, doubtful_cents = doubtful_cents + excluded.doubtful_cents,
  written_off = max(written_off, excluded.written_off), last_move = max(last_move, excluded.last_move)`;

/**
 * The pairs of a lettering that make an unlinked line count for an invoice (the second part of the view
 * `invoice_ledger_line`): an invoice's own line `m` and a line `o` no invoice link claims, both lettered
 * together, one of them being `line` (the row inserted, or the row deleted: `extra` adds it back to the set). Each pair is counted once, when the
 * later of its two rows arrives, and taken back once, when the first of them leaves.
 */
const pairsWith = (lettering: string, line: string, extra = '') => `
  FROM (SELECT line_id FROM lettering_line WHERE lettering_id = ${lettering} ${extra}) m
  CROSS JOIN invoice_link k ON k.line_id = m.line_id AND k.role = 'invoice'
  CROSS JOIN (SELECT line_id FROM lettering_line WHERE lettering_id = ${lettering} ${extra}) o
  CROSS JOIN entry_line l ON l.id = o.line_id
  CROSS JOIN entry e ON e.id = l.entry_id
 WHERE (m.line_id = ${line} OR o.line_id = ${line})
   AND NOT EXISTS (SELECT 1 FROM invoice_link z WHERE z.line_id = o.line_id)
   AND l.account IN (${C}, ${D})
 GROUP BY k.invoice_id`;

/**
 * A per-invoice balance kept up to date by the database itself (npm run bench: the aged balance, the
 * statement's open invoices and the invoice list filtered by status read it instead of walking every
 * invoice's ledger lines). Triggers add each linked line and each unlinked lettered line as it is written,
 * in the same transaction, so it cannot lag behind the ledger; `last_move` (latest date counted) tells a
 * report at a past date which invoices it must still weigh line by line. `status` is derived as
 * readInvoice derives it. The customer accounts are read from account_role, which now always holds them.
 * Also `ledger_day`: debit and credit per account and day of the validated entries, added at validation.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'kept-totals',
  up(db) {
    db.exec(`
      CREATE TABLE invoice_balance (
        invoice_id INTEGER PRIMARY KEY REFERENCES invoice (id),
        gross_cents INTEGER NOT NULL DEFAULT 0,
        outstanding_cents INTEGER NOT NULL DEFAULT 0,
        paid_cents INTEGER NOT NULL DEFAULT 0,
        credited_cents INTEGER NOT NULL DEFAULT 0,
        doubtful_cents INTEGER NOT NULL DEFAULT 0,
        written_off INTEGER NOT NULL DEFAULT 0,
        last_move TEXT NOT NULL DEFAULT '',
        status TEXT GENERATED ALWAYS AS (CASE
          WHEN written_off = 1 AND outstanding_cents = 0 THEN 'written_off'
          WHEN outstanding_cents <= 0 THEN CASE WHEN paid_cents = 0 AND credited_cents >= gross_cents THEN 'cancelled' ELSE 'paid' END
          WHEN doubtful_cents > 0 THEN 'doubtful'
          WHEN paid_cents > 0 OR credited_cents > 0 THEN 'partial'
          ELSE 'open' END) VIRTUAL
      ) STRICT;
      CREATE INDEX invoice_balance_by_status ON invoice_balance (status);
      -- The invoices something is still owed on (or overpaid): the aged balance of today reads only those.
      CREATE INDEX invoice_balance_open ON invoice_balance (invoice_id) WHERE outstanding_cents <> 0;
      CREATE INDEX invoice_balance_by_last_move ON invoice_balance (last_move);

      -- A validated invoice always has its row, even before any line is linked to it.
      CREATE TRIGGER invoice_validated_has_balance AFTER UPDATE OF state ON invoice
      WHEN NEW.state = 'validated' AND OLD.state <> 'validated'
      BEGIN
        INSERT INTO invoice_balance (invoice_id, gross_cents) VALUES (NEW.id, NEW.gross_cents)
        ON CONFLICT (invoice_id) DO UPDATE SET gross_cents = excluded.gross_cents;
      END;
      CREATE TRIGGER invoice_inserted_validated_has_balance AFTER INSERT ON invoice
      WHEN NEW.state = 'validated'
      BEGIN
        INSERT INTO invoice_balance (invoice_id, gross_cents) VALUES (NEW.id, NEW.gross_cents)
        ON CONFLICT (invoice_id) DO UPDATE SET gross_cents = excluded.gross_cents;
      END;

      -- A line linked to an invoice (links are never changed nor deleted). The row exists once the invoice
      -- is validated (above); a line linked before, in the validating transaction, creates it, and the
      -- validation then sets its gross.
      CREATE TRIGGER invoice_link_moves_balance AFTER INSERT ON invoice_link
      BEGIN
        INSERT INTO invoice_balance (invoice_id, outstanding_cents, paid_cents, credited_cents, doubtful_cents, written_off, last_move)
        SELECT NEW.invoice_id, ${amounts('NEW.role')}, NEW.role = 'writeoff', e.date
          FROM entry_line l CROSS JOIN entry e ON e.id = l.entry_id
         WHERE l.id = NEW.line_id AND l.account IN (${C}, ${D})
        ${ADD};
      END;

      -- A line lettered with an invoice's own line and claimed by no link counts as a payment of it.
      CREATE TRIGGER lettering_line_moves_balance AFTER INSERT ON lettering_line
      BEGIN
        INSERT INTO invoice_balance (invoice_id, outstanding_cents, paid_cents, doubtful_cents, last_move)
        SELECT k.invoice_id, sum(l.debit_cents - l.credit_cents), sum(l.credit_cents - l.debit_cents),
               sum(CASE WHEN l.account = ${D} THEN l.debit_cents - l.credit_cents ELSE 0 END),
               max(max(e.date, (SELECT date FROM lettering WHERE id = NEW.lettering_id)))
        ${pairsWith('NEW.lettering_id', 'NEW.line_id')}
        ${ADD};
      END;
      -- Unlettered: taken back (last_move stays: it is only a bound, "nothing counted is later").
      CREATE TRIGGER lettering_line_unmoves_balance AFTER DELETE ON lettering_line
      BEGIN
        INSERT INTO invoice_balance (invoice_id, outstanding_cents, paid_cents, doubtful_cents)
        SELECT k.invoice_id, -sum(l.debit_cents - l.credit_cents), -sum(l.credit_cents - l.debit_cents),
               -sum(CASE WHEN l.account = ${D} THEN l.debit_cents - l.credit_cents ELSE 0 END)
        ${pairsWith('OLD.lettering_id', 'OLD.line_id', 'UNION ALL SELECT OLD.line_id')}
        ${ADD};
      END;

      -- Totals per account and day of the validated entries (trial balance, receivables at a date).
      CREATE TABLE ledger_day (
        account TEXT NOT NULL,
        date TEXT NOT NULL,
        debit_cents INTEGER NOT NULL,
        credit_cents INTEGER NOT NULL,
        PRIMARY KEY (account, date)
      ) STRICT;
      CREATE TRIGGER entry_validated_moves_day AFTER UPDATE OF validated_at ON entry
      WHEN OLD.validated_at IS NULL AND NEW.validated_at IS NOT NULL
      BEGIN
        INSERT INTO ledger_day (account, date, debit_cents, credit_cents)
        SELECT account, NEW.date, debit_cents, credit_cents FROM entry_line WHERE entry_id = NEW.id
        ON CONFLICT (account, date) DO UPDATE SET debit_cents = debit_cents + excluded.debit_cents, credit_cents = credit_cents + excluded.credit_cents;
      END;
    `);
    rebuildInvoiceBalances(db, { customers: '411', doubtfulCustomers: '416' });
    rebuildLedgerDays(db);
  },
};
