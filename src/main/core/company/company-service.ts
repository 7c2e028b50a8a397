import { CompanyInitRequest, type Company } from '../../../shared/domain/company';
import { AppError } from '../../../shared/errors';
import type { Handlers, Request } from '../../../shared/contract';
import { companyColumnsOf, insertCompany, type CompanyRecord, readCompany, updateCompany, updateOpenFiscalYear } from '../../db/repositories/company-repo';
import type { Db } from '../../db/open';
import type { HandlerContext, ServiceContext } from '../context';
import { parseOrThrow } from '../validation';

type CompanyHandlers = Pick<Handlers<HandlerContext>, 'company.init' | 'company.get' | 'company.update'>;

export function requireCompany(db: Db): Company {
  const company = readCompany(db);
  if (!company) throw new AppError('NOT_FOUND', 'Ce dossier ne contient pas encore d’entreprise : créez-la d’abord (company.init).');
  return company;
}

export const companyHandlers: CompanyHandlers = {
  // Dispatch opens the file creating it (ACCESS 'create'), in one write transaction: no company yet.
  'company.init'(ctx: ServiceContext & { db: Db }, req) {
    const existing = readCompany(ctx.db);
    if (existing) throw new AppError('CONFLICT', `Ce dossier contient déjà l’entreprise « ${existing.name} ». Créez un nouveau dossier pour une autre entreprise.`);
    const company = toCompany(req, ctx.now());
    insertCompany(ctx.db, companyColumnsOf(company), company.fiscalYear, company.createdAt);
    return requireCompany(ctx.db);
  },

  'company.get'(ctx) {
    return ctx.company;
  },

  'company.update'({ db, company: current, now }, req) {
    // Re-validate the whole merged record: a new VAT number must still match the stored SIREN.
    const merged = parseOrThrow(CompanyInitRequest, mergeUpdate(withoutTimestamps(current), req));
    const stamp = now().toISOString();
    updateCompany(db, companyColumnsOf({ ...merged, createdAt: current.createdAt, updatedAt: stamp }), stamp);
    if ('fiscalYear' in req && req.fiscalYear) updateOpenFiscalYear(db, req.fiscalYear);
    return requireCompany(db);
  },
};

function toCompany(req: Request<'company.init'>, now: Date): CompanyRecord {
  const stamp = now.toISOString();
  return { ...req, createdAt: stamp, updatedAt: stamp };
}

function withoutTimestamps({ createdAt: _c, updatedAt: _u, ...rest }: Company) {
  return rest;
}

/**
 * An update names only what changes; a key present with no value (an emptied form field, or null)
 * clears it.
 */
export function mergeUpdate<T extends object>(current: T, changes: object): T {
  const merged: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged as T;
}
