import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { Handlers } from '../../shared/contract';
import type { Db } from '../db/open';
import { requireCompany } from './company/company-service';
import type { ServiceContext } from './context';

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

export const backupHandlers: Pick<Handlers<ServiceContext>, 'backup.create'> = {
  async 'backup.create'(ctx, req) {
    const db = ctx.file.db();
    requireCompany(db);
    const output = req.output ?? join(ctx.file.backupDir, datedBackupName(ctx.file.path, ctx.now()));
    return { path: await backupCompanyDb(db, output) };
  },
};

/** "Mon entreprise.encours" → "Mon entreprise-2026-11-22-101500.encours". */
export function datedBackupName(file: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace('T', '-').replace(/:/g, '');
  return `${basename(file, '.encours')}-${stamp}.encours`;
}
