import type { Database } from 'better-sqlite3-multiple-ciphers';

/** A numbered schema step. Once shipped, a migration is never edited: a change is a new file. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
