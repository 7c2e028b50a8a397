import { PCG_ACCOUNTS, threeDigitAccount } from '../../../shared/accounts';
import type { Migration } from './types';

/** The customer accounts the kept balances count, as migration 0007's triggers read them. */
const C = "(SELECT account FROM account_role WHERE role = 'customers')";
const D = "(SELECT account FROM account_role WHERE role = 'doubtfulCustomers')";

const ADD = `ON CONFLICT (invoice_id) DO UPDATE SET
  outstanding_cents = outstanding_cents + excluded.outstanding_cents, paid_cents = paid_cents + excluded.paid_cents,
  credited_cents = credited_cents + excluded.credited_cents, doubtful_cents = doubtful_cents + excluded.doubtful_cents,
  written_off = max(written_off, excluded.written_off), last_move = max(last_move, excluded.last_move)`;

/** Migration 0007's pairs of a lettering, an invoice's own line now being its 'invoice' or its 'opening' line. */
const pairsWith = (lettering: string, line: string, extra = '') => `
  FROM (SELECT line_id FROM lettering_line WHERE lettering_id = ${lettering} ${extra}) m
  CROSS JOIN invoice_link k ON k.line_id = m.line_id AND k.role IN ('invoice', 'opening')
  CROSS JOIN (SELECT line_id FROM lettering_line WHERE lettering_id = ${lettering} ${extra}) o
  CROSS JOIN entry_line l ON l.id = o.line_id
  CROSS JOIN entry e ON e.id = l.entry_id
 WHERE (m.line_id = ${line} OR o.line_id = ${line})
   AND NOT EXISTS (SELECT 1 FROM invoice_link z WHERE z.line_id = o.line_id)
   AND l.account IN (${C}, ${D})
 GROUP BY k.invoice_id`;

/**
 * Closing and the FEC (issue 14).
 *
 * 1. invoice_link accepts the role `opening`: the next year's opening entry carries the lettered accounts
 *    (411, 416, 4191) one line per open invoice, linked to it, so that the new year letters against that
 *    line and never again against a closed year's lines. Such a line repeats what the closed year's lines
 *    of the invoice already count: the view invoice_ledger_line and the kept balances (invoice_balance)
 *    leave it out, and a line lettered with it that no link claims counts as a payment, as with the
 *    invoice's own line. SQLite cannot change a CHECK: the table is rebuilt (its rows copied before any
 *    trigger exists on the new table, so no balance moves), with its index, its triggers, the view and the
 *    lettering triggers that read it.
 * 2. The FEC's CompteNum has at least three digits: a role on a shorter account (the default cash account
 *    was 53) moves to its three-digit sub-account (530, now in the chart as the cash account Encours posts
 *    to; another one is created with its heading's label). Entries already
 *    posted to 53 are validated and hash-chained: they stay as they are; the FEC prints them as 530 and the
 *    closing carries their balance to 530 (shared/accounts.ts threeDigitAccount).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'closing',
  up(db) {
    db.exec(`
      DROP VIEW invoice_ledger_line;
      DROP TRIGGER lettering_line_moves_balance;
      DROP TRIGGER lettering_line_unmoves_balance;

      CREATE TABLE invoice_link_new (
        line_id INTEGER NOT NULL REFERENCES entry_line (id),
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        role TEXT NOT NULL CHECK (role IN ('invoice', 'payment', 'credit_note', 'escompte', 'advance', 'reclass', 'writeoff', 'vat_receipt', 'provision', 'recovery', 'opening')),
        PRIMARY KEY (line_id, invoice_id)
      ) STRICT;
      INSERT INTO invoice_link_new (line_id, invoice_id, role) SELECT line_id, invoice_id, role FROM invoice_link;
      DROP TABLE invoice_link;
      ALTER TABLE invoice_link_new RENAME TO invoice_link;
      CREATE INDEX invoice_link_by_invoice_line ON invoice_link (invoice_id, role, line_id);

      CREATE TRIGGER invoice_link_is_permanent BEFORE DELETE ON invoice_link
      BEGIN SELECT RAISE(ABORT, 'LINK_IMMUTABLE'); END;

      CREATE TRIGGER invoice_link_moves_balance AFTER INSERT ON invoice_link
      WHEN NEW.role <> 'opening'
      BEGIN
        INSERT INTO invoice_balance (invoice_id, outstanding_cents, paid_cents, credited_cents, doubtful_cents, written_off, last_move)
        SELECT NEW.invoice_id,
               l.debit_cents - l.credit_cents,
               CASE WHEN NEW.role IN ('payment', 'advance', 'recovery') THEN l.credit_cents - l.debit_cents ELSE 0 END,
               CASE WHEN NEW.role IN ('credit_note', 'escompte') THEN l.credit_cents - l.debit_cents ELSE 0 END,
               CASE WHEN l.account = ${D} THEN l.debit_cents - l.credit_cents ELSE 0 END,
               NEW.role = 'writeoff', e.date
          FROM entry_line l CROSS JOIN entry e ON e.id = l.entry_id
         WHERE l.id = NEW.line_id AND l.account IN (${C}, ${D})
        ${ADD};
      END;

      CREATE TRIGGER lettering_line_moves_balance AFTER INSERT ON lettering_line
      BEGIN
        INSERT INTO invoice_balance (invoice_id, outstanding_cents, paid_cents, doubtful_cents, last_move)
        SELECT k.invoice_id, sum(l.debit_cents - l.credit_cents), sum(l.credit_cents - l.debit_cents),
               sum(CASE WHEN l.account = ${D} THEN l.debit_cents - l.credit_cents ELSE 0 END),
               max(max(e.date, (SELECT date FROM lettering WHERE id = NEW.lettering_id)))
        ${pairsWith('NEW.lettering_id', 'NEW.line_id')}
        ${ADD};
      END;
      CREATE TRIGGER lettering_line_unmoves_balance AFTER DELETE ON lettering_line
      BEGIN
        INSERT INTO invoice_balance (invoice_id, outstanding_cents, paid_cents, doubtful_cents)
        SELECT k.invoice_id, -sum(l.debit_cents - l.credit_cents), -sum(l.credit_cents - l.debit_cents),
               -sum(CASE WHEN l.account = ${D} THEN l.debit_cents - l.credit_cents ELSE 0 END)
        ${pairsWith('OLD.lettering_id', 'OLD.line_id', 'UNION ALL SELECT OLD.line_id')}
        ${ADD};
      END;

      -- Every ledger line that concerns an invoice's balance: the ones linked when posted (opening lines
      -- aside), plus the lines lettered with its own line that no invoice claims.
      CREATE VIEW invoice_ledger_line AS
        SELECT k.invoice_id, k.line_id, k.role, NULL AS lettered_on FROM invoice_link k WHERE k.role <> 'opening'
        UNION ALL
        SELECT k.invoice_id, other.line_id, 'payment' AS role, lt.date AS lettered_on
          FROM invoice_link k
          JOIN lettering_line mine ON mine.line_id = k.line_id
          JOIN lettering lt ON lt.id = mine.lettering_id
          JOIN lettering_line other ON other.lettering_id = mine.lettering_id
         WHERE k.role IN ('invoice', 'opening') AND NOT EXISTS (SELECT 1 FROM invoice_link x WHERE x.line_id = other.line_id);
    `);

    // Three digits at least for every account Encours posts to: a role left on a shorter account (the cash
    // on 53) moves to its three-digit sub-account, created if the chart does not hold it (530 is in
    // shared/pcg.ts, the new default of the cash role: files that never changed it need nothing).
    const create = db.prepare("INSERT INTO account (number, label, created_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) ON CONFLICT (number) DO NOTHING");
    const short = db.prepare('SELECT role, account FROM account_role WHERE length(account) < 3').all() as { role: string; account: string }[];
    for (const r of short) {
      const to = threeDigitAccount(r.account);
      if (PCG_ACCOUNTS[to] === undefined) create.run(to, PCG_ACCOUNTS[r.account] ?? r.account);
      db.prepare('UPDATE account_role SET account = ? WHERE role = ?').run(to, r.role);
    }
  },
};
