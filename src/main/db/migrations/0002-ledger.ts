import type { Migration } from './types';

/**
 * The journal. Append-only: an entry is inserted unvalidated, gets its lines, then is validated once
 * (number, sequence, hash); from then on triggers refuse any change to it or its lines. Lettering lives in
 * its own tables so matching never touches an entry.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'ledger',
  up(db) {
    db.exec(`
      -- Sub-accounts the company adds (706100…) and the accounts it chose for each role.
      CREATE TABLE account (
        number TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE account_role (
        role TEXT PRIMARY KEY,
        account TEXT NOT NULL
      ) STRICT;

      CREATE TABLE entry (
        id INTEGER PRIMARY KEY,
        fiscal_year_id INTEGER NOT NULL REFERENCES fiscal_year (id),
        journal TEXT NOT NULL CHECK (journal IN ('VT', 'BQ', 'CA', 'OD', 'AN')),
        date TEXT NOT NULL,
        label TEXT NOT NULL CHECK (label <> ''),
        piece_ref TEXT NOT NULL CHECK (piece_ref <> ''),
        piece_date TEXT NOT NULL,
        source_kind TEXT,
        source_id INTEGER,
        -- Set once, at validation:
        num INTEGER,            -- EcritureNum, continuous per fiscal year in validation order
        seq INTEGER UNIQUE,     -- global validation order, the order of the hash chain
        validated_at TEXT,
        prev_hash TEXT,
        hash TEXT,
        UNIQUE (fiscal_year_id, num)
      ) STRICT;
      CREATE INDEX entry_by_date ON entry (date, seq);
      CREATE INDEX entry_by_journal ON entry (journal, date);
      CREATE INDEX entry_by_source ON entry (source_kind, source_id);

      CREATE TABLE entry_line (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entry (id),
        line_no INTEGER NOT NULL,
        account TEXT NOT NULL,
        aux TEXT,
        label TEXT NOT NULL CHECK (label <> ''),
        debit_cents INTEGER NOT NULL DEFAULT 0 CHECK (debit_cents >= 0),
        credit_cents INTEGER NOT NULL DEFAULT 0 CHECK (credit_cents >= 0),
        CHECK ((debit_cents = 0) <> (credit_cents = 0)),
        UNIQUE (entry_id, line_no)
      ) STRICT;
      CREATE INDEX line_by_account ON entry_line (account, aux);
      CREATE INDEX line_by_aux ON entry_line (aux) WHERE aux IS NOT NULL;

      CREATE TABLE lettering (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL,
        aux TEXT NOT NULL DEFAULT '',
        code TEXT NOT NULL,
        date TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (account, aux, code)
      ) STRICT;
      CREATE TABLE lettering_line (
        line_id INTEGER PRIMARY KEY REFERENCES entry_line (id),
        lettering_id INTEGER NOT NULL REFERENCES lettering (id) ON DELETE CASCADE
      ) STRICT;
      CREATE INDEX lettering_line_by_lettering ON lettering_line (lettering_id);

      -- Gapless document series (F2026, AV2026…): taken in the posting's transaction, so a rollback
      -- gives the number back.
      CREATE TABLE doc_sequence (
        series TEXT PRIMARY KEY,
        last_number INTEGER NOT NULL,
        last_date TEXT NOT NULL
      ) STRICT;

      CREATE TRIGGER entry_validated_is_immutable BEFORE UPDATE ON entry
      WHEN OLD.validated_at IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'ENTRY_IMMUTABLE'); END;

      CREATE TRIGGER entry_validated_is_permanent BEFORE DELETE ON entry
      WHEN OLD.validated_at IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'ENTRY_IMMUTABLE'); END;

      -- Integer sum(), not total(): a float stops seeing a cent beyond 2^53 cents.
      CREATE TRIGGER entry_balanced_at_validation BEFORE UPDATE OF validated_at ON entry
      WHEN OLD.validated_at IS NULL AND NEW.validated_at IS NOT NULL AND (
        (SELECT count(*) FROM entry_line WHERE entry_id = NEW.id) < 2
        OR (SELECT sum(debit_cents - credit_cents) FROM entry_line WHERE entry_id = NEW.id) <> 0
      )
      BEGIN SELECT RAISE(ABORT, 'UNBALANCED_ENTRY'); END;

      -- Validation is the only way to a validated entry: one inserted validated would skip the check above.
      CREATE TRIGGER entry_inserted_as_draft BEFORE INSERT ON entry
      WHEN NEW.validated_at IS NOT NULL OR NEW.num IS NOT NULL OR NEW.seq IS NOT NULL OR NEW.hash IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'ENTRY_IMMUTABLE'); END;

      CREATE TRIGGER entry_not_in_closed_year BEFORE INSERT ON entry
      WHEN (SELECT status FROM fiscal_year WHERE id = NEW.fiscal_year_id) <> 'open'
      BEGIN SELECT RAISE(ABORT, 'PERIOD_LOCKED'); END;

      CREATE TRIGGER entry_validated_in_open_year BEFORE UPDATE OF validated_at ON entry
      WHEN OLD.validated_at IS NULL AND NEW.validated_at IS NOT NULL
        AND (SELECT status FROM fiscal_year WHERE id = NEW.fiscal_year_id) <> 'open'
      BEGIN SELECT RAISE(ABORT, 'PERIOD_LOCKED'); END;

      CREATE TRIGGER line_of_validated_entry_no_insert BEFORE INSERT ON entry_line
      WHEN (SELECT validated_at FROM entry WHERE id = NEW.entry_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'ENTRY_IMMUTABLE'); END;

      CREATE TRIGGER line_of_validated_entry_no_update BEFORE UPDATE ON entry_line
      WHEN (SELECT validated_at FROM entry WHERE id = OLD.entry_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'ENTRY_IMMUTABLE'); END;

      CREATE TRIGGER line_of_validated_entry_no_delete BEFORE DELETE ON entry_line
      WHEN (SELECT validated_at FROM entry WHERE id = OLD.entry_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'ENTRY_IMMUTABLE'); END;

      CREATE TRIGGER closed_year_stays_closed BEFORE UPDATE ON fiscal_year
      WHEN OLD.status = 'closed'
      BEGIN SELECT RAISE(ABORT, 'PERIOD_LOCKED'); END;

      -- Deleting it, then inserting it again as open, would reopen it too.
      CREATE TRIGGER closed_year_is_permanent BEFORE DELETE ON fiscal_year
      WHEN OLD.status = 'closed'
      BEGIN SELECT RAISE(ABORT, 'PERIOD_LOCKED'); END;
    `);
  },
};
