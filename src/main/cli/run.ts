import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { contract, isChannelName, type ChannelName } from '../../shared/contract';
import { BANK_FILE_MAX_BYTES } from '../../shared/domain/bank';
import { CompanyFile } from '../db/company-file';
import { readPassphraseFile } from '../db/encryption';
import { clockFromEnv, consoleLogger, dataDirFromEnv, serviceContext, silentLogger } from '../core/context';
import { environmentMailSecrets } from '../core/mail/secrets';
import { witnessDirIn } from '../core/ledger/witness';
import { dispatch } from '../core/dispatch';
import { handlers } from '../core/service';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  /** Standard input, read whole (the request `-`). */
  stdin?: () => Promise<string>;
}

/** The most a request read from standard input or a file may weigh (a 20 Mo statement is 26,7 Mo of base64). */
export const REQUEST_MAX_BYTES = 40_000_000;

const USAGE = `Encours — ligne de commande (mêmes opérations que l’application)

Utilisation :
  npm run --silent cli -- --file <dossier.encours> <opération> ['<json>']
  npm run --silent cli -- --help
  npm run --silent cli -- <opération> --help

Le résultat s’affiche en JSON sur la sortie standard (code 0). Une erreur métier s’affiche en JSON sur la
sortie d’erreur (code 1) ; une erreur d’utilisation ou interne donne le code 2.
Montants : chaînes décimales ("1200.00"). Dates : "AAAA-MM-JJ".

Dossier chiffré : --passphrase-file <fichier> donne sa phrase de passe (le contenu du fichier, sans le
retour à la ligne final) ; company.encryption.set lit la nouvelle dans --new-passphrase-file <fichier>
(ou '{"passphrase":null}' pour la retirer). Jamais sur la ligne de commande : elle y serait visible
des autres programmes.

Options : --data-dir <dossier> : dossier de données où l’empreinte de chaque dossier est gardée hors du
fichier (par défaut ENCOURS_DATA_DIR, sinon $XDG_DATA_HOME/encours ou ~/.local/share/encours).

Demande trop longue pour la ligne de commande (au-delà de 128 Kio) : « - » la lit sur l'entrée standard,
« @demande.json » dans un fichier (40 Mo au plus), par exemple :
  npm run --silent cli -- --file demo.encours bank.match @demande.json
  cat demande.json | npm run --silent cli -- --file demo.encours bank.match -

Relevé bancaire : bank.import et bank.csvGuess lisent le fichier de la banque dans --content-file <fichier>
(envoyé en base64 ; son nom sert de fileName s’il n’est pas donné).

Variables : ENCOURS_TODAY=AAAA-MM-JJ fixe la date du jour (tests, reprise d’historique) ;
ENCOURS_DATA_DIR=<dossier> : le dossier de données ; ENCOURS_DEBUG=1 affiche le détail des erreurs internes.
`;

function listChannels(): string {
  const names = Object.keys(contract) as ChannelName[];
  const width = Math.max(...names.map((n) => n.length));
  return names.map((n) => `  ${n.padEnd(width)}  ${contract[n].summary}`).join('\n');
}

interface Parsed {
  file?: string;
  passphraseFile?: string;
  newPassphraseFile?: string;
  dataDir?: string;
  contentFile?: string;
  help: boolean;
  positional: string[];
}

const PATH_OPTIONS = {
  '--file': { key: 'file', missing: 'L’option --file attend le chemin d’un dossier .encours.' },
  '--passphrase-file': { key: 'passphraseFile', missing: 'L’option --passphrase-file attend le chemin du fichier qui contient la phrase de passe.' },
  '--new-passphrase-file': { key: 'newPassphraseFile', missing: 'L’option --new-passphrase-file attend le chemin du fichier qui contient la nouvelle phrase de passe.' },
  '--data-dir': { key: 'dataDir', missing: 'L’option --data-dir attend le chemin d’un dossier de données.' },
  '--content-file': { key: 'contentFile', missing: 'L’option --content-file attend le chemin du relevé bancaire à lire.' },
} as const;

/** The channels that take a file's bytes as contentBase64 (a bank statement). */
const CONTENT_CHANNELS: readonly ChannelName[] = ['bank.import', 'bank.csvGuess'];

/** A statement file → its base64 and name, or the French reason it cannot be read. */
function readContentFile(path: string): { contentBase64: string; fileName: string } | { error: string } {
  try {
    if (statSync(path).size > BANK_FILE_MAX_BYTES) return { error: `${path} : fichier trop volumineux (20 Mo au plus).` };
    return { contentBase64: readFileSync(path).toString('base64'), fileName: basename(path) };
  } catch {
    return { error: `impossible de lire ${path} (fichier introuvable ou illisible).` };
  }
}

/** The request's text: the argument itself, standard input (`-`) or a file (`@chemin`); or why it cannot be read. */
async function requestText(arg: string, io: CliIo): Promise<string | { error: string }> {
  if (arg === '-') {
    if (!io.stdin) return { error: 'L’entrée standard n’est pas disponible ici.' };
    const text = await io.stdin();
    if (Buffer.byteLength(text) > REQUEST_MAX_BYTES) return { error: 'Demande lue sur l’entrée standard trop volumineuse (40 Mo au plus).' };
    if (text.trim() === '') return { error: 'L’entrée standard est vide : la demande JSON y est attendue.' };
    return text;
  }
  if (arg.startsWith('@')) {
    const path = arg.slice(1);
    if (!path) return { error: 'Indiquez le fichier de la demande après @ (ex. @demande.json).' };
    try {
      if (statSync(path).size > REQUEST_MAX_BYTES) return { error: `${path} : demande trop volumineuse (40 Mo au plus).` };
      return readFileSync(path, 'utf8');
    } catch {
      return { error: `Impossible de lire la demande dans ${path} (fichier introuvable ou illisible).` };
    }
  }
  return arg;
}

const PASSPHRASE_ON_COMMAND_LINE =
  'La phrase de passe ne se donne pas sur la ligne de commande (les autres programmes de l’ordinateur la verraient) : écrivez-la dans un fichier lisible de vous seul et indiquez --passphrase-file <fichier> (--new-passphrase-file pour company.encryption.set).';

function parseArgs(argv: string[]): Parsed | string {
  const out: Parsed = { help: false, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg === '-f' ? '--file' : arg, undefined];
    if (arg === '--help' || arg === '-h') out.help = true;
    else if (name in PATH_OPTIONS) {
      const option = PATH_OPTIONS[name as keyof typeof PATH_OPTIONS];
      const value = inline ?? argv[++i];
      if (!value) return option.missing;
      out[option.key] = value;
    } else if (/^--(new-)?passphrase$/.test(name) || /^--(new-)?(password|mot-de-passe|key)$/.test(name)) return PASSPHRASE_ON_COMMAND_LINE;
    else if (arg.startsWith('-') && arg.length > 1 && !arg.startsWith('{')) return `Option inconnue : ${arg}`;
    else out.positional.push(arg);
  }
  return out;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const usageError = (message: string) => {
    io.stderr(`${message}\n\n${USAGE}`);
    return 2;
  };
  const args = parseArgs(argv);
  if (typeof args === 'string') return usageError(args);
  const [channel, json, ...extra] = args.positional;

  if (!channel) {
    if (args.help) {
      io.stdout(`${USAGE}\nOpérations :\n${listChannels()}\n`);
      return 0;
    }
    return usageError('Indiquez une opération.');
  }
  if (!isChannelName(channel)) return usageError(`Opération inconnue : « ${channel} ».\n\nOpérations :\n${listChannels()}`);
  if (args.help) {
    const schema = z.toJSONSchema(contract[channel].request, { io: 'input', unrepresentable: 'any' });
    io.stdout(`${channel} — ${contract[channel].summary}\n\nDemande (JSON Schema) :\n${JSON.stringify(schema, null, 2)}\n`);
    return 0;
  }
  if (extra.length > 0) return usageError('Trop d’arguments : la demande est un seul objet JSON, entre apostrophes.');
  if (!args.file) return usageError('Indiquez le dossier avec --file <dossier.encours>.');

  let payload: unknown = {};
  if (json !== undefined) {
    const text = await requestText(json, io);
    if (typeof text !== 'string') return usageError(text.error);
    try {
      payload = JSON.parse(text);
    } catch {
      return usageError(json === '-' || json.startsWith('@') ? `La demande lue ${json === '-' ? 'sur l’entrée standard' : `dans ${json.slice(1)}`} n’est pas un JSON valide.` : 'La demande n’est pas un JSON valide. Exemple : \'{"name":"Dupont"}\'.');
    }
  }
  if (typeof (payload as { passphrase?: unknown } | null)?.passphrase === 'string') return usageError(PASSPHRASE_ON_COMMAND_LINE);
  const now = clockFromEnv(io.env.ENCOURS_TODAY);
  if (typeof now === 'string') return usageError(now);

  let passphrase: string | undefined;
  if (args.passphraseFile) {
    const read = readPassphraseFile(args.passphraseFile);
    if ('error' in read) return usageError(`--passphrase-file : ${read.error}`);
    passphrase = read.passphrase;
  }
  if (args.newPassphraseFile) {
    if (channel !== 'company.encryption.set') return usageError('--new-passphrase-file ne sert qu’à company.encryption.set.');
    const read = readPassphraseFile(args.newPassphraseFile);
    if ('error' in read) return usageError(`--new-passphrase-file : ${read.error}`);
    payload = { ...(payload as object), passphrase: read.passphrase, confirmation: read.passphrase };
  }

  if (args.contentFile) {
    if (!CONTENT_CHANNELS.includes(channel)) return usageError(`--content-file ne sert qu’à ${CONTENT_CHANNELS.join(' et ')}.`);
    const read = readContentFile(args.contentFile);
    if ('error' in read) return usageError(`--content-file : ${read.error}`);
    const given = payload as { fileName?: unknown };
    payload = channel === 'bank.import' ? { fileName: read.fileName, ...given, contentBase64: read.contentBase64 } : { ...given, contentBase64: read.contentBase64 };
  }

  const dataDir = args.dataDir ?? dataDirFromEnv(io.env);
  const file = new CompanyFile(resolve(args.file), {
    ...(passphrase !== undefined && { passphrase }),
    witnessDir: dataDir ? witnessDirIn(resolve(dataDir)) : undefined,
  });
  // The SMTP password: ENCOURS_SMTP_PASSWORD (or the file ENCOURS_SMTP_PASSWORD_FILE), never the request.
  const ctx = serviceContext({ file, now, log: io.env.ENCOURS_DEBUG ? consoleLogger : silentLogger, mailSecrets: environmentMailSecrets(io.env) });
  try {
    const result = await dispatch(handlers, ctx, channel, payload);
    if (result.ok) {
      io.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
      return 0;
    }
    io.stderr(`${JSON.stringify({ error: result.error }, null, 2)}\n`);
    return result.error.code === 'INTERNAL' ? 2 : 1;
  } finally {
    file.close();
  }
}
