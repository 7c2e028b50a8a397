import type { Migration } from './types';

/**
 * Quotes (devis, series D) and what they become: deposit invoices (credited to 4191) and a final invoice
 * that deducts them. A quote posts nothing. Its statuses `expired` and `invoiced` are read from the facts
 * (validity date, a final invoice made from it), so only what the owner decides is stored.
 */
export const migration0021: Migration = {
  version: 21,
  name: 'quotes-deposits',
  up(db) {
    db.exec(`
      CREATE TABLE quote (
        id INTEGER PRIMARY KEY,
        number TEXT UNIQUE,                 -- D2026-00001, given when the quote is issued; NULL while draft
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'accepted', 'refused')),
        date TEXT NOT NULL,
        valid_until TEXT NOT NULL CHECK (valid_until >= date),
        discount_percent TEXT,
        deposit_percent TEXT,
        payment_terms TEXT,
        consumer_work INTEGER NOT NULL DEFAULT 0 CHECK (consumer_work IN (0, 1)),
        work_site TEXT,
        travel_costs TEXT,
        notes TEXT,
        vat_regime TEXT NOT NULL,
        net_cents INTEGER NOT NULL,
        vat_cents INTEGER NOT NULL,
        gross_cents INTEGER NOT NULL,
        decided_on TEXT,
        issued_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((status = 'draft') = (number IS NULL))
      ) STRICT;
      CREATE INDEX quote_by_customer ON quote (customer_id, date);
      CREATE INDEX quote_by_date ON quote (date);

      CREATE TABLE quote_line (
        quote_id INTEGER NOT NULL REFERENCES quote (id) ON DELETE CASCADE,
        line_no INTEGER NOT NULL,
        description TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('goods', 'services')),
        quantity TEXT NOT NULL,
        unit TEXT CHECK (unit IS NULL OR unit <> ''),
        unit_price TEXT NOT NULL,
        vat_rate TEXT NOT NULL,
        discount_percent TEXT,
        account TEXT,
        net_cents INTEGER NOT NULL,
        PRIMARY KEY (quote_id, line_no)
      ) STRICT;

      -- An issued quote is a document given to the customer: it is refused or expires, never deleted.
      CREATE TRIGGER quote_issued_never_deleted BEFORE DELETE ON quote WHEN OLD.number IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'Un devis émis ne se supprime pas.'); END;

      ALTER TABLE invoice ADD COLUMN quote_id INTEGER REFERENCES quote (id);
      ALTER TABLE invoice ADD COLUMN quote_role TEXT CHECK (quote_role IN ('deposit', 'final'));
      CREATE INDEX invoice_by_quote ON invoice (quote_id) WHERE quote_id IS NOT NULL;

      -- What a final invoice deducts, per deposit invoice and rate: base and VAT as the deposit invoiced
      -- them, net of its credit notes. The final invoice's own totals are what is left to pay.
      CREATE TABLE invoice_deduction (
        invoice_id INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
        deposit_id INTEGER NOT NULL REFERENCES invoice (id),
        rate TEXT NOT NULL,
        base_cents INTEGER NOT NULL CHECK (base_cents >= 0),
        vat_cents INTEGER NOT NULL CHECK (vat_cents >= 0),
        PRIMARY KEY (invoice_id, deposit_id, rate)
      ) STRICT;
      CREATE INDEX invoice_deduction_by_deposit ON invoice_deduction (deposit_id);
    `);
  },
};
