import type { Migration } from './types';

export const migration0001: Migration = {
  version: 1,
  name: 'company-customers',
  up(db) {
    db.exec(`
      CREATE TABLE company (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        legal_form TEXT,
        siren TEXT NOT NULL CHECK (length(siren) = 9),
        vat_number TEXT,
        address_line1 TEXT NOT NULL,
        address_line2 TEXT,
        postcode TEXT NOT NULL,
        city TEXT NOT NULL,
        country TEXT NOT NULL DEFAULT 'FR',
        vat_regime TEXT NOT NULL CHECK (vat_regime IN ('debits', 'encaissements', 'franchise')),
        late_penalty_rate TEXT,
        iban TEXT,
        bic TEXT,
        email TEXT,
        phone TEXT,
        share_capital_cents INTEGER CHECK (share_capital_cents >= 0),
        rcs TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE fiscal_year (
        id INTEGER PRIMARY KEY,
        start_date TEXT NOT NULL UNIQUE,
        end_date TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        closed_at TEXT,
        CHECK (end_date > start_date)
      ) STRICT;

      -- AUTOINCREMENT: a rowid, hence an auxiliary account code, is never handed out twice.
      CREATE TABLE customer (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('business', 'consumer')),
        siren TEXT CHECK (siren IS NULL OR length(siren) = 9),
        vat_number TEXT,
        email TEXT,
        phone TEXT,
        address_line1 TEXT,
        address_line2 TEXT,
        postcode TEXT,
        city TEXT,
        country TEXT,
        payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 60),
        credit_limit_cents INTEGER CHECK (credit_limit_cents >= 0),
        notes TEXT,
        search_text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX customer_by_name ON customer (name COLLATE NOCASE);

      CREATE TRIGGER customer_code_is_permanent BEFORE UPDATE OF code ON customer
      WHEN NEW.code IS NOT OLD.code
      BEGIN
        SELECT RAISE(ABORT, 'customer code is permanent');
      END;
    `);
  },
};
