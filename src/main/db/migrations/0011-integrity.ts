import type { Migration } from './types';

/**
 * Integrity beyond the hash chain (issue 15).
 *
 * 1. `file_identity`: one row, a random id generated once for this file (new files and files of an older
 *    schema alike). The head of the chain is kept outside the file under this id (the witness in the
 *    app's data folder, each backup's sidecar), so that a file whose newest entries were deleted, or whose
 *    chain was recomputed after an edit, no longer matches what was seen of it.
 * 2. `entry.hash_version`: 1 for the entries validated before this migration (their hash keeps its
 *    formula), 2 afterwards: the hash then also covers the entry's source and `doc_digest`, the digest
 *    of what the document it comes from prints (an invoice's lines and totals per rate, its number, date
 *    and customer; a credit note's parts), so that a PDF cannot show a figure the ledger does not hold.
 * 3. `fiscal_year.closing_seq` / `closing_hash`: the head of the chain when the year was closed.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'integrity',
  up(db) {
    db.exec(`
      CREATE TABLE file_identity (
        id TEXT PRIMARY KEY CHECK (length(id) = 32)
      ) STRICT;
      INSERT INTO file_identity (id) VALUES (lower(hex(randomblob(16))));

      ALTER TABLE entry ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2));
      ALTER TABLE entry ADD COLUMN doc_digest TEXT;

      ALTER TABLE fiscal_year ADD COLUMN closing_seq INTEGER;
      ALTER TABLE fiscal_year ADD COLUMN closing_hash TEXT;
    `);
  },
};
