import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { repoRoot } from '../../helpers/repo';

/** Where the documents tests leave their PDFs and PNGs to look at (test-results/ is gitignored). */
export const DOCUMENTS_OUT = join(repoRoot, 'test-results', 'documents');

/**
 * Fails (never skips) when poppler-utils is missing: the documents tests read the PDFs back with it.
 * CI installs it (.ci/run); on a developer machine: apt-get install poppler-utils.
 */
export function requirePoppler(): void {
  for (const tool of ['pdftotext', 'pdftoppm', 'pdfinfo', 'pdffonts']) {
    const res = spawnSync(tool, ['-v'], { encoding: 'utf8' });
    if (res.error) {
      throw new Error(`${tool} est introuvable : les tests des documents lisent les PDF avec poppler-utils (apt-get install poppler-utils).`);
    }
  }
}

function run(tool: string, args: string[]): string {
  const res = spawnSync(tool, args, { encoding: 'utf8' });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`${tool} ${args.join(' ')} : ${res.stderr}`);
  return res.stdout;
}

/** The text of a PDF as `pdftotext -layout` reads it (what a customer's software would extract). */
export function pdfText(path: string): string {
  return run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']);
}

/** One page's text. */
export function pdfPageText(path: string, page: number): string {
  return run('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), path, '-']);
}

export function pdfPages(path: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(run('pdfinfo', [path]));
  return Number(m?.[1] ?? 0);
}

/** The fonts of a PDF: name, embedded (yes/no), as pdffonts lists them. */
export function pdfFonts(path: string): { name: string; embedded: boolean }[] {
  return run('pdffonts', [path])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type… encoding emb sub uni object ID: "emb" is the 5th column from the end.
      return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' };
    });
}

/**
 * Keeps a copy of the PDF and renders pages to PNG (80 dpi) under test-results/documents, to be looked
 * at; returns the PNG paths.
 */
export function keepForReview(path: string, name: string, pages: number[] = [1]): string[] {
  mkdirSync(DOCUMENTS_OUT, { recursive: true });
  copyFileSync(path, join(DOCUMENTS_OUT, `${name}.pdf`));
  return pages.map((page) => {
    const prefix = join(DOCUMENTS_OUT, `${name}-page${page}`);
    run('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', path, prefix]);
    return `${prefix}.png`;
  });
}

/**
 * The text as one line of single spaces, so a wrapped paragraph reads as written: pdftotext prints
 * U+202F and U+00A0 as plain spaces, pads columns with runs of them, breaks lines where the PDF wraps,
 * and sometimes glues the no-break space of « 5 % » away.
 */
export function squash(text: string): string {
  return text.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/\s+/g, ' ').replace(/(\d)%/g, '$1 %');
}

/**
 * The Unicode code points the PDF's fonts map back to (their ToUnicode CMaps), each with the glyph id it
 * maps from. pdftotext turns U+202F and U+00A0 into plain spaces, so this is how a test proves the narrow
 * no-break space of « 1 234,56 € » is in the file with a real glyph (not .notdef, glyph 0).
 */
export function pdfUnicodeGlyphs(path: string): Map<number, number> {
  const data = readFileSync(path);
  const out = new Map<number, number>();
  const latin = data.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(latin))) {
    const start = m.index + m[0].length;
    const end = latin.indexOf('endstream', start);
    if (end < 0) break;
    let text: string;
    try {
      text = inflateSync(data.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const pair of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F ]+)>/g)) out.set(parseInt((pair[2] ?? '').trim().slice(0, 4), 16), parseInt(pair[1] ?? '', 16));
    }
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const r of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
        const first = parseInt(r[1] ?? '', 16);
        // An entry may be several code points (a ligature: <0066 0069>); the first one is kept.
        [...(r[3] ?? '').matchAll(/<([0-9a-fA-F ]+)>/g)].forEach((u, i) => out.set(parseInt((u[1] ?? '').trim().slice(0, 4), 16), first + i));
      }
    }
  }
  return out;
}
