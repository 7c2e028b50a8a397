import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openCompanyDb, translateSqliteError, type Db, type OpenOptions } from './open';

/**
 * The company file the current door works on. Opened lazily and kept open; the CLI holds one for a
 * single call, the app and the harness for their lifetime. `switchTo` is how Fichier › Ouvrir changes it.
 */
export class CompanyFile {
  private handle: Db | null = null;

  constructor(
    private filePath: string,
    private readonly options: Omit<OpenOptions, 'create'> & { witnessDir?: string | undefined } = {},
  ) {}

  get path(): string {
    return this.filePath;
  }

  /** Where automatic backups go: the app's data folder in Electron, else beside the company file. */
  get backupDir(): string {
    return this.options.backupDir ?? join(dirname(this.filePath), 'Sauvegardes Encours');
  }

  /**
   * Where the head of each file's hash chain is kept outside the file (one JSON per file id): the app's
   * data folder, ENCOURS_DATA_DIR for the CLI and the harness. None: nothing is compared nor recorded.
   */
  get witnessDir(): string | undefined {
    return this.options.witnessDir;
  }

  get isOpen(): boolean {
    return this.handle !== null;
  }

  /** The open database; refuses a missing file with NOT_FOUND. */
  db(): Db {
    this.handle ??= openCompanyDb(this.filePath, { ...this.options, backupDir: this.backupDir });
    return this.handle;
  }

  /** Opens, creating the file (and its folder) if needed: company.init only. */
  create(): Db {
    if (!this.handle) {
      mkdirSync(dirname(this.filePath), { recursive: true });
      this.handle = openCompanyDb(this.filePath, { ...this.options, backupDir: this.backupDir, create: true });
    }
    return this.handle;
  }

  /** Runs `fn` in one IMMEDIATE transaction: it commits whole or not at all. */
  write<T>(fn: (db: Db) => T, db: Db = this.db()): T {
    try {
      return db.transaction(() => fn(db)).immediate();
    } catch (err) {
      throw translateSqliteError(err, this.filePath);
    }
  }

  switchTo(path: string) {
    this.close();
    this.filePath = path;
  }

  close() {
    if (this.handle?.open) {
      // Folds the WAL back into the file so a copied .encours is complete on its own.
      this.handle.pragma('wal_checkpoint(TRUNCATE)');
      this.handle.close();
    }
    this.handle = null;
  }
}
