import type { Migration } from './types';

/**
 * The catalogue of articles: what the owner sells often. A document line copies what it takes from an
 * article, so nothing here is referenced by a document; an article is archived, never deleted, so an old
 * reference keeps meaning what it meant. Self-contained: it creates its own table only.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'articles',
  up(db) {
    db.exec(`
      CREATE TABLE article (
        id INTEGER PRIMARY KEY,
        reference TEXT UNIQUE CHECK (reference IS NULL OR reference <> ''),
        description TEXT NOT NULL CHECK (description <> ''),
        kind TEXT NOT NULL CHECK (kind IN ('goods', 'services')),
        unit TEXT NOT NULL,
        unit_price TEXT NOT NULL,
        vat_rate TEXT NOT NULL,
        account TEXT,
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX article_description ON article (archived, description COLLATE NOCASE);
      CREATE TRIGGER article_never_deleted BEFORE DELETE ON article
      BEGIN SELECT RAISE(ABORT, 'Un article s’archive, il ne se supprime pas.'); END;
    `);
  },
};
