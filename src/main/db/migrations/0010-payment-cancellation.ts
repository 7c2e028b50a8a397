import type { Migration } from './types';

/**
 * Payments that are cancelled and settlement differences (écarts de règlement). A cancelled payment keeps
 * its rows: `payment_cancellation` says when, why and by which reversal entry (the reversals of its escompte
 * credit notes and VAT entries carry the same source, `payment_cancellation`). What a payment wrote off as a
 * small difference is kept beside it: short on an invoice (D 658, `payment_allocation.difference_cents`),
 * or paid too much (C 758, `payment.surplus_cents`). The company chooses up to how much (1,00 € by default).
 */
export const migration0010: Migration = {
  version: 10,
  name: 'payment-cancellation',
  up(db) {
    db.exec(`
      CREATE TABLE payment_cancellation (
        payment_id INTEGER PRIMARY KEY REFERENCES payment (id),
        entry_id INTEGER NOT NULL REFERENCES entry (id),
        date TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason <> ''),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER payment_cancellation_is_permanent BEFORE DELETE ON payment_cancellation
      BEGIN SELECT RAISE(ABORT, 'PAYMENT_IMMUTABLE'); END;
      CREATE TRIGGER payment_cancellation_no_change BEFORE UPDATE ON payment_cancellation
      BEGIN SELECT RAISE(ABORT, 'PAYMENT_IMMUTABLE'); END;

      ALTER TABLE payment_allocation ADD COLUMN difference_cents INTEGER NOT NULL DEFAULT 0 CHECK (difference_cents >= 0);
      ALTER TABLE payment ADD COLUMN surplus_cents INTEGER NOT NULL DEFAULT 0 CHECK (surplus_cents >= 0);
      ALTER TABLE company ADD COLUMN payment_difference_cents INTEGER NOT NULL DEFAULT 100 CHECK (payment_difference_cents >= 0);
    `);
  },
};
