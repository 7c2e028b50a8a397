/**
 * What no text of the app may carry, whatever the field: half of a UTF-16 surrogate pair (SQLite would
 * store invalid UTF-8 and read back U+FFFD, so a hashed label could never verify again), NUL and the
 * other control characters (tabs and line breaks aside), and the bidirectional overrides and isolates
 * (U+202A–202E, U+2066–2069) that make a name display as something else than what it says.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/;
/** Spaces, and the characters that draw nothing (zero-width, joiners, word joiner, BOM, soft hyphen…). */
const INVISIBLE = /[\s\p{Cf}\p{Zs}\u115F\u1160\u3164\uFFA0]/gu;

/** The French reason a text is refused, or null when it is fine. */
export function textFault(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return 'Texte mal encodé (caractère incomplet) : retapez-le.';
  if (CONTROL.test(value)) return 'Caractère de contrôle interdit (par exemple un caractère nul) : retirez-le.';
  if (BIDI_OVERRIDE.test(value)) return 'Caractère d’inversion du sens d’écriture interdit : il ferait lire autre chose que ce qui est écrit.';
  return null;
}

/**
 * The character that makes a spreadsheet run a cell as a formula (`=`, `+`, `-`, `@` first, blanks
 * before it ignored: « CSV injection »), or null. Imported names and numbers refuse it (domain/import.ts);
 * a phone number or an amount, where a sign is legitimate, is not a name.
 */
export function formulaStart(value: string): string | null {
  return /^\s*([=+\-@])/.exec(value)?.[1] ?? null;
}

/** True when the text shows nothing at all: only spaces or invisible characters. */
export function isInvisible(value: string): boolean {
  return value.replace(INVISIBLE, '') === '';
}

/** The first `max` characters (code points, never half of one) of a text. */
export function firstCodePoints(value: string, max: number): string {
  let out = '';
  let n = 0;
  for (const ch of value) {
    if (n++ === max) break;
    out += ch;
  }
  return out;
}

/**
 * The first string anywhere in a request (keys included) that no channel may receive: ill-formed UTF-16 or
 * a NUL. Said with its path ("lines.2.description"), for a VALIDATION refusal before any schema runs.
 */
export function unsafeStringIn(value: unknown, path: (string | number)[] = []): { path: string; reason: string } | null {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) return { path: path.join('.'), reason: 'Texte mal encodé (caractère incomplet) : retapez-le.' };
    if (value.includes('\u0000')) return { path: path.join('.'), reason: 'Caractère nul interdit : retirez-le.' };
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeStringIn(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = unsafeStringIn(k, path) ?? unsafeStringIn(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/** Lower-case, accents removed: "Société Générale" and "societe generale" find each other. */
export function foldForSearch(value: string): string {
  return value.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
