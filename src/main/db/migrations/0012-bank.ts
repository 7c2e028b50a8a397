import type { Migration } from './types';

/**
 * Bank statements imported from the bank's files (OFX, CAMT.053, CSV) and their lines, waiting to be
 * matched with open invoices and reconciled with account 512. A line is stored once per account:
 * `fingerprint` (unique) is derived from the bank's transaction id when the file gives one, otherwise from
 * the date, amount, label and rank among identical lines, so that importing the same or an overlapping
 * file again adds nothing twice. Self-contained: it creates its own tables and touches no other.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'bank',
  up(db) {
    db.exec(`
      CREATE TABLE bank_statement (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL CHECK (account <> ''),
        file_name TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('ofx', 'camt053', 'csv')),
        bank_account TEXT,
        imported_at TEXT NOT NULL,
        opening_balance_cents INTEGER,
        closing_balance_cents INTEGER,
        period_from TEXT,
        period_to TEXT,
        line_count INTEGER NOT NULL CHECK (line_count >= 0),
        added_count INTEGER NOT NULL CHECK (added_count >= 0)
      ) STRICT;

      CREATE TABLE bank_line (
        id INTEGER PRIMARY KEY,
        statement_id INTEGER NOT NULL REFERENCES bank_statement (id),
        date TEXT NOT NULL,
        value_date TEXT,
        amount_cents INTEGER NOT NULL,
        label TEXT NOT NULL,
        remittance TEXT,
        counterparty_name TEXT,
        counterparty_iban TEXT,
        bank_ref TEXT,
        fingerprint TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL DEFAULT 'to_process' CHECK (status IN ('to_process', 'matched', 'ignored')),
        position INTEGER NOT NULL CHECK (position >= 1)
      ) STRICT;
      CREATE INDEX bank_line_statement ON bank_line (statement_id, position);
      CREATE INDEX bank_line_status_date ON bank_line (status, date);
    `);
  },
};
