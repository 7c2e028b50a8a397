import { formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';

/**
 * The next number of a gapless, chronological document series: `F2026-00001`, `AV2026-00001`. Taken in
 * the caller's transaction, with the posting: a rollback gives it back, so no number is ever burnt.
 */
export function takeDocumentNumber(db: Db, prefix: string, date: string): string {
  if (!db.inTransaction) throw new Error('takeDocumentNumber doit être appelé dans une transaction');
  const series = `${prefix}${date.slice(0, 4)}`;
  const row = stmt(db, 'SELECT last_number, last_date FROM doc_sequence WHERE series = ?').get(series) as { last_number: number; last_date: string } | undefined;
  if (row && date < row.last_date) {
    throw new AppError(
      'CONFLICT',
      `La numérotation est chronologique : le dernier document de la série ${series} est daté du ${formatDateShort(row.last_date)}, celui-ci ne peut pas être daté d’avant.`,
      { date: `Date antérieure au ${formatDateShort(row.last_date)}.` },
    );
  }
  const next = (row?.last_number ?? 0) + 1;
  stmt(db, 'INSERT INTO doc_sequence (series, last_number, last_date) VALUES (?, ?, ?) ON CONFLICT (series) DO UPDATE SET last_number = excluded.last_number, last_date = excluded.last_date').run(series, next, date);
  return `${series}-${String(next).padStart(5, '0')}`;
}
