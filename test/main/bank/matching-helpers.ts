import type { ServiceContext } from '../../../src/main/core/context';
import { callOk, testCompany } from '../../helpers/context';
import { companyInit } from '../../helpers/fixtures';
import { base64 } from './bank-files';

export interface CamtLine {
  date: string;
  /** Signed, a decimal string: "1200.00" received, "-45.20" paid. */
  amount: string;
  name?: string;
  iban?: string;
  remittance?: string;
}

let serial = 0;

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

/** A CAMT.053.001.08 statement holding these lines, one entry each (a unique bank reference each). */
export function camt(lines: readonly CamtLine[]): string {
  const entries = lines.map((l) => {
    const credit = !l.amount.startsWith('-');
    const amt = l.amount.replace('-', '');
    serial++;
    const party = credit ? 'Dbtr' : 'Cdtr';
    return `<Ntry><NtryRef>${serial}</NtryRef><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>${l.date}</Dt></BookgDt><AcctSvcrRef>T${process.pid}-${serial}</AcctSvcrRef><NtryDtls><TxDtls><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd>
<RltdPties>${l.name ? `<${party}><Pty><Nm>${esc(l.name)}</Nm></Pty></${party}>` : ''}${l.iban ? `<${party}Acct><Id><IBAN>${l.iban}</IBAN></Id></${party}Acct>` : ''}</RltdPties>
${l.remittance ? `<RmtInf><Ustrd>${esc(l.remittance)}</Ustrd></RmtInf>` : ''}</TxDtls></NtryDtls></Ntry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>M${serial}</MsgId><CreDtTm>2026-06-01T05:30:00+02:00</CreDtTm></GrpHdr>
<Stmt><Id>S${serial}</Id><CreDtTm>2026-06-01T05:30:00+02:00</CreDtTm><Acct><Id><IBAN>FR7630003012340002012345671</IBAN></Id><Ccy>EUR</Ccy></Acct>
${entries.join('\n')}
</Stmt></BkToCstmrStmt></Document>`;
}

/** Imports these lines; their ids, in the order given. */
export async function importLines(ctx: ServiceContext, lines: readonly CamtLine[]): Promise<number[]> {
  const { statementId } = await callOk(ctx, 'bank.import', { contentBase64: base64(camt(lines)), fileName: 'releve.xml' });
  const { rows } = await callOk(ctx, 'bank.lines', { statementId });
  // bank.lines orders by date then id; ids follow the file's order.
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

export const goods = (unitPrice: string) => ({ description: 'Marchandise', quantity: '1', unitPrice, vatRate: '20', kind: 'goods' as const });

/** A company with three customers (1 Société Générale, 2 Boulangerie Martin SARL, 3 Dupuis & Fils). */
export async function bankCompany(vatRegime: 'debits' | 'encaissements' = 'debits') {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, vatRegime });
  await callOk(tc.ctx, 'customer.create', { name: 'Société Générale', kind: 'business', siren: '552120222' });
  await callOk(tc.ctx, 'customer.create', { name: 'Boulangerie Martin SARL', kind: 'business' });
  await callOk(tc.ctx, 'customer.create', { name: 'Dupuis & Fils', kind: 'business' });
  return tc;
}

/** A validated invoice of `customerId` for `net` HT at 20 %. */
export const invoice = (ctx: ServiceContext, customerId: number, date: string, net: string, extra: Record<string, unknown> = {}) =>
  callOk(ctx, 'invoice.create', { customerId, date, lines: [goods(net)], validate: true, ...extra });
