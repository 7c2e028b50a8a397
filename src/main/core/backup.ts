import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';

/**
 * A consistent copy of the open company file through SQLite's online backup: the app keeps working
 * while it runs and the copy is a complete, standalone .encours file.
 */
export async function backupCompanyDb(db: Db, output: string, options: { overwrite?: boolean } = {}): Promise<string> {
  const target = resolve(output);
  if (target === resolve(db.name)) throw new AppError('CONFLICT', 'La copie ne peut pas remplacer le dossier ouvert : choisissez un autre nom.');
  if (existsSync(target) && !options.overwrite) {
    throw new AppError('CONFLICT', `« ${target} » existe déjà : choisissez un autre nom pour la copie.`);
  }
  mkdirSync(dirname(target), { recursive: true });
  await db.backup(target);
  return target;
}
