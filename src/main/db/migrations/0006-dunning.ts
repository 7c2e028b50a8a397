import type { Migration } from './types';

/**
 * Dunning: the scenario steps per customer kind, the actions recorded per invoice (kept, never changed),
 * the owner's letter templates, the penalty rates the owner corrected, payment plans and their
 * instalments. Defaults (steps, templates, rates) live in the code: a row here is the owner's choice.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'dunning',
  up(db) {
    db.exec(`
      CREATE TABLE dunning_step (
        customer_kind TEXT NOT NULL CHECK (customer_kind IN ('business', 'consumer')),
        position INTEGER NOT NULL CHECK (position >= 0),
        key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 40),
        label TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('courtesy', 'reminder', 'call', 'formal_notice', 'litigation')),
        offset_days INTEGER NOT NULL CHECK (offset_days BETWEEN -365 AND 3650),
        PRIMARY KEY (customer_kind, key),
        UNIQUE (customer_kind, position)
      ) STRICT;

      CREATE TABLE dunning_action (
        id INTEGER PRIMARY KEY,
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        step_key TEXT NOT NULL,
        step_label TEXT NOT NULL,
        step_kind TEXT NOT NULL CHECK (step_kind IN ('courtesy', 'reminder', 'call', 'formal_notice', 'litigation')),
        step_position INTEGER NOT NULL,
        date TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('email', 'letter', 'phone', 'other')),
        note TEXT,
        promise_date TEXT CHECK (promise_date IS NULL OR promise_date >= date),
        evidence_id INTEGER REFERENCES evidence (id),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX dunning_action_by_invoice ON dunning_action (invoice_id, date);
      CREATE TRIGGER dunning_action_is_permanent BEFORE UPDATE ON dunning_action
      BEGIN SELECT RAISE(ABORT, 'DUNNING_ACTION_IMMUTABLE'); END;
      CREATE TRIGGER dunning_action_is_kept BEFORE DELETE ON dunning_action
      BEGIN SELECT RAISE(ABORT, 'DUNNING_ACTION_IMMUTABLE'); END;

      CREATE TABLE letter_template (
        kind TEXT PRIMARY KEY CHECK (kind IN ('courtesy', 'reminder', 'call', 'formal_notice', 'litigation')),
        subject TEXT NOT NULL,
        letter TEXT NOT NULL,
        email TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE penalty_rate (
        period TEXT PRIMARY KEY CHECK (period GLOB '[12][0-9][0-9][0-9]-H[12]'),
        ecb_rate TEXT NOT NULL,
        legal_rate TEXT NOT NULL,
        rate TEXT NOT NULL,
        confirmed INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE payment_plan (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        date TEXT NOT NULL,
        total_cents INTEGER NOT NULL CHECK (total_cents > 0),
        note TEXT,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
        cancelled_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payment_plan_by_customer ON payment_plan (customer_id, status);

      -- The invoices a plan covers and what each still owed when the plan was agreed.
      CREATE TABLE payment_plan_invoice (
        plan_id INTEGER NOT NULL REFERENCES payment_plan (id),
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        outstanding_cents INTEGER NOT NULL CHECK (outstanding_cents > 0),
        PRIMARY KEY (plan_id, invoice_id)
      ) STRICT;
      CREATE INDEX payment_plan_invoice_by_invoice ON payment_plan_invoice (invoice_id);

      CREATE TABLE payment_plan_instalment (
        plan_id INTEGER NOT NULL REFERENCES payment_plan (id),
        no INTEGER NOT NULL CHECK (no >= 1),
        date TEXT NOT NULL,
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        PRIMARY KEY (plan_id, no)
      ) STRICT;

      -- Late-payment penalties invoiced (series PEN, outside the scope of VAT): D 411 / C 7631.
      CREATE TABLE penalty_invoice (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        date TEXT NOT NULL,
        as_of TEXT NOT NULL,
        rate TEXT NOT NULL,
        days INTEGER NOT NULL,
        interest_cents INTEGER NOT NULL CHECK (interest_cents >= 0),
        indemnity_cents INTEGER NOT NULL CHECK (indemnity_cents >= 0),
        entry_id INTEGER NOT NULL REFERENCES entry (id),
        created_at TEXT NOT NULL,
        CHECK (interest_cents + indemnity_cents > 0)
      ) STRICT;
      CREATE INDEX penalty_invoice_by_invoice ON penalty_invoice (invoice_id);
    `);
  },
};
