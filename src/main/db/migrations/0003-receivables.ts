import type { Migration } from './types';

/**
 * Invoices, credit notes and payments: documents that post to the journal. What a customer has paid and
 * still owes on an invoice is never stored here: it is read from the ledger lines linked to the invoice
 * (`invoice_link`), so it cannot drift from the books.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'receivables',
  up(db) {
    db.exec(`
      CREATE TABLE invoice (
        id INTEGER PRIMARY KEY,
        number TEXT UNIQUE,                 -- given at validation (F2026-00001); NULL while draft
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'validated')),
        date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        delivery_date TEXT,
        order_ref TEXT,
        notes TEXT,
        discount_percent TEXT,
        escompte_percent TEXT,
        escompte_days INTEGER,
        vat_regime TEXT NOT NULL,           -- the company's regime when the invoice was made
        net_cents INTEGER NOT NULL,
        vat_cents INTEGER NOT NULL,
        gross_cents INTEGER NOT NULL,
        vat_pending_cents INTEGER NOT NULL DEFAULT 0,   -- VAT on receipts (44574) as invoiced
        entry_id INTEGER REFERENCES entry (id),
        validated_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX invoice_by_customer ON invoice (customer_id, state, due_date);
      CREATE INDEX invoice_by_date ON invoice (date);

      CREATE TABLE invoice_line (
        id INTEGER PRIMARY KEY,
        invoice_id INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
        line_no INTEGER NOT NULL,
        description TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('goods', 'services')),
        quantity TEXT NOT NULL,
        unit_price TEXT NOT NULL,
        vat_rate TEXT NOT NULL,
        discount_percent TEXT,
        account TEXT,
        net_cents INTEGER NOT NULL,
        UNIQUE (invoice_id, line_no)
      ) STRICT;

      -- Base and VAT per rate, as invoiced (VAT rounded once per rate); pending = VAT on receipts.
      CREATE TABLE invoice_vat (
        invoice_id INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
        rate TEXT NOT NULL,
        base_cents INTEGER NOT NULL,
        vat_cents INTEGER NOT NULL,
        pending_cents INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (invoice_id, rate)
      ) STRICT;

      -- Which ledger lines concern which invoice, and why. Written with the posting, never changed.
      CREATE TABLE invoice_link (
        line_id INTEGER NOT NULL REFERENCES entry_line (id),
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        role TEXT NOT NULL CHECK (role IN ('invoice', 'payment', 'credit_note', 'escompte', 'advance', 'reclass', 'writeoff', 'vat_receipt', 'provision', 'recovery')),
        PRIMARY KEY (line_id, invoice_id)
      ) STRICT;
      CREATE INDEX invoice_link_by_invoice ON invoice_link (invoice_id, role);

      CREATE TABLE credit_note (
        id INTEGER PRIMARY KEY,
        number TEXT UNIQUE,                 -- AV2026-00001, given at validation
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        kind TEXT NOT NULL CHECK (kind IN ('cancellation', 'rebate', 'escompte')),
        state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'validated')),
        date TEXT NOT NULL,
        reason TEXT NOT NULL,
        net_cents INTEGER NOT NULL,
        vat_cents INTEGER NOT NULL,
        gross_cents INTEGER NOT NULL,
        entry_id INTEGER REFERENCES entry (id),
        validated_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX credit_note_by_invoice ON credit_note (invoice_id);

      -- Per rate and nature (goods/services), what the credit note takes back.
      CREATE TABLE credit_note_part (
        credit_note_id INTEGER NOT NULL REFERENCES credit_note (id) ON DELETE CASCADE,
        rate TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('goods', 'services')),
        account TEXT NOT NULL,
        base_cents INTEGER NOT NULL,
        vat_cents INTEGER NOT NULL,
        pending_cents INTEGER NOT NULL DEFAULT 0,
        description TEXT NOT NULL
      ) STRICT;

      CREATE TABLE payment (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        date TEXT NOT NULL,
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        method TEXT NOT NULL CHECK (method IN ('transfer', 'check', 'card', 'cash', 'direct_debit')),
        reference TEXT,
        advance_cents INTEGER NOT NULL DEFAULT 0,
        entry_id INTEGER NOT NULL REFERENCES entry (id),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payment_by_customer ON payment (customer_id, date);

      CREATE TABLE payment_allocation (
        payment_id INTEGER NOT NULL REFERENCES payment (id),
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        escompte_credit_note_id INTEGER REFERENCES credit_note (id),
        PRIMARY KEY (payment_id, invoice_id)
      ) STRICT;
      CREATE INDEX allocation_by_invoice ON payment_allocation (invoice_id);

      -- Every ledger line that concerns an invoice: the ones linked when posted, plus the lines lettered
      -- with them that no invoice claims (a bank entry typed by hand and lettered with the invoice).
      CREATE VIEW invoice_ledger_line AS
        SELECT k.invoice_id, k.line_id, k.role, NULL AS lettered_on FROM invoice_link k
        UNION ALL
        SELECT k.invoice_id, other.line_id, 'payment' AS role, lt.date AS lettered_on
          FROM invoice_link k
          JOIN lettering_line mine ON mine.line_id = k.line_id
          JOIN lettering lt ON lt.id = mine.lettering_id
          JOIN lettering_line other ON other.lettering_id = mine.lettering_id
         WHERE k.role = 'invoice' AND NOT EXISTS (SELECT 1 FROM invoice_link x WHERE x.line_id = other.line_id);

      CREATE TRIGGER invoice_validated_is_immutable BEFORE UPDATE ON invoice
      WHEN OLD.state = 'validated'
      BEGIN SELECT RAISE(ABORT, 'INVOICE_IMMUTABLE'); END;
      CREATE TRIGGER invoice_validated_is_permanent BEFORE DELETE ON invoice
      WHEN OLD.state = 'validated'
      BEGIN SELECT RAISE(ABORT, 'INVOICE_IMMUTABLE'); END;
      CREATE TRIGGER invoice_line_of_validated_no_change BEFORE UPDATE ON invoice_line
      WHEN (SELECT state FROM invoice WHERE id = OLD.invoice_id) = 'validated'
      BEGIN SELECT RAISE(ABORT, 'INVOICE_IMMUTABLE'); END;
      CREATE TRIGGER invoice_line_of_validated_no_delete BEFORE DELETE ON invoice_line
      WHEN (SELECT state FROM invoice WHERE id = OLD.invoice_id) = 'validated'
      BEGIN SELECT RAISE(ABORT, 'INVOICE_IMMUTABLE'); END;
      CREATE TRIGGER invoice_link_is_permanent BEFORE DELETE ON invoice_link
      BEGIN SELECT RAISE(ABORT, 'LINK_IMMUTABLE'); END;
      CREATE TRIGGER credit_note_validated_is_immutable BEFORE UPDATE ON credit_note
      WHEN OLD.state = 'validated'
      BEGIN SELECT RAISE(ABORT, 'CREDIT_NOTE_IMMUTABLE'); END;
      CREATE TRIGGER credit_note_validated_is_permanent BEFORE DELETE ON credit_note
      WHEN OLD.state = 'validated'
      BEGIN SELECT RAISE(ABORT, 'CREDIT_NOTE_IMMUTABLE'); END;
      CREATE TRIGGER payment_is_permanent BEFORE DELETE ON payment
      BEGIN SELECT RAISE(ABORT, 'PAYMENT_IMMUTABLE'); END;
    `);
  },
};
