/**
 * The channel names alone, without their schemas: the preload bundles this list to expose one function
 * per channel and nothing else. contract.ts fails to compile if the two drift apart.
 */
export const CHANNEL_NAMES = [
  'app.info',
  'company.init',
  'company.get',
  'company.update',
  'customer.create',
  'customer.update',
  'customer.get',
  'customer.list',
  'invoice.create',
  'invoice.update',
  'invoice.delete',
  'invoice.validate',
  'invoice.get',
  'invoice.list',
  'creditNote.create',
  'creditNote.validate',
  'creditNote.get',
  'payment.record',
  'payment.get',
  'advance.apply',
  'advance.refund',
  'lettering.match',
  'lettering.unmatch',
  'lettering.auto',
  'report.aging',
  'report.dso',
  'report.customerStatement',
  'report.vat',
  'import.customers',
  'import.openInvoices',
  'account.list',
  'account.create',
  'account.setRole',
  'ledger.post',
  'ledger.entries',
  'ledger.entry',
  'ledger.verify',
  'report.trialBalance',
  'report.generalLedger',
  'fiscalYear.list',
  'fiscalYear.createNext',
  'period.close',
  'backup.create',
  'backup.list',
  'export.fec',
  'job.status',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** The name of the object the preload puts on `window`. */
export const BRIDGE_NAME = 'encours';
