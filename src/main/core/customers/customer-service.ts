import type { Handlers } from '../../../shared/contract';
import { CustomerCreateRequest, DEFAULT_PAYMENT_TERMS_DAYS, type Customer } from '../../../shared/domain/customer';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { customerColumnsOf, insertCustomer, listCustomers, readCustomer, updateCustomer } from '../../db/repositories/customer-repo';
import { mergeUpdate } from '../company/company-service';
import type { HandlerContext } from '../context';
import { parseOrThrow } from '../validation';

type CustomerHandlers = Pick<Handlers<HandlerContext>, 'customer.create' | 'customer.update' | 'customer.get' | 'customer.list'>;

export function requireCustomer(db: Db, id: number): Customer {
  const customer = readCustomer(db, id);
  if (!customer) throw new AppError('NOT_FOUND', `Client n° ${id} introuvable.`);
  return customer;
}

const DEFAULT_LIST_LIMIT = 10_000;

export const customerHandlers: CustomerHandlers = {
  'customer.create'({ db, now }, req) {
    const stamp = now().toISOString();
    const draft: Customer = {
      ...req,
      address: req.address ?? undefined,
      id: 0,
      code: 'C00000',
      paymentTermsDays: req.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS,
      createdAt: stamp,
      updatedAt: stamp,
    };
    const id = insertCustomer(db, customerColumnsOf(draft), stamp);
    return requireCustomer(db, id);
  },

  'customer.update'({ db, now }, req) {
    const current = requireCustomer(db, req.id);
    const { id, ...changes } = req;
    const { id: _id, code, createdAt, updatedAt: _u, ...editable } = current;
    // The merged record goes through the creation rules again (a consumer has no SIREN, …).
    const merged = parseOrThrow(CustomerCreateRequest, mergeUpdate(editable, changes));
    const stamp = now().toISOString();
    const next: Customer = { ...merged, address: merged.address ?? undefined, id, code, paymentTermsDays: merged.paymentTermsDays ?? current.paymentTermsDays, createdAt, updatedAt: stamp };
    updateCustomer(db, id, code, customerColumnsOf(next), stamp);
    return requireCustomer(db, id);
  },

  'customer.get'({ db }, req) {
    return requireCustomer(db, req.id);
  },

  'customer.list'({ db }, req) {
    return listCustomers(db, { search: req.search || undefined, kind: req.kind, limit: req.limit ?? DEFAULT_LIST_LIMIT, offset: req.offset ?? 0 });
  },
};
