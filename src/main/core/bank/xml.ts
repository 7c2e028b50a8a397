import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { badFile } from './statement';

/** A parsed XML element: text and attributes stay strings (never numbers: an amount is never a float). */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** Elements that may repeat, always read as arrays (CAMT and OFX alike). */
const REPEATED = new Set(['Stmt', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'STMTTRN', 'STMTTRNRS', 'CCSTMTTRNRS']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  textNodeName: '#text',
  isArray: (name) => REPEATED.has(name),
});

/**
 * Checks the XML is well formed (refused in French with its line and column otherwise), then parses it.
 * `what` names the file's kind in the message.
 */
export function parseXml(xml: string, what: string): XmlNode {
  let check: ReturnType<typeof XMLValidator.validate>;
  let doc: XmlNode;
  try {
    check = XMLValidator.validate(xml);
    doc = check === true ? (parser.parse(xml) as XmlNode) : {};
  } catch (err: unknown) {
    // The parser's own refusals (an entity expanding too far, a DOCTYPE it will not read): a bad file, not an incident.
    throw badFile(`${what} illisible : sa structure XML n’a pas pu être lue${/entit/i.test(String(err)) ? ' (il déclare des entités XML, ce que ne fait pas un relevé de banque)' : ''}. Téléchargez à nouveau le relevé depuis votre banque.`);
  }
  if (check !== true) {
    const { line, col, msg } = check.err;
    const closing = unclosedAtEnd(msg);
    if (closing) throw badFile(`${what} incomplet : ${closing}. Téléchargez à nouveau le relevé depuis votre banque.`);
    throw badFile(`${what} mal formé, ligne ${line} (colonne ${col}) : ${frenchXmlError(msg)}. Téléchargez à nouveau le relevé depuis votre banque.`);
  }
  return doc;
}

/** A file cut short: the validator lists the elements left open (and says line 1, column 1). */
function unclosedAtEnd(msg: string): string | null {
  const open = /^Invalid '\[([\s\S]*)\]' found/.exec(msg);
  if (!open) return null;
  const tags = [...open[1]!.matchAll(/"([^"]+)"/g)].map((m) => `<${m[1]}>`);
  return tags.length > 0 ? `le fichier s’arrête avant d’avoir refermé ${tags.join(', ')} (fichier tronqué ?)` : null;
}

function frenchXmlError(msg: string): string {
  const closing = /Expected closing tag '([^']+)' \(opened in line (\d+)/.exec(msg);
  if (closing) return `la balise <${closing[1]}> ouverte ligne ${closing[2]} n’est pas refermée à cet endroit`;
  const unclosed = /Unclosed tag '([^']+)'/.exec(msg);
  if (unclosed) return `la balise <${unclosed[1]}> n’est jamais refermée`;
  const unpaired = /Closing tag '([^']+)' has not been opened/.exec(msg);
  if (unpaired) return `la balise </${unpaired[1]}> ferme une balise qui n’a pas été ouverte`;
  const attribute = /attribute '([^']+)'/i.exec(msg);
  if (attribute) return `l’attribut « ${attribute[1]} » est mal écrit`;
  // Other messages of the validator are English and technical: the line and column say where to look.
  return 'le texte n’est pas du XML bien formé à cet endroit';
}

/** A child element, or undefined. */
export function child(node: XmlValue | undefined, ...path: string[]): XmlValue | undefined {
  let cur: XmlValue | undefined = node;
  for (const key of path) {
    if (cur === undefined || typeof cur === 'string' || Array.isArray(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** An element's text (its #text when it carries attributes), or undefined. */
export function textOf(node: XmlValue | undefined, ...path: string[]): string | undefined {
  const v = child(node, ...path);
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return textOf(v[0]);
  const t = v['#text'];
  return typeof t === 'string' ? t : undefined;
}

/** An attribute of an element. */
export function attrOf(node: XmlValue | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  const v = node[`@${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** The element as an array (absent → []). */
export function all(node: XmlValue | undefined, ...path: string[]): XmlValue[] {
  const v = child(node, ...path);
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}
