import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestInput, Response } from '../../../shared/contract';
import { call } from '../../lib/ipc';
import { receivablesKey, useRefreshAfterPosting } from '../invoices/api';

/**
 * Relances: under « receivables », so that a payment, a credit note or a posting (which change what is
 * owed, hence what is due) refresh the to-do and the histories too.
 */
export const dunningKey = [...receivablesKey, 'dunning'] as const;
/** Settings (scenario, templates, rates): they change only from the settings tabs. */
export const dunningSettingsKey = ['dunningSettings'] as const;

export type DueRow = Response<'dunning.due'>['rows'][number];
export type DunningActionRow = Response<'dunning.history'>['rows'][number];
export type PaymentPlan = Response<'paymentPlan.list'>['rows'][number];
export type PenaltyRate = Response<'penalty.rates.list'>['rows'][number];

export function useDunningDue(asOf: string, customerId?: number) {
  return useQuery({
    queryKey: [...dunningKey, 'due', asOf, customerId ?? null],
    queryFn: () => call('dunning.due', customerId ? { asOf, customerId } : { asOf }),
    placeholderData: keepPreviousData,
  });
}

export function useDunningHistory(filter: { invoiceId?: number; customerId?: number }) {
  return useQuery({
    queryKey: [...dunningKey, 'history', filter],
    queryFn: () => call('dunning.history', filter),
  });
}

export function usePaymentPlans(filter: { invoiceId?: number; customerId?: number }) {
  return useQuery({
    queryKey: [...dunningKey, 'plans', filter],
    queryFn: () => call('paymentPlan.list', filter),
  });
}

export function useDunningEmail(req: RequestInput<'dunning.email'> | null) {
  return useQuery({
    queryKey: [...dunningKey, 'email', req],
    queryFn: () => call('dunning.email', req as RequestInput<'dunning.email'>),
    enabled: req !== null,
    gcTime: 0,
  });
}

export function usePenalty(req: RequestInput<'penalty.compute'> | null) {
  return useQuery({
    queryKey: [...dunningKey, 'penalty', req],
    queryFn: () => call('penalty.compute', req as RequestInput<'penalty.compute'>),
    enabled: req !== null,
    // While another date is typed, the last computation stays on screen.
    placeholderData: keepPreviousData,
  });
}

/** After an action: the to-do, the histories and the plans read again (the row moves to its next step). */
function useRefreshDunning() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: dunningKey });
}

export function useRecordAction() {
  const refresh = useRefreshDunning();
  return useMutation({
    mutationFn: (req: RequestInput<'dunning.record'>) => call('dunning.record', req),
    onSuccess: () => refresh(),
  });
}

export function useCreatePaymentPlan() {
  const refresh = useRefreshDunning();
  return useMutation({
    mutationFn: (req: RequestInput<'paymentPlan.create'>) => call('paymentPlan.create', req),
    onSuccess: () => refresh(),
  });
}

export function useCancelPaymentPlan() {
  const refresh = useRefreshDunning();
  return useMutation({
    mutationFn: (id: number) => call('paymentPlan.cancel', { id }),
    onSuccess: () => refresh(),
  });
}

/** Invoicing penalties posts (D 411 / C 7631): the ledger and every receivables view follow. */
export function useInvoicePenalties() {
  const refresh = useRefreshAfterPosting();
  return useMutation({
    mutationFn: (req: RequestInput<'penalty.invoice'>) => call('penalty.invoice', req),
    onSuccess: () => refresh(),
  });
}

export function useScenario() {
  return useQuery({ queryKey: [...dunningSettingsKey, 'scenario'], queryFn: () => call('dunning.scenario.get', {}) });
}

export function useSaveScenario() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestInput<'dunning.scenario.set'>) => call('dunning.scenario.set', req),
    onSuccess: (data) => {
      qc.setQueryData([...dunningSettingsKey, 'scenario'], data);
      return qc.invalidateQueries({ queryKey: dunningKey });
    },
  });
}

export function useTemplates() {
  return useQuery({ queryKey: [...dunningSettingsKey, 'templates'], queryFn: () => call('dunning.templates.get', {}) });
}

export function useSaveTemplates() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestInput<'dunning.templates.set'>) => call('dunning.templates.set', req),
    onSuccess: (data) => {
      qc.setQueryData([...dunningSettingsKey, 'templates'], data);
      return qc.invalidateQueries({ queryKey: dunningKey });
    },
  });
}

export function usePenaltyRates() {
  return useQuery({ queryKey: [...dunningSettingsKey, 'rates'], queryFn: () => call('penalty.rates.list', {}) });
}

export function useSavePenaltyRate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestInput<'penalty.rates.set'>) => call('penalty.rates.set', req),
    onSuccess: (data) => {
      qc.setQueryData([...dunningSettingsKey, 'rates'], data);
      return qc.invalidateQueries({ queryKey: dunningKey });
    },
  });
}
