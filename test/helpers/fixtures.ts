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

type Step = { [C in ChannelName]: { channel: C; payload: RequestInput<C> } }[ChannelName];

/**
 * One successful call of every channel, in an order that works on a fresh file (the first customer
 * gets id 1). Tests check that it covers the whole contract.
 */
export const roundTripScript: readonly Step[] = [
  { channel: 'company.init', payload: companyInit },
  { channel: 'company.get', payload: {} },
  { channel: 'company.update', payload: { phone: '01 23 45 67 89' } },
  { channel: 'customer.create', payload: societeGenerale },
  { channel: 'customer.update', payload: { id: 1, paymentTermsDays: 60 } },
  { channel: 'customer.get', payload: { id: 1 } },
  { channel: 'customer.list', payload: { search: 'generale' } },
];

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
};
