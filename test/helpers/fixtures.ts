import type { ChannelName, RequestInput } from '../../src/shared/contract';

/** A valid company (SIREN 732829320, whose French VAT number is FR44732829320). */
export const companyInit = {
  name: 'Atelier Dupont SARL',
  legalForm: 'SARL',
  siren: '732 829 320',
  vatNumber: 'FR44732829320',
  address: { line1: '12 rue de la Paix', postcode: '75002', city: 'Paris' },
  vatRegime: 'debits',
  fiscalYear: { start: '2026-01-01', end: '2026-12-31' },
  latePenaltyRate: '10',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'AGRIFRPPXXX',
  email: 'compta@atelier-dupont.fr',
  shareCapital: '10 000,00',
} satisfies RequestInput<'company.init'>;

/** A business customer with SIREN and VAT number, an address, terms and a credit limit. */
export const societeGenerale = {
  name: 'Société Générale',
  kind: 'business',
  siren: '552120222',
  vatNumber: 'FR27552120222',
  email: 'fournisseurs@socgen.example',
  address: { line1: '29 boulevard Haussmann', postcode: '75009', city: 'Paris' },
  paymentTermsDays: 45,
  creditLimit: '15 000',
} satisfies RequestInput<'customer.create'>;

/** A consumer: no SIREN, default payment terms. */
export const jeanneMartin = {
  name: 'Jeanne Martin',
  kind: 'consumer',
  email: 'jeanne.martin@example.fr',
  address: { line1: '3 place du Marché', postcode: '69002', city: 'Lyon' },
} satisfies RequestInput<'customer.create'>;

/** Another business, Belgian, without SIREN. */
export const brasserieBelge = {
  name: 'Brasserie de l’Abbaye',
  kind: 'business',
  vatNumber: 'BE0123456749',
  address: { line1: 'Rue Haute 5', postcode: '1000', city: 'Bruxelles', country: 'BE' },
} satisfies RequestInput<'customer.create'>;

/** A draft invoice to the first customer: goods at 20 % and a service at 10 %. */
export const invoiceDraft = {
  customerId: 1,
  date: '2026-03-01',
  lines: [
    { description: 'Table en chêne', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' },
    { description: 'Livraison et montage', quantity: '2', unitPrice: '45.50', vatRate: '10', kind: 'services' },
  ],
} satisfies RequestInput<'invoice.create'>;

/** A quote of 10 000,00 HT (works at 20 %), 30 % asked at the order; bad payloads vary one field of it. */
export const quoteDraft = {
  customerId: 1,
  date: '2027-01-15',
  depositPercent: '30',
  paymentTerms: 'Solde à réception de la facture finale',
  lines: [
    { description: 'Rénovation de la cuisine — main-d’œuvre', quantity: '80', unit: 'HUR', unitPrice: '75', vatRate: '20', kind: 'services' },
    { description: 'Plan de travail et meubles', quantity: '1', unitPrice: '4000', vatRate: '20', kind: 'services' },
  ],
} satisfies RequestInput<'quote.create'>;

/** A valid manual entry (bank receipt from the first customer); bad payloads vary one field of it. */
export const manualEntry = {
  journal: 'BQ',
  date: '2026-03-15',
  label: 'Règlement Société Générale',
  pieceRef: 'REL-2026-03',
  lines: [
    { account: '512', debit: '100.00' },
    { account: '411', aux: 'C00001', credit: '100.00' },
  ],
} satisfies RequestInput<'ledger.post'>;

/** The default dunning scenario, written out (dunning.scenario.set). */
export const dunningScenario = {
  business: [
    { key: 'courtesy', label: 'Rappel de courtoisie avant l’échéance', kind: 'courtesy', offsetDays: -15 },
    { key: 'reminder', label: 'Relance écrite', kind: 'reminder', offsetDays: 7 },
    { key: 'call', label: 'Appel et proposition d’échéancier', kind: 'call', offsetDays: 30 },
    { key: 'formal-notice', label: 'Mise en demeure', kind: 'formal_notice', offsetDays: 60 },
    { key: 'litigation', label: 'Transmission au contentieux', kind: 'litigation', offsetDays: 90 },
  ],
  consumer: [
    { key: 'reminder', label: 'Relance écrite', kind: 'reminder', offsetDays: 7 },
    { key: 'formal-notice', label: 'Mise en demeure', kind: 'formal_notice', offsetDays: 45 },
  ],
} satisfies RequestInput<'dunning.scenario.set'>;

type Step = { [C in ChannelName]: { channel: C; payload: RequestInput<C> } }[ChannelName];

/** A two-line bank statement in CSV (semicolons, decimal comma), base64 as bank.import takes it. */
const ROUND_TRIP_BANK_CSV = Buffer.from('Date;Libellé;Débit;Crédit\n12/01/2027;VIR SEPA BOULANGERIE MARTIN;;1 300,00\n13/01/2027;FRAIS;2,50;\n', 'utf8').toString('base64');

/**
 * One successful call of every channel, in an order that works on a fresh file (the first customer
 * gets id 1). Tests check that it covers the whole contract.
 */
export const roundTripScript: readonly Step[] = [
  { channel: 'company.init', payload: companyInit },
  { channel: 'company.get', payload: {} },
  { channel: 'company.update', payload: { phone: '01 23 45 67 89' } },
  // The round trip's file stays unencrypted (its dumps read it raw): the door's own way in, and a removal
  // that has nothing to remove. Encryption itself: test/main/db/encryption.test.ts.
  { channel: 'company.unlock', payload: {} },
  { channel: 'company.encryption.set', payload: { passphrase: null } },
  { channel: 'customer.create', payload: societeGenerale },
  { channel: 'customer.update', payload: { id: 1, paymentTermsDays: 60 } },
  { channel: 'customer.get', payload: { id: 1 } },
  { channel: 'customer.list', payload: { search: 'generale' } },
  { channel: 'invoice.create', payload: invoiceDraft },
  { channel: 'invoice.update', payload: { id: 1, orderRef: 'BC-2026-118' } },
  { channel: 'invoice.validate', payload: { id: 1 } },
  { channel: 'invoice.get', payload: { id: 1 } },
  { channel: 'invoice.create', payload: { ...invoiceDraft, date: '2026-03-02' } },
  { channel: 'invoice.delete', payload: { id: 2 } },
  { channel: 'invoice.list', payload: { status: 'open' } },
  { channel: 'creditNote.create', payload: { invoiceId: 1, date: '2026-03-05', reason: 'Remise commerciale', kind: 'rebate', lines: [{ description: 'Geste commercial', quantity: '1', unitPrice: '100', vatRate: '20', kind: 'goods' }] } },
  { channel: 'creditNote.validate', payload: { id: 1 } },
  { channel: 'creditNote.get', payload: { id: 1 } },
  { channel: 'preview', payload: { channel: 'payment.record', request: { customerId: 1, date: '2026-03-10', amount: '1200.00', method: 'transfer', reference: 'VIR-0310' } } },
  { channel: 'payment.record', payload: { customerId: 1, date: '2026-03-10', amount: '1200.00', method: 'transfer', reference: 'VIR-0310' } },
  { channel: 'payment.get', payload: { id: 1 } },
  { channel: 'advance.refund', payload: { customerId: 1, amount: '9.90', date: '2026-03-11', method: 'transfer' } },
  { channel: 'invoice.create', payload: { ...invoiceDraft, date: '2026-03-12', validate: true } },
  { channel: 'advance.apply', payload: { customerId: 1, invoiceId: 2, amount: '10.00', date: '2026-03-12' } },
  { channel: 'lettering.auto', payload: { customerId: 1 } },
  { channel: 'lettering.unmatch', payload: { code: 'A', account: '411', aux: 'C00001' } },
  // Invoice 1 (line 1), its credit note (line 8) and the payment's allocation (line 10), lettered again by hand.
  { channel: 'lettering.match', payload: { lineIds: [1, 8, 10] } },
  { channel: 'lettering.auto', payload: {} },
  { channel: 'report.aging', payload: { asOf: '2026-06-30' } },
  { channel: 'report.dso', payload: { from: '2026-01-01', to: '2026-06-30', method: 'countback' } },
  { channel: 'report.customerStatement', payload: { customerId: 1 } },
  { channel: 'report.vat', payload: { from: '2026-01-01', to: '2026-06-30' } },
  { channel: 'report.vatReceipts', payload: { from: '2026-01-01', to: '2026-06-30' } },
  { channel: 'import.customers', payload: { csv: 'nom;type;adresse;code postal;ville\nBoulangerie Martin;professionnel;1 place Bellecour;69002;Lyon\n', dryRun: false } },
  { channel: 'import.openInvoices', payload: { csv: 'numero;client;date;echeance;ttc;reste du\nFA-2025-117;C00002;15/12/2025;14/01/2026;1 200,00;600,00\n' } },
  { channel: 'doubtful.candidates', payload: { asOf: '2026-09-30', minDaysOverdue: 90 } },
  { channel: 'evidence.add', payload: { invoiceId: 2, kind: 'formal_notice', date: '2026-06-01', note: 'Mise en demeure envoyée en recommandé' } },
  { channel: 'evidence.list', payload: { invoiceId: 2 } },
  { channel: 'doubtful.classify', payload: { invoiceIds: [2], date: '2026-07-01', reason: 'doubtful', note: 'Redressement judiciaire' } },
  { channel: 'doubtful.provision', payload: { invoiceId: 2, date: '2026-07-01', riskPercent: '80', justification: 'Ouverture d’une procédure collective' } },
  { channel: 'doubtful.preview', payload: { provisions: [{ invoiceId: 2, date: '2026-07-15', riskPercent: '100', insuredPercent: '50' }], writeOff: { invoiceId: 2, date: '2026-07-20', reason: 'certificate' } } },
  { channel: 'doubtful.apply', payload: { provisions: [{ invoiceId: 2, date: '2026-07-10', riskPercent: '90', justification: 'Plan de redressement rejeté' }] } },
  { channel: 'doubtful.list', payload: { asOf: '2026-07-31' } },
  { channel: 'doubtful.provisionMatrix', payload: { asOf: '2026-07-31', buckets: [{ fromDays: 0, toDays: 30, percent: '0' }, { fromDays: 31, toDays: 90, percent: '5' }, { fromDays: 91, percent: '30' }] } },
  { channel: 'report.provisions', payload: { asOf: '2026-07-31' } },
  { channel: 'doubtful.writeOff', payload: { invoiceId: 2, date: '2026-08-01', reason: 'liquidation', judgmentDate: '2026-07-25' } },
  { channel: 'document.render', payload: { kind: 'duplicate272', id: 2 } },
  // Dunning (issue 6): invoice 4, due 31 August, reminded, its penalties computed and invoiced, a plan agreed then cancelled.
  { channel: 'invoice.create', payload: { ...invoiceDraft, date: '2026-08-01', dueDate: '2026-08-31', validate: true } },
  { channel: 'dunning.scenario.get', payload: {} },
  { channel: 'dunning.scenario.set', payload: dunningScenario },
  { channel: 'dunning.templates.get', payload: {} },
  { channel: 'dunning.templates.set', payload: { templates: [{ kind: 'courtesy', subject: 'Échéance de la facture {facture}', letter: 'Madame, Monsieur,\n\nLa facture {facture} arrive à échéance le {echeance}.', email: 'Bonjour,\n\nLa facture {facture} arrive à échéance le {echeance}.' }] } },
  { channel: 'penalty.rates.list', payload: {} },
  { channel: 'penalty.rates.set', payload: { period: '2026-H2', ecbRate: '2.15', legalRate: '2.76' } },
  { channel: 'dunning.due', payload: { asOf: '2026-10-10' } },
  { channel: 'dunning.record', payload: { invoiceId: 4, step: 'reminder', date: '2026-10-10', channel: 'letter', note: 'Lettre simple' } },
  { channel: 'dunning.history', payload: { invoiceId: 4 } },
  { channel: 'dunning.email', payload: { invoiceId: 4, step: 'formal-notice', asOf: '2026-11-01' } },
  { channel: 'penalty.compute', payload: { invoiceId: 4, asOf: '2026-11-01' } },
  { channel: 'penalty.invoice', payload: { invoiceId: 4, asOf: '2026-11-01', date: '2026-11-02', includeIndemnity: true } },
  { channel: 'paymentPlan.create', payload: { invoiceIds: [4], instalments: [{ date: '2027-01-15', amount: '650.05' }, { date: '2027-02-15', amount: '650.05' }] } },
  { channel: 'paymentPlan.list', payload: { invoiceId: 4 } },
  { channel: 'paymentPlan.cancel', payload: { id: 1 } },
  { channel: 'app.info', payload: {} },
  { channel: 'account.list', payload: {} },
  { channel: 'account.create', payload: { number: '706100', label: 'Prestations de conseil' } },
  { channel: 'account.setRole', payload: { role: 'salesServices', account: '706100' } },
  {
    channel: 'ledger.post',
    payload: {
      journal: 'OD',
      date: '2026-03-02',
      label: 'Prestation de conseil',
      pieceRef: 'P-001',
      lines: [
        { account: '411', aux: 'C00001', debit: '1 200,00' },
        { account: '706100', credit: '1000' },
        { account: '44571', credit: '200.00' },
      ],
    },
  },
  { channel: 'ledger.entries', payload: { journal: 'OD' } },
  { channel: 'ledger.entry', payload: { id: 1 } },
  { channel: 'ledger.verify', payload: {} },
  { channel: 'report.trialBalance', payload: { byAux: true } },
  { channel: 'report.generalLedger', payload: { account: '411', aux: 'C00001', from: '2026-01-01' } },
  { channel: 'fiscalYear.list', payload: {} },
  { channel: 'fiscalYear.createNext', payload: {} },
  { channel: 'period.close', payload: { fiscalYearEnd: '2026-12-31' } },
  { channel: 'backup.create', payload: {} },
  { channel: 'backup.list', payload: {} },
  // Payments (issue 14): a cheque of the open year, listed, then cancelled (it bounced); what is left to recover on the written-off invoice.
  { channel: 'payment.record', payload: { customerId: 1, date: '2027-01-10', amount: '100.00', method: 'check', reference: 'CHQ-0110' } },
  { channel: 'payment.list', payload: { customerId: 1 } },
  { channel: 'preview', payload: { channel: 'payment.cancel', request: { id: 2, date: '2027-01-11', reason: 'Chèque impayé' } } },
  { channel: 'payment.cancel', payload: { id: 2, date: '2027-01-11', reason: 'Chèque impayé' } },
  { channel: 'payment.recoverable', payload: { customerId: 1 } },
  // 1 300,00 received on F2026-00004 (1 300,10): the 0,10 left is settled afterwards (658).
  { channel: 'payment.record', payload: { customerId: 1, date: '2027-01-12', amount: '1300.00', method: 'transfer', reference: 'VIR-0112' } },
  { channel: 'payment.settleDifference', payload: { id: 3, date: '2027-01-12' } },
  // The bank (issue 16): a CSV statement read, imported for 512, its lines listed.
  { channel: 'bank.csvGuess', payload: { contentBase64: ROUND_TRIP_BANK_CSV } },
  { channel: 'bank.import', payload: { contentBase64: ROUND_TRIP_BANK_CSV, fileName: 'releve-janvier.csv' } },
  { channel: 'bank.lines', payload: { statementId: 1 } },
  // E-mail (issue 18): an account without login (no password needed), the mail of an invoice shown and saved as .eml.
  { channel: 'mail.settings.set', payload: { host: 'smtp.atelier-dupont.fr', port: 587, security: 'starttls', from: 'compta@atelier-dupont.fr' } },
  { channel: 'mail.settings.get', payload: {} },
  { channel: 'mail.prepare', payload: { document: { kind: 'invoice', id: 1 } } },
  { channel: 'mail.draft', payload: { document: { kind: 'invoice', id: 1 } } },
  { channel: 'mail.history', payload: {} },
  // Matching: the 1 300,00 received matched with 10,00 of the penalty invoice (the rest to the advance), undone; the fee set aside.
  { channel: 'preview', payload: { channel: 'bank.match', request: { lineId: 1, allocations: [{ invoiceId: 5, amount: '10.00' }] } } },
  { channel: 'bank.match', payload: { lineId: 1, allocations: [{ invoiceId: 5, amount: '10.00' }] } },
  { channel: 'bank.unmatch', payload: { lineId: 1 } },
  { channel: 'bank.ignore', payload: { lineId: 2, ignored: true } },
  { channel: 'bank.autoMatch', payload: {} },
  { channel: 'bank.reconciliation', payload: { asOf: '2027-01-31' } },
  // The catalogue (issue 19): an article added, its price changed, listed.
  { channel: 'article.create', payload: { reference: 'POSE-H', description: 'Heure de pose', kind: 'services', unit: 'HUR', unitPrice: '45', vatRate: '10' } },
  { channel: 'article.update', payload: { id: 1, unitPrice: '48' } },
  { channel: 'article.list', payload: { search: 'pose' } },
  // Quotes (issue 19): a quote drafted, edited, issued and accepted; a second one drafted then deleted; a 30 % deposit invoiced, then the final invoice deducting it.
  { channel: 'quote.create', payload: quoteDraft },
  { channel: 'quote.update', payload: { id: 1, notes: 'Accès par la cour' } },
  { channel: 'quote.create', payload: { ...quoteDraft, date: '2027-01-16' } },
  { channel: 'quote.delete', payload: { id: 2 } },
  { channel: 'quote.setStatus', payload: { id: 1, status: 'sent' } },
  { channel: 'quote.setStatus', payload: { id: 1, status: 'accepted', date: '2027-01-18' } },
  { channel: 'quote.get', payload: { id: 1 } },
  { channel: 'quote.list', payload: { status: 'accepted' } },
  { channel: 'preview', payload: { channel: 'quote.invoice', request: { quoteId: 1, kind: 'deposit', percent: '30', date: '2027-01-18', validate: true } } },
  { channel: 'quote.invoice', payload: { quoteId: 1, kind: 'deposit', percent: '30', date: '2027-01-18', validate: true } },
  { channel: 'quote.invoice', payload: { quoteId: 1, kind: 'final', date: '2027-01-25', validate: true } },
];

/**
 * The channels that need an SMTP server: not in the round trip of every door, each run against a real
 * server started by the tests (test/main/mail: the core, and the CLI with ENCOURS_SMTP_PASSWORD).
 */
export const SMTP_CHANNELS: readonly string[] = ['mail.test', 'mail.send'];

/** The job id the full script gives its FEC export, read back by job.status. */
export const ROUND_TRIP_JOB_ID = 'fec-2026';

/**
 * roundTripScript, then the channels that write where they are told (a folder of the test): together one
 * successful call of every channel of the contract.
 */
export function roundTripIn(dir: string): readonly Step[] {
  return [
    ...roundTripScript,
    { channel: 'export.fec', payload: { fiscalYearEnd: '2026-12-31', output: dir, jobId: ROUND_TRIP_JOB_ID } },
    { channel: 'job.status', payload: { jobId: ROUND_TRIP_JOB_ID } },
    { channel: 'document.invoice', payload: { invoiceId: 1, output: dir } },
    { channel: 'document.creditNote', payload: { creditNoteId: 1, output: dir } },
    { channel: 'document.facturxBatch', payload: { from: '2026-01-01', to: '2026-12-31', output: dir } },
    { channel: 'doubtful.duplicate272', payload: { invoiceId: 2, output: dir } },
    { channel: 'doubtful.summary272', payload: { customerId: 1, output: dir } },
    { channel: 'dunning.letter', payload: { invoiceId: 4, step: 'formal-notice', output: dir, asOf: '2026-11-01' } },
    { channel: 'penalty.document', payload: { penaltyInvoiceId: 1, output: dir } },
  ];
}

export interface BadPayload {
  why: string;
  payload: unknown;
  /** A key expected in fieldErrors ('' for the request as a whole). */
  field: string;
}

/** For every channel, requests the schema must refuse (Record: a new channel without any is a compile error). */
export const badPayloads: Record<ChannelName, BadPayload[]> = {
  'company.init': [
    { why: 'a SIREN whose Luhn key is wrong', payload: { ...companyInit, siren: '732829321', vatNumber: undefined }, field: 'siren' },
    { why: 'an unknown key', payload: { ...companyInit, capital: '1000' }, field: 'capital' },
    { why: 'a name of the wrong type', payload: { ...companyInit, name: 42 }, field: 'name' },
    { why: 'a VAT number of another SIREN', payload: { ...companyInit, vatNumber: 'FR27552120222' }, field: 'vatNumber' },
    { why: 'a fiscal year ending before it starts', payload: { ...companyInit, fiscalYear: { start: '2026-12-31', end: '2026-01-01' } }, field: 'fiscalYear.end' },
    { why: 'an impossible date', payload: { ...companyInit, fiscalYear: { start: '2026-02-30', end: '2026-12-31' } }, field: 'fiscalYear.start' },
    { why: 'an array instead of an object', payload: [], field: '' },
  ],
  'company.get': [
    { why: 'an unknown key', payload: { id: 1 }, field: 'id' },
    { why: 'a string instead of an object', payload: 'company', field: '' },
  ],
  'company.update': [
    { why: 'a SIREN whose Luhn key is wrong', payload: { siren: '123456789' }, field: 'siren' },
    { why: 'an unknown VAT regime', payload: { vatRegime: 'mensuel' }, field: 'vatRegime' },
    { why: 'an unknown key', payload: { createdAt: '2020-01-01' }, field: 'createdAt' },
    { why: 'a French postcode of 4 digits', payload: { address: { line1: '1 rue A', postcode: '7500', city: 'Paris' } }, field: 'address.postcode' },
    { why: 'a corrupted IBAN', payload: { iban: 'FR7630006000011234567890188' }, field: 'iban' },
    { why: 'share capital as a JSON number', payload: { shareCapital: 1000 }, field: 'shareCapital' },
    { why: 'Factur-X as the default given as a word', payload: { facturxDefault: 'oui' }, field: 'facturxDefault' },
  ],
  'customer.create': [
    { why: 'a consumer with a SIREN', payload: { name: 'Paul Durand', kind: 'consumer', siren: '552120222' }, field: 'siren' },
    { why: 'payment terms over 60 days', payload: { name: 'Client', kind: 'business', paymentTermsDays: 61 }, field: 'paymentTermsDays' },
    { why: 'a credit limit with three decimals', payload: { name: 'Client', kind: 'business', creditLimit: '1.234' }, field: 'creditLimit' },
    { why: 'a blank name', payload: { name: '   ', kind: 'business' }, field: 'name' },
    { why: 'an unknown kind', payload: { name: 'Client', kind: 'vip' }, field: 'kind' },
    { why: 'an unknown key', payload: { name: 'Client', kind: 'business', code: 'C99999' }, field: 'code' },
  ],
  'customer.update': [
    { why: 'a missing id', payload: { name: 'Nouveau nom' }, field: 'id' },
    { why: 'an id of the wrong type', payload: { id: '1', name: 'Nouveau nom' }, field: 'id' },
    { why: 'payment terms over 60 days', payload: { id: 1, paymentTermsDays: 90 }, field: 'paymentTermsDays' },
    { why: 'an attempt to change the code', payload: { id: 1, code: 'C00009' }, field: 'code' },
    { why: 'an invalid e-mail', payload: { id: 1, email: 'pas-une-adresse' }, field: 'email' },
  ],
  'customer.get': [
    { why: 'a negative id', payload: { id: -1 }, field: 'id' },
    { why: 'a fractional id', payload: { id: 1.5 }, field: 'id' },
    { why: 'no id', payload: {}, field: 'id' },
  ],
  'customer.list': [
    { why: 'a search that is not text', payload: { search: 42 }, field: 'search' },
    { why: 'a zero limit', payload: { limit: 0 }, field: 'limit' },
    { why: 'an unknown kind', payload: { kind: 'vip' }, field: 'kind' },
    { why: 'an unknown key', payload: { orderBy: 'name' }, field: 'orderBy' },
  ],
  'company.unlock': [
    { why: 'an empty passphrase', payload: { passphrase: '' }, field: 'passphrase' },
    { why: 'a passphrase that is not text', payload: { passphrase: 1234 }, field: 'passphrase' },
    { why: 'remember that is not a boolean', payload: { remember: 'oui' }, field: 'remember' },
    { why: 'an unknown key', payload: { file: '/tmp/autre.encours' }, field: 'file' },
  ],
  'company.encryption.set': [
    { why: 'no passphrase (null removes it)', payload: {}, field: 'passphrase' },
    { why: 'a passphrase of 7 characters', payload: { passphrase: 'abc1234', confirmation: 'abc1234' }, field: 'passphrase' },
    { why: 'a confirmation that differs', payload: { passphrase: 'correct horse', confirmation: 'correct hors' }, field: 'confirmation' },
    { why: 'no confirmation', payload: { passphrase: 'correct horse' }, field: 'confirmation' },
    { why: 'a line break inside', payload: { passphrase: 'correct\nhorse', confirmation: 'correct\nhorse' }, field: 'passphrase' },
    { why: 'an unknown key', payload: { passphrase: null, hint: 'chat' }, field: 'hint' },
  ],
  'app.info': [
    { why: 'an unknown key', payload: { file: '/tmp/autre.encours' }, field: 'file' },
    { why: 'a string instead of an object', payload: 'info', field: '' },
  ],
  'account.list': [{ why: 'an unknown key', payload: { search: '411' }, field: 'search' }],
  'account.create': [
    { why: 'a number with a letter', payload: { number: '706A', label: 'Conseil' }, field: 'number' },
    { why: 'a number starting with 0', payload: { number: '0706', label: 'Conseil' }, field: 'number' },
    { why: 'no number', payload: { label: 'Conseil' }, field: 'number' },
    { why: 'a blank label', payload: { number: '706100', label: '  ' }, field: 'label' },
    { why: 'a sub-account already in the chart', payload: { number: '44571', label: 'TVA' }, field: 'number' },
    { why: 'a sub-account under no account of the chart', payload: { number: '99123', label: 'Divers' }, field: 'number' },
    { why: 'an unknown key', payload: { number: '706100', label: 'Conseil', custom: true }, field: 'custom' },
  ],
  'account.setRole': [
    { why: 'an unknown role', payload: { role: 'tresorerie', account: '512' }, field: 'role' },
    { why: 'an account that is not a number', payload: { role: 'bank', account: 'banque' }, field: 'account' },
    { why: 'no account', payload: { role: 'bank' }, field: 'account' },
    { why: 'an account of another nature than the role', payload: { role: 'bank', account: '706' }, field: 'account' },
    { why: 'a sub-account that does not exist', payload: { role: 'bank', account: '512999' }, field: 'account' },
  ],
  'invoice.create': [
    { why: 'a zero quantity', payload: { ...invoiceDraft, lines: [{ ...invoiceDraft.lines[0], quantity: '0' }] }, field: 'lines.0.quantity' },
    { why: 'a negative quantity', payload: { ...invoiceDraft, lines: [{ ...invoiceDraft.lines[0], quantity: '-2' }] }, field: 'lines.0.quantity' },
    { why: 'a VAT rate not in the French list', payload: { ...invoiceDraft, lines: [{ ...invoiceDraft.lines[0], vatRate: '19.6' }] }, field: 'lines.0.vatRate' },
    { why: 'a unit price as a JSON number', payload: { ...invoiceDraft, lines: [{ ...invoiceDraft.lines[0], unitPrice: 1000 }] }, field: 'lines.0.unitPrice' },
    { why: 'a unit price with five decimals', payload: { ...invoiceDraft, lines: [{ ...invoiceDraft.lines[0], unitPrice: '10.12345' }] }, field: 'lines.0.unitPrice' },
    { why: 'an impossible date', payload: { ...invoiceDraft, date: '2026-02-30' }, field: 'date' },
    { why: 'no line', payload: { ...invoiceDraft, lines: [] }, field: 'lines' },
    { why: 'an unknown line kind', payload: { ...invoiceDraft, lines: [{ ...invoiceDraft.lines[0], kind: 'rental' }] }, field: 'lines.0.kind' },
    { why: 'a discount above 100 %', payload: { ...invoiceDraft, discountPercent: '120' }, field: 'discountPercent' },
    { why: 'an unknown key', payload: { ...invoiceDraft, total: '1200.00' }, field: 'total' },
  ],
  'invoice.update': [
    { why: 'no id', payload: { lines: invoiceDraft.lines }, field: 'id' },
    { why: 'a zero quantity', payload: { id: 1, lines: [{ ...invoiceDraft.lines[0], quantity: '0' }] }, field: 'lines.0.quantity' },
  ],
  'invoice.delete': [{ why: 'an id as a string', payload: { id: '1' }, field: 'id' }],
  'invoice.validate': [
    { why: 'no id', payload: {}, field: 'id' },
    { why: 'an override as a string', payload: { id: 1, overrideCreditLimit: 'oui' }, field: 'overrideCreditLimit' },
  ],
  'invoice.get': [{ why: 'a negative id', payload: { id: -1 }, field: 'id' }],
  'invoice.list': [
    { why: 'an unknown status', payload: { status: 'late' }, field: 'status' },
    { why: 'an impossible date', payload: { from: '2026-13-01' }, field: 'from' },
  ],
  'creditNote.create': [
    { why: 'no reason', payload: { invoiceId: 1, date: '2026-03-05' }, field: 'reason' },
    { why: 'an unknown kind', payload: { invoiceId: 1, date: '2026-03-05', reason: 'x', kind: 'gift' }, field: 'kind' },
    { why: 'a zero quantity', payload: { invoiceId: 1, date: '2026-03-05', reason: 'x', lines: [{ ...invoiceDraft.lines[0], quantity: '0' }] }, field: 'lines.0.quantity' },
  ],
  'creditNote.validate': [{ why: 'no id', payload: {}, field: 'id' }],
  'creditNote.get': [{ why: 'an id as a string', payload: { id: 'AV1' }, field: 'id' }],
  'payment.record': [
    { why: 'a payment of zero', payload: { customerId: 1, date: '2026-03-10', amount: '0', method: 'transfer' }, field: 'amount' },
    { why: 'settleDifference as text', payload: { customerId: 1, date: '2026-03-10', amount: '10', method: 'transfer', settleDifference: 'oui' }, field: 'settleDifference' },
    { why: 'an amount as a JSON number', payload: { customerId: 1, date: '2026-03-10', amount: 100, method: 'transfer' }, field: 'amount' },
    { why: 'three decimals', payload: { customerId: 1, date: '2026-03-10', amount: '10.001', method: 'transfer' }, field: 'amount' },
    { why: 'an unknown method', payload: { customerId: 1, date: '2026-03-10', amount: '10', method: 'bitcoin' }, field: 'method' },
    { why: 'an impossible date', payload: { customerId: 1, date: '2026-02-29', amount: '10', method: 'check' }, field: 'date' },
    { why: 'an allocation of zero', payload: { customerId: 1, date: '2026-03-10', amount: '10', method: 'check', allocations: [{ invoiceId: 1, amount: '0' }] }, field: 'allocations.0.amount' },
  ],
  'payment.get': [{ why: 'no id', payload: {}, field: 'id' }],
  'advance.apply': [{ why: 'no invoice', payload: { customerId: 1, amount: '10', date: '2026-03-12' }, field: 'invoiceId' }],
  'advance.refund': [{ why: 'a negative amount', payload: { customerId: 1, amount: '-10', date: '2026-03-12', method: 'transfer' }, field: 'amount' }],
  'lettering.match': [{ why: 'a single line', payload: { lineIds: [1] }, field: 'lineIds' }],
  'lettering.unmatch': [{ why: 'a lower-case code', payload: { code: 'a' }, field: 'code' }],
  'lettering.auto': [{ why: 'a customer id as a string', payload: { customerId: 'C00001' }, field: 'customerId' }],
  'report.aging': [
    { why: 'no date', payload: {}, field: 'asOf' },
    { why: 'buckets as a string', payload: { asOf: '2026-06-30', buckets: '30,60' }, field: 'buckets' },
  ],
  'report.dso': [
    { why: 'an unknown method', payload: { from: '2026-01-01', to: '2026-06-30', method: 'magic' }, field: 'method' },
    { why: 'a period ending before it starts', payload: { from: '2026-06-30', to: '2026-01-01', method: 'ratio' }, field: 'to' },
  ],
  'report.customerStatement': [{ why: 'no customer', payload: {}, field: 'customerId' }],
  'report.vat': [{ why: 'an impossible date', payload: { from: '2026-01-01', to: '2026-06-31' }, field: 'to' }],
  'report.vatReceipts': [
    { why: 'an impossible date', payload: { from: '2026-01-01', to: '2026-06-31' }, field: 'to' },
    { why: 'a period that ends before it starts', payload: { from: '2026-06-30', to: '2026-01-01' }, field: 'to' },
    { why: 'an unknown key', payload: { from: '2026-01-01', to: '2026-06-30', format: 'cdar' }, field: 'format' },
  ],
  'import.customers': [
    { why: 'no csv', payload: { dryRun: true }, field: 'csv' },
    { why: 'an empty csv', payload: { csv: '' }, field: 'csv' },
  ],
  'import.openInvoices': [{ why: 'dryRun as a string', payload: { csv: 'numero;client\n', dryRun: 'oui' }, field: 'dryRun' }],
  'doubtful.candidates': [{ why: 'no date', payload: {}, field: 'asOf' }],
  'doubtful.classify': [
    { why: 'no invoice', payload: { invoiceIds: [], date: '2026-07-01', reason: 'doubtful' }, field: 'invoiceIds' },
    { why: 'an unknown reason', payload: { invoiceIds: [1], date: '2026-07-01', reason: 'late' }, field: 'reason' },
  ],
  'doubtful.provision': [
    { why: 'a risk above 100 %', payload: { invoiceId: 1, date: '2026-07-01', riskPercent: '120' }, field: 'riskPercent' },
    { why: 'a risk as a number', payload: { invoiceId: 1, date: '2026-07-01', riskPercent: 80 }, field: 'riskPercent' },
  ],
  'doubtful.writeOff': [
    { why: 'an unknown reason', payload: { invoiceId: 1, date: '2026-08-01', reason: 'lost' }, field: 'reason' },
    { why: 'an unknown VAT treatment', payload: { invoiceId: 1, date: '2026-08-01', reason: 'other', vatTreatment: 'keep' }, field: 'vatTreatment' },
  ],
  'doubtful.provisionMatrix': [{ why: 'no bucket', payload: { asOf: '2026-07-31', buckets: [] }, field: 'buckets' }],
  'dialog.chooseFile': [
    { why: 'no purpose', payload: {}, field: 'purpose' },
    { why: 'an unknown purpose', payload: { purpose: 'ssh-key' }, field: 'purpose' },
    { why: 'a suggested name as a number', payload: { purpose: 'pdf', suggestedName: 7 }, field: 'suggestedName' },
  ],
  'evidence.add': [
    { why: 'an unknown kind', payload: { invoiceId: 1, kind: 'letter', date: '2026-06-01', note: 'x' }, field: 'kind' },
    { why: 'no note', payload: { invoiceId: 1, kind: 'reminder', date: '2026-06-01' }, field: 'note' },
  ],
  'evidence.list': [{ why: 'no invoice', payload: {}, field: 'invoiceId' }],
  'report.provisions': [{ why: 'no date', payload: {}, field: 'asOf' }],
  'doubtful.list': [{ why: 'no date', payload: {}, field: 'asOf' }],
  'doubtful.preview': [
    { why: 'a risk above 100 %', payload: { provisions: [{ invoiceId: 1, date: '2026-07-01', riskPercent: '100.5' }] }, field: 'provisions.0.riskPercent' },
    { why: 'an unknown write-off reason', payload: { writeOff: { invoiceId: 1, date: '2026-08-01', reason: 'lost' } }, field: 'writeOff.reason' },
  ],
  'doubtful.apply': [
    { why: 'nothing to post', payload: {}, field: 'provisions' },
    { why: 'an insured share above 100 %', payload: { provisions: [{ invoiceId: 1, date: '2026-07-01', riskPercent: '50', insuredPercent: '101' }] }, field: 'provisions.0.insuredPercent' },
  ],
  'doubtful.duplicate272': [{ why: 'no output', payload: { invoiceId: 2 }, field: 'output' }],
  'doubtful.summary272': [{ why: 'an empty invoice list', payload: { customerId: 1, invoiceIds: [], output: '/tmp' }, field: 'invoiceIds' }],
  'ledger.post': [
    { why: 'the sales journal (invoices post there, not manual entries)', payload: { ...manualEntry, journal: 'VT' }, field: 'journal' },
    { why: 'the opening journal', payload: { ...manualEntry, journal: 'AN' }, field: 'journal' },
    { why: 'a single line', payload: { ...manualEntry, lines: [manualEntry.lines[0]] }, field: 'lines' },
    { why: 'an amount as a JSON number', payload: { ...manualEntry, lines: [{ account: '512', debit: 100 }, manualEntry.lines[1]] }, field: 'lines.0.debit' },
    { why: 'an amount with three decimals', payload: { ...manualEntry, lines: [{ account: '512', debit: '100.001' }, manualEntry.lines[1]] }, field: 'lines.0.debit' },
    { why: 'a negative amount', payload: { ...manualEntry, lines: [{ account: '512', debit: '-100' }, manualEntry.lines[1]] }, field: 'lines.0.debit' },
    { why: 'a line with both a debit and a credit', payload: { ...manualEntry, lines: [{ account: '512', debit: '100', credit: '100' }, manualEntry.lines[1]] }, field: 'lines.0.debit' },
    { why: 'a line with neither debit nor credit', payload: { ...manualEntry, lines: [{ account: '512' }, manualEntry.lines[1]] }, field: 'lines.0.debit' },
    { why: 'a malformed customer code', payload: { ...manualEntry, lines: [manualEntry.lines[0], { account: '411', aux: 'X1', credit: '100.00' }] }, field: 'lines.1.aux' },
    { why: 'an account that is not a number', payload: { ...manualEntry, lines: [{ account: 'banque', debit: '100' }, manualEntry.lines[1]] }, field: 'lines.0.account' },
    { why: 'an unknown key on a line', payload: { ...manualEntry, lines: [{ ...manualEntry.lines[0], vat: '20' }, manualEntry.lines[1]] }, field: 'lines.0.vat' },
    { why: 'an impossible date', payload: { ...manualEntry, date: '2026-02-30' }, field: 'date' },
    { why: 'a blank label', payload: { ...manualEntry, label: ' ' }, field: 'label' },
    { why: 'no piece reference', payload: { ...manualEntry, pieceRef: undefined }, field: 'pieceRef' },
    { why: 'an unknown key', payload: { ...manualEntry, num: 1 }, field: 'num' },
  ],
  'ledger.entries': [
    { why: 'a period ending before it starts', payload: { from: '2026-12-31', to: '2026-01-01' }, field: 'to' },
    { why: 'an unknown journal', payload: { journal: 'XX' }, field: 'journal' },
    { why: 'an account prefix with a letter', payload: { account: '41x' }, field: 'account' },
    { why: 'a malformed customer code', payload: { aux: '00042' }, field: 'aux' },
    { why: 'a zero limit', payload: { limit: 0 }, field: 'limit' },
    { why: 'a negative offset', payload: { offset: -1 }, field: 'offset' },
    { why: 'an unknown key', payload: { orderBy: 'date' }, field: 'orderBy' },
  ],
  'ledger.entry': [
    { why: 'no id', payload: {}, field: 'id' },
    { why: 'an id as a string', payload: { id: '1' }, field: 'id' },
    { why: 'a zero id', payload: { id: 0 }, field: 'id' },
  ],
  'ledger.verify': [{ why: 'an unknown key', payload: { repair: true }, field: 'repair' }],
  'report.trialBalance': [
    { why: 'byAux as a string', payload: { byAux: 'oui' }, field: 'byAux' },
    { why: 'a period ending before it starts', payload: { from: '2026-06-30', to: '2026-06-01' }, field: 'to' },
    { why: 'an impossible date', payload: { to: '2026-13-01' }, field: 'to' },
    { why: 'an unknown key', payload: { account: '411' }, field: 'account' },
  ],
  'report.generalLedger': [
    { why: 'no account', payload: { aux: 'C00001' }, field: 'account' },
    { why: 'a malformed customer code', payload: { account: '411', aux: 'client 1' }, field: 'aux' },
    { why: 'a period ending before it starts', payload: { account: '512', from: '2026-06-30', to: '2026-06-01' }, field: 'to' },
    { why: 'a date in the French format', payload: { account: '512', from: '01/06/2026' }, field: 'from' },
  ],
  'fiscalYear.list': [{ why: 'an unknown key', payload: { status: 'open' }, field: 'status' }],
  'fiscalYear.createNext': [
    { why: 'an unknown key (the next year always follows the last one)', payload: { start: '2027-01-01' }, field: 'start' },
    { why: 'an array instead of an object', payload: [], field: '' },
  ],
  'period.close': [
    { why: 'no fiscal year end', payload: {}, field: 'fiscalYearEnd' },
    { why: 'an impossible date', payload: { fiscalYearEnd: '2026-02-30' }, field: 'fiscalYearEnd' },
    { why: 'a date as a number', payload: { fiscalYearEnd: 20261231 }, field: 'fiscalYearEnd' },
    { why: 'an unknown key', payload: { fiscalYearEnd: '2026-12-31', force: true }, field: 'force' },
  ],
  'backup.create': [
    { why: 'a blank output', payload: { output: '   ' }, field: 'output' },
    { why: 'an output as a number', payload: { output: 42 }, field: 'output' },
    { why: 'an unknown key', payload: { overwrite: true }, field: 'overwrite' },
  ],
  'backup.list': [
    { why: 'an unknown key', payload: { folder: '/tmp' }, field: 'folder' },
    { why: 'a string instead of an object', payload: 'sauvegardes', field: '' },
  ],
  'export.fec': [
    { why: 'no fiscal year end', payload: { output: '/tmp' }, field: 'fiscalYearEnd' },
    { why: 'an impossible fiscal year end', payload: { fiscalYearEnd: '2026-02-30', output: '/tmp' }, field: 'fiscalYearEnd' },
    { why: 'a blank output', payload: { fiscalYearEnd: '2026-12-31', output: '  ' }, field: 'output' },
    { why: 'a job id as a number', payload: { fiscalYearEnd: '2026-12-31', output: '/tmp', jobId: 7 }, field: 'jobId' },
    { why: 'an unknown key', payload: { fiscalYearEnd: '2026-12-31', output: '/tmp', separator: '|' }, field: 'separator' },
  ],
  'job.status': [
    { why: 'no job id', payload: {}, field: 'jobId' },
    { why: 'a job id as a number', payload: { jobId: 7 }, field: 'jobId' },
    { why: 'an unknown key', payload: { jobId: 'fec-2026', cancel: true }, field: 'cancel' },
  ],
  'document.invoice': [
    { why: 'no output', payload: { invoiceId: 1 }, field: 'output' },
    { why: 'a blank output', payload: { invoiceId: 1, output: '  ' }, field: 'output' },
    { why: 'an invoice id as a string', payload: { invoiceId: 'F2026-00001', output: '/tmp' }, field: 'invoiceId' },
    { why: 'an unknown key', payload: { invoiceId: 1, output: '/tmp', duplicate: true }, field: 'duplicate' },
    { why: 'an unknown format', payload: { invoiceId: 1, output: '/tmp', format: 'ubl' }, field: 'format' },
  ],
  'document.creditNote': [
    { why: 'no credit note id', payload: { output: '/tmp' }, field: 'creditNoteId' },
    { why: 'an output as a number', payload: { creditNoteId: 1, output: 42 }, field: 'output' },
    { why: 'an unknown format', payload: { creditNoteId: 1, output: '/tmp', format: 'xml' }, field: 'format' },
  ],
  'document.facturxBatch': [
    { why: 'no output', payload: { from: '2026-11-01', to: '2026-11-30' }, field: 'output' },
    { why: 'an impossible date', payload: { from: '2026-02-30', to: '2026-03-31', output: '/tmp' }, field: 'from' },
    { why: 'a period that ends before it starts', payload: { from: '2026-11-30', to: '2026-11-01', output: '/tmp' }, field: 'to' },
    { why: 'a job id with spaces', payload: { from: '2026-11-01', to: '2026-11-30', output: '/tmp', jobId: 'lot novembre' }, field: 'jobId' },
    { why: 'an unknown key', payload: { from: '2026-11-01', to: '2026-11-30', output: '/tmp', format: 'ubl' }, field: 'format' },
  ],
  'document.render': [
    { why: 'no kind', payload: { id: 1 }, field: 'kind' },
    { why: 'an unknown kind', payload: { kind: 'devis', id: 1 }, field: 'kind' },
    { why: 'an id as a string', payload: { kind: 'invoice', id: 'F2026-00001' }, field: 'id' },
    { why: 'an impossible date', payload: { kind: 'dunningLetter', id: 1, asOf: '2026-02-30' }, field: 'asOf' },
    { why: 'an output (it writes nothing)', payload: { kind: 'invoice', id: 1, output: '/tmp' }, field: 'output' },
    { why: 'an unknown format', payload: { kind: 'invoice', id: 1, format: 'FACTURX' }, field: 'format' },
  ],
  'dunning.due': [
    { why: 'no date', payload: {}, field: 'asOf' },
    { why: 'an impossible date', payload: { asOf: '2026-02-30' }, field: 'asOf' },
  ],
  'dunning.record': [
    { why: 'an unknown channel', payload: { invoiceId: 1, step: 'reminder', date: '2026-10-10', channel: 'fax' }, field: 'channel' },
    { why: 'a step key with spaces', payload: { invoiceId: 1, step: 'relance 1', date: '2026-10-10', channel: 'letter' }, field: 'step' },
    { why: 'no date', payload: { invoiceId: 1, step: 'reminder', channel: 'letter' }, field: 'date' },
    { why: 'an impossible promise date', payload: { invoiceId: 1, step: 'reminder', date: '2026-10-10', channel: 'phone', promiseDate: '2026-13-01' }, field: 'promiseDate' },
  ],
  'dunning.history': [
    { why: 'an invoice id as a string', payload: { invoiceId: 'F2026-00001' }, field: 'invoiceId' },
    { why: 'an unknown key', payload: { customer: 1 }, field: 'customer' },
  ],
  'dunning.letter': [
    { why: 'no output', payload: { invoiceId: 1, step: 'reminder' }, field: 'output' },
    { why: 'no step', payload: { invoiceId: 1, output: '/tmp' }, field: 'step' },
  ],
  'dunning.email': [
    { why: 'an impossible date', payload: { invoiceId: 1, step: 'reminder', asOf: '2026-02-30' }, field: 'asOf' },
    { why: 'no invoice', payload: { step: 'reminder' }, field: 'invoiceId' },
  ],
  'dunning.scenario.get': [{ why: 'an unknown key', payload: { kind: 'business' }, field: 'kind' }],
  'dunning.scenario.set': [
    { why: 'no consumer scenario', payload: { business: dunningScenario.business }, field: 'consumer' },
    { why: 'offsets not increasing', payload: { ...dunningScenario, consumer: [{ key: 'a', label: 'A', kind: 'reminder', offsetDays: 30 }, { key: 'b', label: 'B', kind: 'formal_notice', offsetDays: 10 }] }, field: 'consumer.1.offsetDays' },
    { why: 'a step key twice', payload: { ...dunningScenario, consumer: [{ key: 'a', label: 'A', kind: 'reminder', offsetDays: 7 }, { key: 'a', label: 'B', kind: 'formal_notice', offsetDays: 60 }] }, field: 'consumer.1.key' },
    { why: 'an unknown step kind', payload: { ...dunningScenario, business: [{ key: 'a', label: 'A', kind: 'huissier', offsetDays: 7 }] }, field: 'business.0.kind' },
  ],
  'dunning.templates.get': [{ why: 'an unknown key', payload: { kind: 'reminder' }, field: 'kind' }],
  'dunning.templates.set': [
    { why: 'an unknown placeholder', payload: { templates: [{ kind: 'reminder', subject: 'Facture {facture}', letter: 'Bonjour {prenom}', email: 'Bonjour' }] }, field: 'templates.0.letter' },
    { why: 'an unclosed brace', payload: { templates: [{ kind: 'reminder', subject: 'Facture {facture', letter: 'Bonjour', email: 'Bonjour' }] }, field: 'templates.0.subject' },
    { why: 'an empty letter', payload: { templates: [{ kind: 'reminder', subject: 'Relance', letter: '  ', email: 'Bonjour' }] }, field: 'templates.0.letter' },
  ],
  'penalty.rates.list': [{ why: 'an unknown key', payload: { year: 2026 }, field: 'year' }],
  'penalty.rates.set': [
    { why: 'a badly written half-year', payload: { period: '2026-S1', ecbRate: '2.15', legalRate: '2.76' }, field: 'period' },
    { why: 'a rate as a JSON number', payload: { period: '2026-H1', ecbRate: 2.15, legalRate: '2.76' }, field: 'ecbRate' },
  ],
  'penalty.compute': [
    { why: 'no date', payload: { invoiceId: 1 }, field: 'asOf' },
    { why: 'an invoice id as a string', payload: { invoiceId: '1', asOf: '2026-10-01' }, field: 'invoiceId' },
  ],
  'penalty.invoice': [
    { why: 'no includeIndemnity', payload: { invoiceId: 1, asOf: '2026-10-01', date: '2026-10-02' }, field: 'includeIndemnity' },
    { why: 'an impossible date', payload: { invoiceId: 1, asOf: '2026-10-01', date: '2026-10-32', includeIndemnity: false }, field: 'date' },
  ],
  'penalty.document': [
    { why: 'no output', payload: { penaltyInvoiceId: 1 }, field: 'output' },
    { why: 'an id as a string', payload: { penaltyInvoiceId: 'PEN2026-00001', output: '/tmp' }, field: 'penaltyInvoiceId' },
  ],
  'paymentPlan.create': [
    { why: 'no instalment', payload: { invoiceIds: [1], instalments: [] }, field: 'instalments' },
    { why: 'an amount as a JSON number', payload: { invoiceIds: [1], instalments: [{ date: '2027-01-15', amount: 100 }] }, field: 'instalments.0.amount' },
    { why: 'dates not increasing', payload: { invoiceIds: [1], instalments: [{ date: '2027-02-15', amount: '100' }, { date: '2027-01-15', amount: '100' }] }, field: 'instalments.1.date' },
    { why: 'no invoice', payload: { invoiceIds: [], instalments: [{ date: '2027-01-15', amount: '100' }] }, field: 'invoiceIds' },
  ],
  'paymentPlan.list': [{ why: 'an invoice id as a string', payload: { invoiceId: 'F2026-00001' }, field: 'invoiceId' }],
  'paymentPlan.cancel': [{ why: 'no id', payload: {}, field: 'id' }],
  'payment.cancel': [
    { why: 'no reason', payload: { id: 1 }, field: 'reason' },
    { why: 'a blank reason', payload: { id: 1, reason: '   ' }, field: 'reason' },
    { why: 'an impossible date', payload: { id: 1, date: '2026-02-30', reason: 'Chèque impayé' }, field: 'date' },
    { why: 'a payment id as a string', payload: { id: '1', reason: 'Chèque impayé' }, field: 'id' },
  ],
  'payment.list': [
    { why: 'an unknown state', payload: { status: 'void' }, field: 'status' },
    { why: 'a customer id as a string', payload: { customerId: 'C00001' }, field: 'customerId' },
  ],
  'payment.recoverable': [{ why: 'no customer', payload: {}, field: 'customerId' }],
  'payment.settleDifference': [
    { why: 'no payment', payload: {}, field: 'id' },
    { why: 'an impossible date', payload: { id: 1, date: '2027-02-30' }, field: 'date' },
  ],
  'bank.import': [
    { why: 'no file', payload: { fileName: 'releve.ofx' }, field: 'contentBase64' },
    { why: 'a file that is not base64', payload: { contentBase64: 'pas du base64 !', fileName: 'releve.ofx' }, field: 'contentBase64' },
    { why: 'an unknown format', payload: { contentBase64: 'QQ==', fileName: 'releve.qif', format: 'qif' }, field: 'format' },
    { why: 'a CSV mapping without amount', payload: { contentBase64: 'QQ==', fileName: 'r.csv', format: 'csv', csvMapping: { date: 'Date', label: 'Libellé' } }, field: 'csvMapping.amount' },
  ],
  'bank.lines': [
    { why: 'an unknown status', payload: { status: 'done' }, field: 'status' },
    { why: 'a statement id as a string', payload: { statementId: 'un' }, field: 'statementId' },
  ],
  'bank.csvGuess': [{ why: 'no file', payload: {}, field: 'contentBase64' }],
  'mail.settings.get': [{ why: 'an unknown key', payload: { password: 'x' }, field: 'password' }],
  'mail.settings.set': [
    { why: 'a host with a scheme', payload: { host: 'smtp://exemple.fr', port: 587, security: 'starttls', from: 'a@exemple.fr' }, field: 'host' },
    { why: 'port 0', payload: { host: 'smtp.exemple.fr', port: 0, security: 'starttls', from: 'a@exemple.fr' }, field: 'port' },
    { why: 'a port above 65535', payload: { host: 'smtp.exemple.fr', port: 65536, security: 'starttls', from: 'a@exemple.fr' }, field: 'port' },
    { why: 'an unknown security', payload: { host: 'smtp.exemple.fr', port: 465, security: 'ssl', from: 'a@exemple.fr' }, field: 'security' },
    { why: 'a sender that is no address', payload: { host: 'smtp.exemple.fr', port: 587, security: 'starttls', from: 'compta' }, field: 'from' },
  ],
  'mail.test': [{ why: 'an unknown key', payload: { host: 'x' }, field: 'host' }],
  'mail.prepare': [
    { why: 'no document', payload: {}, field: 'document' },
    { why: 'an unknown kind', payload: { document: { kind: 'devis', id: 1 } }, field: 'document.kind' },
  ],
  'mail.send': [
    { why: 'a recipient that is no address', payload: { document: { kind: 'invoice', id: 1 }, to: 'client' }, field: 'to' },
    { why: 'an empty subject', payload: { document: { kind: 'invoice', id: 1 }, subject: '   ' }, field: 'subject' },
    { why: 'no document id', payload: { document: { kind: 'invoice' } }, field: 'document.id' },
  ],
  'mail.draft': [{ why: 'no document', payload: { to: 'a@exemple.fr' }, field: 'document' }],
  'mail.history': [{ why: 'an invoice id as a string', payload: { invoiceId: 'un' }, field: 'invoiceId' }],
  'article.create': [
    { why: 'no description', payload: { kind: 'services', unit: 'HUR', unitPrice: '45', vatRate: '20' }, field: 'description' },
    { why: 'an unknown unit', payload: { description: 'Pose', kind: 'services', unit: 'heure', unitPrice: '45', vatRate: '20' }, field: 'unit' },
    { why: 'a price with five decimals', payload: { description: 'Pose', kind: 'services', unit: 'HUR', unitPrice: '45.12345', vatRate: '20' }, field: 'unitPrice' },
    { why: 'an unknown VAT rate', payload: { description: 'Pose', kind: 'services', unit: 'HUR', unitPrice: '45', vatRate: '19.6' }, field: 'vatRate' },
  ],
  'article.update': [{ why: 'no id', payload: { unitPrice: '48' }, field: 'id' }],
  'article.list': [{ why: 'a search longer than 100 characters', payload: { search: 'x'.repeat(101) }, field: 'search' }],
  'quote.create': [
    { why: 'no line', payload: { ...quoteDraft, lines: [] }, field: 'lines' },
    { why: 'a validity date before the quote', payload: { ...quoteDraft, validUntil: '2027-01-14' }, field: 'validUntil' },
    { why: 'a deposit above 100 %', payload: { ...quoteDraft, depositPercent: '130' }, field: 'depositPercent' },
  ],
  'quote.update': [{ why: 'no id', payload: { notes: 'x' }, field: 'id' }],
  'quote.delete': [{ why: 'an id as a string', payload: { id: '1' }, field: 'id' }],
  'quote.get': [{ why: 'a zero id', payload: { id: 0 }, field: 'id' }],
  'quote.list': [{ why: 'a status that does not exist', payload: { status: 'signed' }, field: 'status' }],
  'quote.setStatus': [
    { why: 'a status read from the facts (expired)', payload: { id: 1, status: 'expired' }, field: 'status' },
    { why: 'no id', payload: { status: 'accepted' }, field: 'id' },
  ],
  'quote.invoice': [
    { why: 'a deposit with neither percentage nor amount', payload: { quoteId: 1, kind: 'deposit', date: '2027-01-18' }, field: 'percent' },
    { why: 'a deposit with both', payload: { quoteId: 1, kind: 'deposit', percent: '30', amount: '3000', date: '2027-01-18' }, field: 'percent' },
    { why: 'a final invoice with a percentage', payload: { quoteId: 1, kind: 'final', percent: '30', date: '2027-01-18' }, field: 'kind' },
    { why: 'an amount with three decimals', payload: { quoteId: 1, kind: 'deposit', amount: '10.001', date: '2027-01-18' }, field: 'amount' },
  ],
  'bank.match': [
    { why: 'no allocation', payload: { lineId: 1, allocations: [] }, field: 'allocations' },
    { why: 'a zero amount', payload: { lineId: 1, allocations: [{ invoiceId: 1, amount: '0' }] }, field: 'allocations.0.amount' },
    { why: 'no line', payload: { allocations: [{ invoiceId: 1, amount: '10' }] }, field: 'lineId' },
  ],
  'bank.autoMatch': [{ why: 'a confidence above 100', payload: { minConfidence: 120 }, field: 'minConfidence' }],
  'bank.unmatch': [{ why: 'no line', payload: {}, field: 'lineId' }],
  'bank.ignore': [{ why: 'no decision', payload: { lineId: 1 }, field: 'ignored' }],
  'bank.reconciliation': [
    { why: 'no date', payload: {}, field: 'asOf' },
    { why: 'an impossible date', payload: { asOf: '2027-02-30' }, field: 'asOf' },
  ],
  preview: [
    { why: 'a channel that posts nothing', payload: { channel: 'company.update', request: {} }, field: 'channel' },
    { why: 'no channel', payload: { request: {} }, field: 'channel' },
    // The posting's own schema refuses it, with the field paths of the form that sent it.
    { why: 'a payment without its customer', payload: { channel: 'payment.record', request: { date: '2026-03-15', amount: '10', method: 'transfer' } }, field: 'customerId' },
  ],
};
