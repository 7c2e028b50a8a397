import type { Migration } from './types';

/**
 * Issue 16, second part: matching bank lines with open invoices.
 *  - `bank_line.payment_id`: the payment a matched line recorded (cancelled through payment.cancel when the
 *    match is undone, the line then back to to_process).
 *  - `bank_counterparty`: the counterparty IBANs learnt from the matches the owner accepted, each to the
 *    customer it paid for (the last match wins).
 *  - the indexes matching reads by: the open invoices by outstanding amount (the exact amount of one
 *    invoice), the lines by payment.
 * Self-contained: it touches only these.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'bank-matching',
  up(db) {
    db.exec(`
      ALTER TABLE bank_line ADD COLUMN payment_id INTEGER REFERENCES payment (id);
      CREATE INDEX bank_line_by_payment ON bank_line (payment_id) WHERE payment_id IS NOT NULL;

      CREATE TABLE bank_counterparty (
        iban TEXT PRIMARY KEY CHECK (iban <> ''),
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        learnt_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX bank_counterparty_by_customer ON bank_counterparty (customer_id);

      CREATE INDEX invoice_balance_by_outstanding ON invoice_balance (outstanding_cents) WHERE outstanding_cents > 0;
    `);
  },
};
