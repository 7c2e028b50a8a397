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

/** What an exported file is: its extension (`pdf`, `txt`) and how the messages name it (« le PDF »). */
export interface OutputKind {
  ext: string;
  noun: string;
}

/**
 * Where an exported file goes. `output` is an existing folder (the file takes its standard name there)
 * or a path ending in `.ext` in an existing folder (replaced if it exists). Anything else is a
 * VALIDATION error on `output` that says what to choose.
 */
export function resolveOutputTarget(output: string, defaultName: string, { ext, noun }: OutputKind): string {
  const path = resolve(output);
  const st = statOrNull(path);
  if (st?.isDirectory()) return join(path, safeFileName(defaultName));
  if (path.toLowerCase().endsWith(`.${ext}`)) {
    if (st && !st.isFile()) throw outputError(`« ${path} » n’est pas un fichier ordinaire : choisissez un autre nom pour ${noun}.`);
    const dir = dirname(path);
    if (!statOrNull(dir)?.isDirectory()) throw outputError(`Le dossier « ${dir} » n’existe pas : choisissez un dossier existant pour y enregistrer ${noun}.`);
    return path;
  }
  if (st) throw outputError(`« ${path} » est un fichier : indiquez un dossier, ou un nom de fichier se terminant par .${ext}.`);
  throw outputError(`Le dossier « ${path} » n’existe pas : créez-le ou choisissez un dossier existant (ou indiquez un fichier .${ext}).`);
}
