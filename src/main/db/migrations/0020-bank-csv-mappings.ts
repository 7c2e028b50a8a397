import type { Migration } from './types';

/**
 * The CSV column mappings the owner confirmed, per bank account and per header (its cells normalised):
 * the next statement of the same bank, same layout, is read the same way without asking again.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'bank-csv-mappings',
  up(db) {
    db.exec(`
      CREATE TABLE bank_csv_mapping (
        account TEXT NOT NULL,
        header_key TEXT NOT NULL CHECK (header_key <> ''),
        mapping TEXT NOT NULL CHECK (json_valid(mapping)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (account, header_key)
      ) STRICT;
    `);
  },
};
