import { ACCOUNT_ROLE_NAMES, ACCOUNT_ROLES, checkRoleAccount, checkSubAccount, DEFAULT_ACCOUNTS } from '../../../shared/accounts';
import type { Handlers } from '../../../shared/contract';
import { AppError, fieldError } from '../../../shared/errors';
import { centsToString, toCents } from '../../../shared/money';
import { fullIntegrityCheck, type Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { rebuildInvoiceBalances } from '../../db/repositories/invoice-balance-repo';
import { backupAsCommitted } from '../backup';
import type { HandlerContext } from '../context';
import { accountLabel, accountMap, allAccounts } from './accounts';
import { closeFiscalYear } from './close';
import { createNextFiscalYear, listFiscalYears, type FiscalYearRow } from './fiscal-years';
import { postEntry } from './post';
import { entryDetail, generalLedger, listEntries, trialBalance } from './reports';
import { verifyIntegrity } from './integrity';

type LedgerChannels =
  | 'account.list' | 'account.create' | 'account.setRole' | 'ledger.post' | 'ledger.entries' | 'ledger.entry' | 'ledger.verify'
  | 'report.trialBalance' | 'report.generalLedger' | 'fiscalYear.list' | 'fiscalYear.createNext' | 'period.close';

function fiscalYearDto(db: Db, fy: FiscalYearRow) {
  // An entry has its EcritureNum once validated, and only then: counted from the (year, num) index alone.
  const entries = stmt(db, 'SELECT count(num) FROM entry WHERE fiscal_year_id = ? AND num IS NOT NULL').pluck().get(fy.id) as number;
  return { start: fy.start_date, end: fy.end_date, status: fy.status, ...(fy.closed_at ? { closedAt: fy.closed_at } : {}), entries };
}

export const ledgerHandlers: Pick<Handlers<HandlerContext>, LedgerChannels> = {
  'account.list'({ db }) {
    const map = accountMap(db);
    return {
      accounts: allAccounts(db),
      roles: ACCOUNT_ROLE_NAMES.map((role) => ({ role, label: ACCOUNT_ROLES[role].label, account: map[role], default: DEFAULT_ACCOUNTS[role] })),
    };
  },

  'account.create'({ db, now }, req) {
    const check = checkSubAccount(req.number);
    if (!check.ok) throw fieldError('number', check.reason);
    if (accountLabel(db, req.number) !== null) throw fieldError('number', `Le compte ${req.number} existe déjà.`);
    db.prepare('INSERT INTO account (number, label, created_at) VALUES (?, ?, ?)').run(req.number, req.label, now().toISOString());
    return { number: req.number, label: req.label, custom: true };
  },

  'account.setRole'({ db }, req) {
    const reason = checkRoleAccount(req.role, req.account);
    if (reason) throw fieldError('account', reason);
    if (accountLabel(db, req.account) === null) throw fieldError('account', `Le compte ${req.account} n’existe pas : créez-le d’abord.`);
    db.prepare('INSERT INTO account_role (role, account) VALUES (?, ?) ON CONFLICT (role) DO UPDATE SET account = excluded.account').run(req.role, req.account);
    // The kept invoice balances count the lines on these two accounts: weighed again on the new ones.
    if (req.role === 'customers' || req.role === 'doubtfulCustomers') rebuildInvoiceBalances(db, accountMap(db));
    return { role: req.role, label: ACCOUNT_ROLES[req.role].label, account: req.account, default: DEFAULT_ACCOUNTS[req.role] };
  },

  'ledger.post'({ db, now }, req) {
    req.lines.forEach((l, i) => {
      if (!l.debit === !l.credit || (l.debit && l.credit)) {
        throw fieldError(`lines.${i}.debit`, `Ligne ${i + 1} : indiquez un montant au débit ou au crédit (un seul).`);
      }
    });
    const posted = postEntry(
      db,
      {
        journal: req.journal as 'OD' | 'BQ' | 'CA',
        date: req.date,
        label: req.label,
        pieceRef: req.pieceRef,
        ...(req.pieceDate ? { pieceDate: req.pieceDate } : {}),
        lines: req.lines.map((l) => ({
          account: l.account,
          aux: l.aux ?? null,
          ...(l.label ? { label: l.label } : {}),
          ...(l.debit ? { debit: toCents(l.debit) } : {}),
          ...(l.credit ? { credit: toCents(l.credit) } : {}),
        })),
        source: { kind: 'manual', id: 0 },
      },
      now(),
    );
    return entryDetail(db, posted.id).entry;
  },

  'ledger.entries'({ db }, req) {
    return listEntries(db, { ...stripUndefined(req), limit: req.limit ?? 500, offset: req.offset ?? 0 });
  },

  'ledger.entry'({ db }, req) {
    return entryDetail(db, req.id);
  },

  'ledger.verify'({ db, file, now }) {
    // The file itself first (opening runs the quicker quick_check only), then the journal's chain, then
    // what the chain alone cannot see (its head kept outside the file, links, kept totals).
    fullIntegrityCheck(db);
    return verifyIntegrity(db, file.witnessDir ? { dir: file.witnessDir, path: file.path, now: now() } : undefined);
  },

  'report.trialBalance'({ db }, req) {
    return trialBalance(db, stripUndefined(req));
  },

  'report.generalLedger'({ db }, req) {
    return generalLedger(db, stripUndefined(req));
  },

  'fiscalYear.list'({ db }) {
    return { rows: listFiscalYears(db).map((fy) => fiscalYearDto(db, fy)) };
  },

  'fiscalYear.createNext'({ db }) {
    return fiscalYearDto(db, createNextFiscalYear(db));
  },

  'period.close'({ db, file, now, today, log }, req) {
    const instant = now();
    // The copy is taken by the handler, inside the write transaction, once the closing is known to be
    // possible and before it writes: from a connection of its own, as the file was last committed.
    const backup = () => {
      try {
        return backupAsCommitted(db, file.path, file.backupDir, instant);
      } catch (err) {
        log.error('period.close: sauvegarde impossible', err);
        throw new AppError(
          'CONFLICT',
          `La sauvegarde prise avant la clôture n’a pas pu être écrite dans « ${file.backupDir} » : rien n’a été clôturé. Vérifiez ce dossier (place libre, droit d’écriture), puis réessayez.`,
        );
      }
    };
    const r = closeFiscalYear(db, req.fiscalYearEnd, { now: instant, today: today(), backup });
    return {
      fiscalYear: fiscalYearDto(db, r.closed), result: centsToString(r.resultCents), openingEntryId: r.openingEntryId, nextFiscalYear: fiscalYearDto(db, r.next),
      backup: r.backup,
    };
  },
};

/** zod leaves optional keys as `undefined`; the report functions take absent keys. */
function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

