import { performance } from 'node:perf_hooks';
import { computeInvoice } from '../../shared/invoice-math';
import { type Company, COMPANY, cpuMark, cpuSince, log, result, round, type BenchResult, type RssSampler } from './common';
import { customerOf, customerPayload, customersCsv, invoicePayload, money } from './data';
import { openInvoicesCsv } from './bulk-import';

export const BANK_LINES = 5_000;

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

/**
 * A CAMT.053 of `lines` entries dated at the end of the year over the n open invoices of the import
 * scenario (ANC-0000001…, their gross): two in five name their invoice with its exact amount (sure), one in
 * five gives only the exact amount, one in ten names the invoice but pays half, one in ten names the
 * customer and pays two of their invoices, one in five is a debit or an unknown receipt.
 */
export function bankStatement(n: number, lines: number): string {
  const gross = (i: number) => computeInvoice(invoicePayload(i, n, 0).lines).gross;
  const number = (i: number) => `ANC-${String(i + 1).padStart(7, '0')}`;
  const entries: string[] = [];
  for (let k = 0; k < lines; k++) {
    const i = (k * 7_919) % n;
    const kind = k % 10;
    const customer = customerPayload(customerOf(i)).name.toUpperCase();
    let amount: bigint;
    let name = customer;
    let remittance = '';
    if (kind < 4) {
      amount = gross(i);
      remittance = `Facture ${number(i)}`;
    } else if (kind < 6) {
      amount = gross(i);
      name = 'DIVERS';
    } else if (kind === 6) {
      amount = gross(i) / 2n;
      remittance = `Acompte ${number(i)}`;
    } else if (kind === 7) {
      // Two invoices of the same customer: i and the next one of that customer (customerOf is periodic).
      let j = i + 1;
      while (j < n && customerOf(j) !== customerOf(i)) j++;
      amount = gross(i) + (j < n ? gross(j) : 0n);
    } else if (kind === 8) {
      amount = -(1_000n + BigInt(k));
      name = 'FOURNISSEUR';
    } else {
      amount = 12_345n + BigInt(k);
      name = 'INCONNU';
    }
    const credit = amount > 0n;
    const abs = money(credit ? amount : -amount);
    const party = credit ? 'Dbtr' : 'Cdtr';
    entries.push(
      `<Ntry><Amt Ccy="EUR">${abs}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-12-31</Dt></BookgDt><AcctSvcrRef>BENCH-${k + 1}</AcctSvcrRef>` +
        `<NtryDtls><TxDtls><Amt Ccy="EUR">${abs}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><RltdPties><${party}><Pty><Nm>${esc(name)}</Nm></Pty></${party}></RltdPties>` +
        `${remittance ? `<RmtInf><Ustrd>${remittance}</Ustrd></RmtInf>` : ''}</TxDtls></NtryDtls></Ntry>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2027-01-01T05:30:00+01:00</CreDtTm></GrpHdr><Stmt><Id>BENCH-2026-12</Id><CreDtTm>2027-01-01T05:30:00+01:00</CreDtTm><Acct><Id><IBAN>FR7630003012340002012345671</IBAN></Id><Ccy>EUR</Ccy></Acct>\n${entries.join('\n')}\n</Stmt></BkToCstmrStmt></Document>\n`;
}

/**
 * Scenario « bank »: in a fresh file, the import scenario's 1 000 customers and n open invoices, then a
 * 5 000-line statement imported, its suggestions listed (`bank.lines`, every credit to process matched
 * against the n invoices: the target is under 2 s at 100 000 invoices), then every sure suggestion
 * accepted (`bank.autoMatch`: one payment recorded per line, in one transaction), then the reconciliation
 * at the statement's last day (`bank.reconciliation`).
 */
export async function bankMatching(company: Company, n: number, rss: RssSampler): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  await company.call('company.init', COMPANY);
  await company.call('import.customers', { csv: customersCsv() });
  log(`banque : import de ${n} factures ouvertes`);
  const imported = await company.call('import.openInvoices', { csv: openInvoicesCsv(n) });
  if (imported.created !== n) throw new Error(`import.openInvoices : ${imported.created} créées sur ${n}`);

  const xml = bankStatement(n, BANK_LINES);
  rss.reset();
  let t0 = performance.now();
  let cpu = cpuMark();
  const r = await company.call('bank.import', { contentBase64: Buffer.from(xml).toString('base64'), fileName: 'releve-decembre.xml' });
  out.push(result('bank.import (CAMT.053)', r.added, (performance.now() - t0) / 1000, rss.peakMB, { fileMB: round(xml.length / 2 ** 20, 2), ...cpuSince(cpu) }));

  rss.reset();
  t0 = performance.now();
  cpu = cpuMark();
  const listed = await company.call('bank.lines', { statementId: r.statementId, status: 'to_process' });
  const seconds = (performance.now() - t0) / 1000;
  const withSuggestion = listed.rows.filter((l) => l.suggestions.length > 0).length;
  const sure = listed.rows.filter((l) => (l.suggestions[0]?.confidence ?? 0) >= 90).length;
  out.push(result(`bank.lines (suggestions, ${n} factures ouvertes)`, listed.rows.length, seconds, rss.peakMB, { withSuggestion, sure, target: '< 2 s', met: seconds < 2, ...cpuSince(cpu) }));

  rss.reset();
  t0 = performance.now();
  cpu = cpuMark();
  const auto = await company.call('bank.autoMatch', { statementId: r.statementId });
  out.push(result('bank.autoMatch (suggestions sûres acceptées)', auto.matched, (performance.now() - t0) / 1000, rss.peakMB, cpuSince(cpu)));

  // The reconciliation at the statement's last day: every line read with what posted it, every 512 line.
  rss.reset();
  t0 = performance.now();
  cpu = cpuMark();
  const rec = await company.call('bank.reconciliation', { asOf: r.periodTo ?? '2026-12-31' });
  out.push(result('bank.reconciliation (512 et relevé)', rec.items.length, (performance.now() - t0) / 1000, rss.peakMB, { explained: rec.explained, ...cpuSince(cpu) }));
  return out;
}
