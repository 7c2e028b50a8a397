import type { z } from 'zod';
import { Company, CompanyInitRequest, CompanyUpdateRequest } from './domain/company';
import {
  Customer, CustomerCreateRequest, CustomerGetRequest, CustomerList, CustomerListRequest, CustomerUpdateRequest,
} from './domain/customer';
import { Empty } from './domain/common';
import type { ChannelName as ListedChannelName } from './channels';

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /** One French sentence: the CLI's `--help` prints it. */
  summary: string;
  /** True for channels that only read: they may run on a read-only handle. */
  readOnly?: boolean;
}

const channel = <Req extends z.ZodType, Res extends z.ZodType>(def: ChannelDef<Req, Res>) => def;

/**
 * Every channel of the domain API (../shared/spec/api.md). The Electron preload, the CLI and the browser
 * harness are all generated from this map; the main process must provide one handler per entry.
 */
export const contract = {
  'company.init': channel({ request: CompanyInitRequest, response: Company, summary: 'Crée le dossier (fichier société) et enregistre l’entreprise.' }),
  'company.get': channel({ request: Empty, response: Company, summary: 'Lit la fiche de l’entreprise.', readOnly: true }),
  'company.update': channel({ request: CompanyUpdateRequest, response: Company, summary: 'Modifie la fiche de l’entreprise.' }),
  'customer.create': channel({ request: CustomerCreateRequest, response: Customer, summary: 'Crée un client et lui attribue son compte auxiliaire (C00001…).' }),
  'customer.update': channel({ request: CustomerUpdateRequest, response: Customer, summary: 'Modifie un client.' }),
  'customer.get': channel({ request: CustomerGetRequest, response: Customer, summary: 'Lit un client.', readOnly: true }),
  'customer.list': channel({ request: CustomerListRequest, response: CustomerList, summary: 'Liste les clients (recherche par nom, code, SIREN, e-mail, ville).', readOnly: true }),
} as const satisfies Record<ListedChannelName, ChannelDef>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
/** What a caller may send (before parsing: "1 234,50" is fine). */
export type RequestInput<C extends ChannelName> = z.input<Contract[C]['request']>;
/** What a handler receives (after parsing: canonical values). */
export type Request<C extends ChannelName> = z.output<Contract[C]['request']>;
export type Response<C extends ChannelName> = z.output<Contract[C]['response']>;

/** A handler table: leaving a channel out, or returning the wrong shape, is a compile error. */
export type Handlers<Ctx> = {
  [C in ChannelName]: (ctx: Ctx, request: Request<C>) => Response<C> | Promise<Response<C>>;
};

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

// The plain list in channels.ts (used by the preload, which must not bundle zod) and this map must agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelListMatchesContract: Same<ChannelName, ListedChannelName> = true;
void channelListMatchesContract;
