import type { Migration } from './types';

/**
 * Doubtful and irrecoverable debts: the decisions taken on an invoice (classification, estimates of the
 * provision, write-off) and the evidence kept for them. The amounts themselves are in the journal.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'doubtful-debts',
  up(db) {
    db.exec(`
      CREATE TABLE doubtful_classification (
        invoice_id INTEGER PRIMARY KEY REFERENCES invoice (id),
        date TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('doubtful', 'disputed')),
        note TEXT,
        entry_id INTEGER NOT NULL REFERENCES entry (id),
        created_at TEXT NOT NULL
      ) STRICT;

      -- Every estimate, kept even when it posts nothing: it is the justification of the provision.
      CREATE TABLE provision_estimate (
        id INTEGER PRIMARY KEY,
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        date TEXT NOT NULL,
        risk_percent TEXT NOT NULL,
        insured_percent TEXT NOT NULL,
        outstanding_cents INTEGER NOT NULL,
        target_cents INTEGER NOT NULL,
        previous_cents INTEGER NOT NULL,
        delta_cents INTEGER NOT NULL,
        justification TEXT,
        entry_id INTEGER REFERENCES entry (id),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX provision_estimate_by_invoice ON provision_estimate (invoice_id, date);

      CREATE TABLE write_off (
        invoice_id INTEGER PRIMARY KEY REFERENCES invoice (id),
        date TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('liquidation', 'certificate', 'prescription', 'other')),
        judgment_date TEXT,
        note TEXT,
        loss_account TEXT NOT NULL,
        loss_cents INTEGER NOT NULL,
        vat_regularised_cents INTEGER NOT NULL,
        vat_pending_cents INTEGER NOT NULL,
        vat_as_loss_cents INTEGER NOT NULL,
        provision_reversed_cents INTEGER NOT NULL,
        recovery_deadline TEXT,
        entry_id INTEGER NOT NULL REFERENCES entry (id),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        kind TEXT NOT NULL CHECK (kind IN ('reminder', 'formal_notice', 'court', 'certificate', 'other')),
        date TEXT NOT NULL,
        note TEXT NOT NULL,
        file_name TEXT,
        stored_path TEXT,
        sha256 TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX evidence_by_invoice ON evidence (invoice_id, date);

      CREATE TRIGGER evidence_is_permanent BEFORE UPDATE ON evidence
      BEGIN SELECT RAISE(ABORT, 'EVIDENCE_IMMUTABLE'); END;
      CREATE TRIGGER evidence_is_kept BEFORE DELETE ON evidence
      BEGIN SELECT RAISE(ABORT, 'EVIDENCE_IMMUTABLE'); END;
      CREATE TRIGGER write_off_is_permanent BEFORE UPDATE ON write_off
      BEGIN SELECT RAISE(ABORT, 'WRITE_OFF_IMMUTABLE'); END;
    `);
  },
};
