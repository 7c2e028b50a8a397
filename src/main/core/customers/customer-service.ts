import type { Handlers } from '../../../shared/contract';
import { CustomerCreateRequest, DEFAULT_PAYMENT_TERMS_DAYS, type Customer } from '../../../shared/domain/customer';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { customerColumnsOf, insertCustomer, listCustomers, readCustomer, updateCustomer } from '../../db/repositories/customer-repo';
import { mergeUpdate, requireCompany } from '../company/company-service';
import type { ServiceContext } from '../context';
import { parseOrThrow } from '../validation';

type CustomerHandlers = Pick<Handlers<ServiceContext>, 'customer.create' | 'customer.update' | 'customer.get' | 'customer.list'>;

export function requireCustomer(db: Db, id: number): Customer {
  const customer = readCustomer(db, id);
  if (!customer) throw new AppError('NOT_FOUND', `Client n° ${id} introuvable.`);
  return customer;
}

const DEFAULT_LIST_LIMIT = 10_000;

export const customerHandlers: CustomerHandlers = {
  'customer.create'(ctx, req) {
    return ctx.file.write((db) => {
      requireCompany(db);
      const now = ctx.now().toISOString();
      const draft: Customer = {
        ...req,
        address: req.address ?? undefined,
        id: 0,
        code: 'C00000',
        paymentTermsDays: req.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS,
        createdAt: now,
        updatedAt: now,
      };
      const id = insertCustomer(db, customerColumnsOf(draft), now);
      return requireCustomer(db, id);
    });
  },

  'customer.update'(ctx, req) {
    return ctx.file.write((db) => {
      requireCompany(db);
      const current = requireCustomer(db, req.id);
      const { id, ...changes } = req;
      const { id: _id, code, createdAt, updatedAt: _u, ...editable } = current;
      // The merged record goes through the creation rules again (a consumer has no SIREN, …).
      const merged = parseOrThrow(CustomerCreateRequest, mergeUpdate(editable, changes));
      const now = ctx.now().toISOString();
      const next: Customer = { ...merged, address: merged.address ?? undefined, id, code, paymentTermsDays: merged.paymentTermsDays ?? current.paymentTermsDays, createdAt, updatedAt: now };
      updateCustomer(db, id, code, customerColumnsOf(next), now);
      return requireCustomer(db, id);
    });
  },

  'customer.get'(ctx, req) {
    const db = ctx.file.db();
    requireCompany(db);
    return requireCustomer(db, req.id);
  },

  'customer.list'(ctx, req) {
    const db = ctx.file.db();
    requireCompany(db);
    return listCustomers(db, { search: req.search || undefined, kind: req.kind, limit: req.limit ?? DEFAULT_LIST_LIMIT, offset: req.offset ?? 0 });
  },
};
