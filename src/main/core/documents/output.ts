import { statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export function outputError(message: string): AppError {
  return new AppError('VALIDATION', message, { output: message });
}

/** Characters no file system accepts in a name (Windows' list, the strictest), replaced by a dash. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are refused in file names too
  return name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-').trim();
}

/**
 * Where a document goes. `output` is an existing folder (the document takes its standard name there) or
 * a path ending in .pdf in an existing folder (replaced if it exists). Anything else is a VALIDATION
 * error on `output` that says what to choose.
 */
export function resolvePdfTarget(output: string, defaultName: string): string {
  const path = resolve(output);
  const st = statOrNull(path);
  if (st?.isDirectory()) return join(path, safeFileName(defaultName));
  if (/\.pdf$/i.test(path)) {
    if (st && !st.isFile()) throw outputError(`« ${path} » n’est pas un fichier ordinaire : choisissez un autre nom pour le PDF.`);
    const dir = dirname(path);
    if (!statOrNull(dir)?.isDirectory()) throw outputError(`Le dossier « ${dir} » n’existe pas : choisissez un dossier existant pour y enregistrer le PDF.`);
    return path;
  }
  if (st) throw outputError(`« ${path} » est un fichier : indiquez un dossier, ou un nom de fichier se terminant par .pdf.`);
  throw outputError(`Le dossier « ${path} » n’existe pas : créez-le ou choisissez un dossier existant (ou indiquez un fichier .pdf).`);
}

/** The file system's refusals, said in French; anything else passes as it is. */
export function writeError(err: unknown, dir: string): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return outputError(`Impossible d’écrire dans « ${dir} » : vous n’avez pas les droits sur ce dossier. Choisissez-en un autre.`);
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') return outputError(`Le disque de « ${dir} » est plein : libérez de la place ou choisissez un autre dossier.`);
  return err;
}
