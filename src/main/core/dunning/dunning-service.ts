import type { Handlers } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';

type Channels =
  | 'dunning.due' | 'dunning.record' | 'dunning.history' | 'dunning.letter' | 'dunning.email'
  | 'dunning.scenario.get' | 'dunning.scenario.set' | 'dunning.templates.get' | 'dunning.templates.set'
  | 'penalty.rates.list' | 'penalty.rates.set' | 'penalty.compute' | 'penalty.invoice'
  | 'paymentPlan.create' | 'paymentPlan.list' | 'paymentPlan.cancel';

const soon = (): never => {
  throw new AppError('INTERNAL', 'Les relances arrivent dans la prochaine version de ce module.');
};

export const dunningHandlers: Pick<Handlers<ServiceContext>, Channels> = {
  'dunning.due': soon,
  'dunning.record': soon,
  'dunning.history': soon,
  'dunning.letter': soon,
  'dunning.email': soon,
  'dunning.scenario.get': soon,
  'dunning.scenario.set': soon,
  'dunning.templates.get': soon,
  'dunning.templates.set': soon,
  'penalty.rates.list': soon,
  'penalty.rates.set': soon,
  'penalty.compute': soon,
  'penalty.invoice': soon,
  'paymentPlan.create': soon,
  'paymentPlan.list': soon,
  'paymentPlan.cancel': soon,
};
