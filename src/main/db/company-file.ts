import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';
import { changeKey, isEncrypted, notEncrypted, passphraseMissing, passphraseWrong, readFileKind } from './encryption';
import { openCompanyDb, translateSqliteError, type Db, type OpenOptions } from './open';

/**
 * Where a door keeps the passphrases the owner asked it to remember, one per company file. Electron's is
 * encrypted by the OS keychain (safeStorage) in the app's data folder; the CLI and the harness have none.
 */
export interface PassphraseKeychain {
  /** False where the OS offers no keychain: « Se souvenir sur cet ordinateur » is then not offered. */
  readonly available: boolean;
  has(file: string): boolean;
  recall(file: string): string | undefined;
  remember(file: string, passphrase: string): void;
  forget(file: string): void;
}

export interface CompanyFileOptions extends Omit<OpenOptions, 'create' | 'passphrase'> {
  /** The passphrase the door was given (CLI --passphrase-file, harness): a wrong one is refused as such. */
  passphrase?: string;
  keychain?: PassphraseKeychain;
  /**
   * Where the head of each file's hash chain is kept outside the file (one JSON per file id): the app's
   * data folder, ENCOURS_DATA_DIR for the CLI and the harness. None: nothing is compared nor recorded.
   */
  witnessDir?: string | undefined;
}

/**
 * The company file the current door works on. Opened lazily and kept open; the CLI holds one for a
 * single call, the app and the harness for their lifetime. `switchTo` is how Fichier › Ouvrir changes it.
 * The passphrase of an encrypted file stays in this object's memory while the file is the door's.
 */
export class CompanyFile {
  private handle: Db | null = null;
  private passphrase: string | undefined;
  /** A passphrase to try silently (that of the file a restored copy comes from): a wrong one only asks. */
  private hint: string | undefined;

  constructor(
    private filePath: string,
    private readonly options: CompanyFileOptions = {},
  ) {
    this.passphrase = options.passphrase;
  }

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

  /** Whether the file is encrypted: said by the open connection, else by the file's first bytes. */
  get encrypted(): boolean {
    return this.handle ? isEncrypted(this.handle) : readFileKind(this.filePath) === 'encrypted';
  }

  /** What the door may offer about remembering the passphrase on this computer. */
  get keychainState(): { canRemember: boolean; remembered: boolean } {
    const keychain = this.options.keychain;
    return { canRemember: keychain?.available ?? false, remembered: keychain?.has(this.filePath) ?? false };
  }

  /** The open database; refuses a missing file with NOT_FOUND, an encrypted one without its passphrase with DB_LOCKED. */
  db(): Db {
    this.handle ??= this.open(false);
    return this.handle;
  }

  /** Opens, creating the file (and its folder) if needed: company.init only. */
  create(): Db {
    if (!this.handle) {
      mkdirSync(dirname(this.filePath), { recursive: true });
      this.handle = this.open(true);
    }
    return this.handle;
  }

  /** What openCompanyDb needs of this file's options (never the keychain, nor the door's passphrase). */
  private openOptions(create: boolean, passphrase: string | undefined): OpenOptions {
    const { now, migrations } = this.options;
    return { backupDir: this.backupDir, create, ...(now && { now }), ...(migrations && { migrations }), ...(passphrase !== undefined && { passphrase }) };
  }

  private open(create: boolean): Db {
    const hint = this.hint;
    this.hint = undefined;
    if (this.passphrase !== undefined || readFileKind(this.filePath) !== 'encrypted') {
      return openCompanyDb(this.filePath, this.openOptions(create, this.passphrase));
    }
    // Encrypted, and the door was given no passphrase: the hint, else the remembered one, else ask.
    const keychain = this.options.keychain;
    const candidates: (() => { passphrase: string | undefined; remembered: boolean })[] = [
      () => ({ passphrase: hint, remembered: false }),
      // Read only if needed: on macOS, reading the keychain may ask the owner's consent.
      () => ({ passphrase: keychain?.recall(this.filePath), remembered: true }),
    ];
    for (const next of candidates) {
      const candidate = next();
      if (candidate.passphrase === undefined) continue;
      try {
        const db = openCompanyDb(this.filePath, this.openOptions(create, candidate.passphrase));
        this.passphrase = candidate.passphrase;
        return db;
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'DB_LOCKED')) throw err;
        // Changed elsewhere since it was remembered: forgotten, and asked again.
        if (candidate.remembered) keychain?.forget(this.filePath);
      }
    }
    throw passphraseMissing(this.filePath);
  }

  /**
   * Opens the file with `passphrase` (the door asked for it), or as the door would without one. Remembers
   * it on this computer when asked and possible, else forgets any remembered one.
   */
  unlock(passphrase?: string, remember = false): Db {
    if (passphrase === undefined) return this.db();
    const given = passphrase.normalize('NFC');
    if (this.handle) {
      // Open already: only its own passphrase is the right one.
      if (this.passphrase === undefined) throw notEncrypted(this.filePath);
      if (this.passphrase.normalize('NFC') !== given) throw passphraseWrong(this.filePath);
    } else {
      this.handle = openCompanyDb(this.filePath, this.openOptions(false, given));
      this.passphrase = given;
    }
    this.keep(remember);
    return this.handle;
  }

  /**
   * Encrypts the open file with `passphrase`, changes it, or (null) decrypts it, in place; the file's
   * automatic backups taken from now on follow. Remembers the new one when asked, else forgets it.
   */
  setPassphrase(passphrase: string | null, remember = false): void {
    const db = this.db();
    if (passphrase === null && !isEncrypted(db)) return;
    try {
      changeKey(db, passphrase);
    } catch (err) {
      throw translateSqliteError(err, this.filePath);
    }
    this.passphrase = passphrase === null ? undefined : passphrase.normalize('NFC');
    // Opened again with the new key, checked as any opening is: the rekey's inner VACUUM leaves the
    // connection's temporary database in a transaction, which would refuse every later checkpoint.
    // Its WAL is empty (the rekey ran under a rollback journal): closing it needs no checkpoint.
    db.close();
    this.handle = null;
    this.handle = this.open(false);
    this.keep(remember);
  }

  private keep(remember: boolean) {
    const keychain = this.options.keychain;
    if (!keychain) return;
    if (remember && keychain.available && this.passphrase !== undefined) keychain.remember(this.filePath, this.passphrase);
    else if (keychain.has(this.filePath)) keychain.forget(this.filePath);
  }

  /** Runs `fn` in one IMMEDIATE transaction: it commits whole or not at all. */
  write<T>(fn: (db: Db) => T, db: Db = this.db()): T {
    try {
      return db.transaction(() => fn(db)).immediate();
    } catch (err) {
      throw translateSqliteError(err, this.filePath);
    }
  }

  /**
   * Another company file from now on; its passphrase is asked anew (or recalled). `hint` is tried first,
   * silently: the passphrase of the file a restored copy comes from.
   */
  switchTo(path: string, hint?: string) {
    this.close();
    this.filePath = path;
    this.passphrase = undefined;
    this.hint = hint;
  }

  /** The passphrase of the open file, for a copy of it to be opened with the same (Electron's restore). */
  get passphraseHint(): string | undefined {
    return this.passphrase;
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
