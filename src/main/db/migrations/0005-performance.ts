import type { Migration } from './types';

/**
 * Indexes for a file of 100 000 invoices and more (npm run bench): what the reports, the invoice list and
 * the import read, from an index alone where it can, and in entry order where they must check the entry.
 * No table and no rule changes.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'performance',
  up(db) {
    db.exec(`
      -- Sums per account (trial balance, receivables at a date, DSO): read from the index alone, and in
      -- entry order, so the entries a date filter must look up are read one after the other.
      CREATE INDEX line_by_account_entry ON entry_line (account, entry_id, aux, debit_cents, credit_cents);

      -- A customer's lines on an account (credit-limit exposure at each validation, statements): from the
      -- index alone, without reading each line; supersedes (aux).
      CREATE INDEX line_by_aux_account ON entry_line (aux, account, debit_cents, credit_cents) WHERE aux IS NOT NULL;
      DROP INDEX line_by_aux;

      -- Entries not yet validated: none outside the transaction that posts them. Lets a sum check that
      -- there are none at once, instead of joining every line to its entry.
      CREATE INDEX entry_not_validated ON entry (id) WHERE validated_at IS NULL;

      -- An invoice's links with their lines, without reading the link table; supersedes (invoice_id, role).
      CREATE INDEX invoice_link_by_invoice_line ON invoice_link (invoice_id, role, line_id);
      DROP INDEX invoice_link_by_invoice;

      -- Sales of a period (DSO) from the index alone.
      CREATE INDEX invoice_by_state_date ON invoice (state, date, gross_cents);

      -- The overdue invoices (invoice.list overdue): validated, due before a date.
      CREATE INDEX invoice_by_state_due ON invoice (state, due_date);

      -- The import of open invoices finds a customer by code, SIREN or name: each needs its index, or
      -- every line of the file scans the customers.
      CREATE INDEX customer_by_siren ON customer (siren) WHERE siren IS NOT NULL;
    `);
  },
};
