import type { Migration } from './types';

/**
 * Issue 16, third part: a bank line that is no customer payment, posted by hand (`ledger.post` with its
 * `bankLineId`: bank fees, a supplier paid, a loan instalment). `bank_line.entry_id` is that entry; the line
 * is then `matched` without a payment. The reconciliation reads both links (payment_id, entry_id) to tell
 * the bank lines not yet in the ledger from the entries on 512 not yet on the bank. Self-contained.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'bank-posting',
  up(db) {
    db.exec(`
      ALTER TABLE bank_line ADD COLUMN entry_id INTEGER REFERENCES entry (id);
      CREATE INDEX bank_line_by_entry ON bank_line (entry_id) WHERE entry_id IS NOT NULL;
    `);
  },
};
