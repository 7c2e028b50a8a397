import { foldForSearch } from '../../shared/text';

export { foldForSearch };

/** A LIKE pattern matching `term` anywhere, with LIKE's wildcards escaped (use with ESCAPE '\'). */
export function containsPattern(term: string): string {
  return `%${foldForSearch(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A search as an amount in euros (« 1 234,56 € » → "1234.56"), to compare with printf('%d.%02d', cents…). */
export function typedAmount(term: string): string {
  return term.replace(',', '.').replace(/[\s\u00a0\u202f€]/g, '');
}
