import { Dec } from '../../../shared/money';
import { badFile, canonical, clean, decodeText, isoDateFromCompact, parseBankAmount, periodOf, requireEuro, type ParsedStatement, type StatementLine } from './statement';
import { all, attrOf, child, parseXml, textOf, type XmlValue } from './xml';

/**
 * ISO 20022 bank-to-customer statement, camt.053.001.02 up to .001.08 (namespace prefixes dropped, so
 * every version reads the same; where a version moved an element — Sts as text or Sts/Cd, a party's Nm
 * or Pty/Nm — both places are read). Booked entries only (Sts BOOK). An entry (Ntry) holding several
 * transactions (TxDtls, e.g. a batch of SEPA transfers) gives one line per transaction, each with its own
 * amount, which must add up to the entry's; one without amounts per transaction stays one line.
 * Balances: OPBD (or PRCD) opens, CLBD closes. Several Stmt of the same account are read in order.
 */
export function parseCamt(bytes: Uint8Array): ParsedStatement {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 300));
  const declared = /<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  const doc = parseXml(decodeText(bytes, declared), 'Fichier CAMT.053');
  const root = child(doc, 'Document', 'BkToCstmrStmt');
  if (root === undefined) {
    if (child(doc, 'Document', 'BkToCstmrAcctRpt') !== undefined || child(doc, 'Document', 'BkToCstmrDbtCdtNtfctn') !== undefined) {
      throw badFile('Ce fichier est un CAMT.052 ou CAMT.054 (compte rendu intrajournalier ou avis) : importez le relevé de fin de journée CAMT.053.');
    }
    throw badFile('Fichier CAMT.053 sans élément <Document><BkToCstmrStmt> : ce n’est pas un relevé de compte CAMT.053.');
  }
  const statements = all(root, 'Stmt');
  if (statements.length === 0) throw badFile('Fichier CAMT.053 sans relevé (<Stmt>).');
  let account: string | undefined;
  let openingBalance: string | undefined;
  let closingBalance: string | undefined;
  let periodFrom: string | undefined;
  let periodTo: string | undefined;
  const lines: StatementLine[] = [];
  statements.forEach((st, s) => {
    const stWhere = statements.length > 1 ? `Stmt n° ${s + 1}, ` : '';
    const iban = clean(textOf(st, 'Acct', 'Id', 'IBAN') ?? textOf(st, 'Acct', 'Id', 'Othr', 'Id'));
    if (account !== undefined && iban !== undefined && iban !== account) {
      throw badFile(`Le fichier CAMT.053 contient plusieurs comptes (${account}, ${iban}) : importez un relevé par compte.`);
    }
    account ??= iban;
    requireEuro(textOf(st, 'Acct', 'Ccy'), `${stWhere}Acct/Ccy`);
    for (const [b, bal] of all(st, 'Bal').entries()) {
      const code = textOf(bal, 'Tp', 'CdOrPrtry', 'Cd');
      if (code !== 'OPBD' && code !== 'PRCD' && code !== 'CLBD') continue;
      const amount = signed(bal, `${stWhere}Bal n° ${b + 1} (${code})`);
      if (code === 'CLBD') closingBalance = amount;
      else if (s === 0 && (code === 'OPBD' || openingBalance === undefined)) openingBalance = amount;
    }
    const from = isoDateFromCompact(textOf(st, 'FrToDt', 'FrDtTm'));
    const to = isoDateFromCompact(textOf(st, 'FrToDt', 'ToDtTm'));
    if (from && (periodFrom === undefined || from < periodFrom)) periodFrom = from;
    if (to && (periodTo === undefined || to > periodTo)) periodTo = to;
    all(st, 'Ntry').forEach((ntry, n) => lines.push(...entry(ntry, `${stWhere}Ntry n° ${n + 1}`)));
  });
  const period = periodFrom && periodTo ? { periodFrom, periodTo } : periodOf(lines);
  return {
    format: 'camt053',
    ...(account ? { account } : {}),
    ...(openingBalance !== undefined ? { openingBalance } : {}),
    ...(closingBalance !== undefined ? { closingBalance } : {}),
    ...period,
    lines,
  };
}

/** An amount with its CdtDbtInd (CRDT +, DBIT −), in euros. */
function signed(node: XmlValue, where: string, amtPath: string[] = ['Amt']): string {
  const amt = child(node, ...amtPath);
  const raw = textOf(amt) ?? '';
  requireEuro(attrOf(amt, 'Ccy'), where);
  const amount = parseBankAmount(raw);
  if (amount === null || amount.startsWith('-')) throw badFile(`Fichier CAMT.053, ${where} : montant <${amtPath.join('/')}> manquant ou illisible (« ${raw} »).`);
  const ind = textOf(node, 'CdtDbtInd');
  if (ind !== 'CRDT' && ind !== 'DBIT') throw badFile(`Fichier CAMT.053, ${where} : <CdtDbtInd> doit valoir CRDT ou DBIT (« ${ind ?? ''} »).`);
  return ind === 'DBIT' ? canonical(new Dec(amount).negated()) : amount;
}

function dateOf(node: XmlValue | undefined): string | null {
  return isoDateFromCompact(textOf(node, 'Dt') ?? textOf(node, 'DtTm'));
}

function entry(ntry: XmlValue, where: string): StatementLine[] {
  // v2: <Sts>BOOK</Sts>; v8: <Sts><Cd>BOOK</Cd></Sts>. Pending and information entries are not booked.
  const status = textOf(ntry, 'Sts') ?? textOf(ntry, 'Sts', 'Cd');
  if (status !== undefined && status !== 'BOOK') return [];
  const amount = signed(ntry, where);
  const date = dateOf(child(ntry, 'BookgDt'));
  if (!date) throw badFile(`Fichier CAMT.053, ${where} : date de comptabilisation <BookgDt> manquante ou invalide.`);
  const valueDate = dateOf(child(ntry, 'ValDt'));
  const entryRef = clean(textOf(ntry, 'AcctSvcrRef'));
  const ntryRef = clean(textOf(ntry, 'NtryRef'));
  const entryInfo = clean(textOf(ntry, 'AddtlNtryInf'));
  const details = all(ntry, 'NtryDtls').flatMap((d) => all(d, 'TxDtls'));
  const base = { date, ...(valueDate ? { valueDate } : {}) };
  // NtryRef is unique within one statement only: tied to the date and amount so that another day's
  // statement reusing it is not taken for a duplicate.
  const refOf = (i: number | null, txRef: string | undefined) => {
    if (txRef) return txRef;
    const suffix = i === null ? '' : `/${i + 1}`;
    if (entryRef) return `${entryRef}${suffix}`;
    if (ntryRef) return `NtryRef:${ntryRef}:${date}:${amount}${suffix}`;
    return undefined;
  };
  if (details.length <= 1) {
    const tx = details[0];
    const info = tx ? transactionInfo(tx, amount) : {};
    const bankRef = refOf(null, tx ? clean(textOf(tx, 'Refs', 'AcctSvcrRef')) : undefined);
    return [{ ...base, amount, label: info.label ?? entryInfo ?? 'Opération', ...withoutLabel(info), ...(bankRef ? { bankRef } : {}) }];
  }
  const amounts = details.map((tx) => txAmount(tx));
  if (amounts.some((a) => a === null)) {
    // Several transactions without their own amounts: one line for the entry, their references joined.
    const remittance = details.map((tx) => transactionInfo(tx, amount).remittance).filter(Boolean).join(' ; ');
    const bankRef = refOf(null, undefined);
    return [{ ...base, amount, label: entryInfo ?? 'Opération groupée', ...(remittance ? { remittance } : {}), ...(bankRef ? { bankRef } : {}) }];
  }
  const parts = details.map((tx, i) => {
    const w = `${where}, TxDtls n° ${i + 1}`;
    const a = amounts[i]!;
    const ind = textOf(tx, 'CdtDbtInd') ?? (amount.startsWith('-') ? 'DBIT' : 'CRDT');
    if (ind !== 'CRDT' && ind !== 'DBIT') throw badFile(`Fichier CAMT.053, ${w} : <CdtDbtInd> doit valoir CRDT ou DBIT (« ${ind} »).`);
    requireEuro(a.ccy, w);
    return ind === 'DBIT' ? canonical(new Dec(a.value).negated()) : a.value;
  });
  const total = parts.reduce((acc, p) => acc.plus(p), new Dec(0));
  if (!total.equals(amount)) {
    throw badFile(`Fichier CAMT.053, ${where} : les ${details.length} transactions (TxDtls) font ${canonical(total)} et l’écriture ${amount} ; le fichier est incohérent.`);
  }
  return details.map((tx, i) => {
    const info = transactionInfo(tx, parts[i]!);
    const bankRef = refOf(i, clean(textOf(tx, 'Refs', 'AcctSvcrRef')));
    return { ...base, amount: parts[i]!, label: info.label ?? entryInfo ?? 'Opération', ...withoutLabel(info), ...(bankRef ? { bankRef } : {}) };
  });
}

/** TxDtls/Amt (.001.03 on), or AmtDtls/TxAmt/Amt (.001.02); null when neither is there. */
function txAmount(tx: XmlValue): { value: string; ccy?: string } | null {
  for (const path of [['Amt'], ['AmtDtls', 'TxAmt', 'Amt']]) {
    const amt = child(tx, ...path);
    if (amt === undefined) continue;
    const value = parseBankAmount(textOf(amt) ?? '');
    if (value === null || value.startsWith('-')) throw badFile(`Fichier CAMT.053 : montant <TxDtls/${path.join('/')}> illisible (« ${textOf(amt) ?? ''} »).`);
    const ccy = attrOf(amt, 'Ccy');
    return { value, ...(ccy ? { ccy } : {}) };
  }
  return null;
}

interface TxInfo {
  label?: string;
  remittance?: string;
  counterpartyName?: string;
  counterpartyIban?: string;
}

function withoutLabel(info: TxInfo): Omit<TxInfo, 'label'> {
  const { label: _label, ...rest } = info;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

/** Who paid (a credit) or was paid (a debit), the remittance information and a label. */
function transactionInfo(tx: XmlValue, amount: string): TxInfo {
  const credit = !amount.startsWith('-');
  const party = child(tx, 'RltdPties', credit ? 'Dbtr' : 'Cdtr');
  const name = clean(textOf(party, 'Nm') ?? textOf(party, 'Pty', 'Nm'));
  const acct = child(tx, 'RltdPties', credit ? 'DbtrAcct' : 'CdtrAcct');
  const iban = clean(textOf(acct, 'Id', 'IBAN'))?.replace(/\s/g, '');
  const unstructured = all(tx, 'RmtInf', 'Ustrd').map((u) => clean(textOf(u))).filter((u): u is string => u !== undefined);
  const structured = all(tx, 'RmtInf', 'Strd').map((s) => clean(textOf(s, 'CdtrRefInf', 'Ref'))).filter((u): u is string => u !== undefined);
  const remittance = clean([...unstructured, ...structured].join(' '));
  const label = clean(textOf(tx, 'AddtlTxInf')) ?? (name ? `${credit ? 'Virement de' : 'Paiement à'} ${name}` : undefined) ?? remittance;
  return { label, remittance, counterpartyName: name, counterpartyIban: iban };
}
