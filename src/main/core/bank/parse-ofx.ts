import { badFile, clean, decodeText, isoDateFromCompact, parseBankAmount, periodOf, requireEuro, type ParsedStatement, type StatementLine } from './statement';
import { all, child, parseXml, textOf, type XmlValue } from './xml';

/**
 * OFX bank statements: 1.x (SGML: a `KEY:VALUE` header block, leaf tags left unclosed, often in
 * Windows-1252) and 2.x (XML). The SGML body is turned into XML by closing its leaf tags, checking that
 * every aggregate closes where it should (or saying at which line it does not), then both go through the
 * same XML parser. One account per file.
 */
export function parseOfx(bytes: Uint8Array): ParsedStatement {
  // The header is ASCII whatever the charset: read it as Latin-1 to find the declared charset.
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 2000));
  const sgml = /^\s*(\uFEFF|ï»¿)?OFXHEADER\s*:\s*1/i.test(head);
  let text: string;
  let xml: string;
  if (sgml) {
    const charset = /^CHARSET\s*:\s*(\S+)/im.exec(head)?.[1];
    const encoding = /^ENCODING\s*:\s*(\S+)/im.exec(head)?.[1];
    text = decodeText(bytes, encoding?.toUpperCase() === 'UTF-8' || charset?.toUpperCase() === 'NONE' ? undefined : charset);
    xml = sgmlToXml(text);
  } else {
    const declared = /<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
    text = decodeText(bytes, declared);
    xml = text;
  }
  const doc = parseXml(xml, 'Fichier OFX');
  const ofx = child(doc, 'OFX');
  if (ofx === undefined) throw badFile('Fichier OFX sans élément <OFX> : ce n’est pas un relevé OFX.');
  const statements = [
    ...all(ofx, 'BANKMSGSRSV1', 'STMTTRNRS').flatMap((t) => all(t, 'STMTRS')),
    ...all(ofx, 'CREDITCARDMSGSRSV1', 'CCSTMTTRNRS').flatMap((t) => all(t, 'CCSTMTRS')),
  ];
  if (statements.length === 0) throw badFile('Fichier OFX sans relevé (<STMTRS>) : exportez les opérations du compte, pas seulement son solde.');
  if (statements.length > 1) throw badFile(`Le fichier OFX contient ${statements.length} comptes : exportez un fichier par compte et importez-les un à un.`);
  const st = statements[0]!;
  requireEuro(textOf(st, 'CURDEF'), '<CURDEF>');
  const account = clean(textOf(st, 'BANKACCTFROM', 'ACCTID') ?? textOf(st, 'CCACCTFROM', 'ACCTID'));
  const list = child(st, 'BANKTRANLIST');
  const lines = all(list, 'STMTTRN').map((t, i) => transaction(t, i + 1));
  const ledger = child(st, 'LEDGERBAL');
  let closingBalance: string | undefined;
  if (ledger !== undefined) {
    const raw = textOf(ledger, 'BALAMT') ?? '';
    const amount = parseBankAmount(raw);
    if (amount === null) throw badFile(`Fichier OFX : solde <LEDGERBAL><BALAMT> illisible (« ${raw} »).`);
    closingBalance = amount;
  }
  const from = isoDateFromCompact(textOf(list, 'DTSTART')) ?? undefined;
  const to = isoDateFromCompact(textOf(list, 'DTEND')) ?? undefined;
  const period = from && to ? { periodFrom: from, periodTo: to } : periodOf(lines);
  return { format: 'ofx', ...(account ? { account } : {}), ...(closingBalance ? { closingBalance } : {}), ...period, lines };
}

function transaction(t: XmlValue, n: number): StatementLine {
  const where = `opération n° ${n} (<STMTTRN>${textOf(t, 'FITID') ? ` FITID ${textOf(t, 'FITID')}` : ''})`;
  // <CURRENCY>: this transaction's amounts are in another currency (refused). <ORIGCURRENCY> only says what
  // the payment was made in (a card abroad): TRNAMT is still in the account's euros.
  requireEuro(textOf(t, 'CURRENCY', 'CURSYM'), where);
  const date = isoDateFromCompact(textOf(t, 'DTPOSTED'));
  if (!date) throw badFile(`Fichier OFX, ${where} : date <DTPOSTED> manquante ou invalide (« ${textOf(t, 'DTPOSTED') ?? ''} »).`);
  const rawAmount = textOf(t, 'TRNAMT') ?? '';
  const amount = parseBankAmount(rawAmount);
  if (amount === null) throw badFile(`Fichier OFX, ${where} : montant <TRNAMT> manquant ou illisible (« ${rawAmount} »).`);
  const name = clean(textOf(t, 'NAME') ?? textOf(t, 'PAYEE', 'NAME'));
  const memo = clean(textOf(t, 'MEMO'));
  const check = clean(textOf(t, 'CHECKNUM'));
  const label = name ?? memo ?? (check ? `Chèque ${check}` : clean(textOf(t, 'TRNTYPE')) ?? 'Opération');
  const valueDate = isoDateFromCompact(textOf(t, 'DTAVAIL'));
  const fitId = clean(textOf(t, 'FITID'));
  const remittance = memo && memo !== label ? memo : undefined;
  return {
    date,
    ...(valueDate ? { valueDate } : {}),
    amount,
    label,
    ...(remittance ? { remittance } : {}),
    ...(clean(textOf(t, 'PAYEE', 'NAME')) ? { counterpartyName: clean(textOf(t, 'PAYEE', 'NAME'))! } : {}),
    ...(fitId ? { bankRef: fitId } : {}),
  };
}

const TAG = /<(\/?)([A-Za-z0-9._]+)\s*>([^<]*)/g;

/**
 * OFX 1.x body → XML. A tag followed by text is a leaf: it is closed right after its text (and a closing
 * tag the file gives anyway is kept, not doubled). A tag followed by another tag opens an aggregate, which
 * must be closed (tags left open inside it were empty leaves); one never closed, or a closing tag never
 * opened, is refused naming its line.
 */
export function sgmlToXml(text: string): string {
  const start = text.search(/<OFX>/i);
  if (start < 0) throw badFile('Fichier OFX sans balise <OFX> : le fichier est tronqué ou n’est pas un relevé OFX.');
  const body = text.slice(start);
  const lineAt = lineCounter(text, start);
  const out: string[] = [];
  const open: { tag: string; line: number; out: number }[] = [];
  let lastLeaf: string | null = null;
  let m: RegExpExecArray | null;
  let expectedAt = 0;
  TAG.lastIndex = 0;
  while ((m = TAG.exec(body)) !== null) {
    const gap = body.slice(expectedAt, m.index);
    if (gap.trim() !== '') throw badFile(`Fichier OFX mal formé, ligne ${lineAt(expectedAt)} : texte inattendu « ${gap.trim().slice(0, 40)} ».`);
    expectedAt = TAG.lastIndex;
    const closing = m[1] === '/';
    const tag = m[2]!.toUpperCase();
    const value = m[3]!.replace(/\s+$/, '');
    const line = lineAt(m.index);
    if (closing) {
      if (lastLeaf === tag) {
        lastLeaf = null;
        continue;
      }
      const at = open.map((o) => o.tag).lastIndexOf(tag);
      if (at < 0) throw badFile(`Fichier OFX mal formé, ligne ${line} : </${tag}> ferme une balise qui n’a pas été ouverte.`);
      // Tags opened since and left without text nor closing were empty leaves (<MEMO> with nothing after).
      for (const empty of open.splice(at + 1)) out[empty.out] = `<${empty.tag}></${empty.tag}>`;
      open.pop();
      out.push(`</${tag}>`);
      lastLeaf = null;
      continue;
    }
    if (value.trim() !== '') {
      out.push(`<${tag}>${escapeXml(value.trim())}</${tag}>`);
      lastLeaf = tag;
    } else {
      open.push({ tag, line, out: out.length });
      out.push(`<${tag}>`);
      lastLeaf = null;
    }
  }
  const rest = body.slice(expectedAt);
  if (rest.trim() !== '') throw badFile(`Fichier OFX mal formé, ligne ${lineAt(expectedAt)} : texte inattendu « ${rest.trim().slice(0, 40)} ».`);
  const unclosed = open.pop();
  if (unclosed) throw badFile(`Fichier OFX incomplet : <${unclosed.tag}> ouvert ligne ${unclosed.line} n’est jamais refermé (fichier tronqué ?).`);
  return out.join('\n');
}

function escapeXml(s: string): string {
  // An SGML file may already carry entities (&amp;): keep them, escape a bare ampersand.
  return s.replace(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/gi, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Offset in `text.slice(start)` → 1-based line number in `text`. */
function lineCounter(text: string, start: number): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) breaks.push(i);
  return (offset) => {
    const abs = start + offset;
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < abs) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}
