import { addDays, addMonths, formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';

export interface FiscalYearRow {
  id: number;
  start_date: string;
  end_date: string;
  status: 'open' | 'closed';
  closed_at: string | null;
}

export function listFiscalYears(db: Db): FiscalYearRow[] {
  return db.prepare('SELECT id, start_date, end_date, status, closed_at FROM fiscal_year ORDER BY start_date').all() as FiscalYearRow[];
}

export function fiscalYearByEnd(db: Db, end: string): FiscalYearRow {
  const fy = db.prepare('SELECT id, start_date, end_date, status, closed_at FROM fiscal_year WHERE end_date = ?').get(end) as FiscalYearRow | undefined;
  if (!fy) throw new AppError('NOT_FOUND', `Aucun exercice ne se termine le ${formatDateShort(end)}.`);
  return fy;
}

/** The open fiscal year a posting dated `date` goes into; PERIOD_LOCKED if that year is closed. */
export function openFiscalYearFor(db: Db, date: string): FiscalYearRow {
  const fy = stmt(db, 'SELECT id, start_date, end_date, status, closed_at FROM fiscal_year WHERE start_date <= ? AND end_date >= ?').get(date, date) as FiscalYearRow | undefined;
  if (!fy) {
    throw new AppError('VALIDATION', `Aucun exercice ne couvre le ${formatDateShort(date)} : créez l’exercice correspondant (Clôture & FEC) avant d’y enregistrer une opération.`, { date: 'Date hors de tout exercice.' });
  }
  if (fy.status === 'closed') {
    throw new AppError('PERIOD_LOCKED', `L’exercice du ${formatDateShort(fy.start_date)} au ${formatDateShort(fy.end_date)} est clôturé : aucune écriture ne peut plus y être datée. Datez l’opération dans l’exercice ouvert.`, { date: 'Exercice clôturé.' });
  }
  return fy;
}

/** The year after the last one: starts the next day, lasts twelve months. */
export function createNextFiscalYear(db: Db): FiscalYearRow {
  const last = db.prepare('SELECT end_date FROM fiscal_year ORDER BY end_date DESC LIMIT 1').pluck().get() as string | undefined;
  if (!last) throw new AppError('NOT_FOUND', 'Aucun exercice : créez d’abord l’entreprise.');
  const start = addDays(last, 1);
  const end = addDays(addMonths(start, 12), -1);
  const info = db.prepare("INSERT INTO fiscal_year (start_date, end_date, status) VALUES (?, ?, 'open')").run(start, end);
  return { id: Number(info.lastInsertRowid), start_date: start, end_date: end, status: 'open', closed_at: null };
}
