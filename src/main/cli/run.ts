import { resolve } from 'node:path';
import { z } from 'zod';
import { contract, isChannelName, type ChannelName } from '../../shared/contract';
import { CompanyFile } from '../db/company-file';
import { clockFromEnv, consoleLogger, dataDirFromEnv, serviceContext, silentLogger } from '../core/context';
import { witnessDirIn } from '../core/ledger/witness';
import { dispatch } from '../core/dispatch';
import { handlers } from '../core/service';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
}

const USAGE = `Encours — ligne de commande (mêmes opérations que l’application)

Utilisation :
  npm run --silent cli -- --file <dossier.encours> <opération> ['<json>']
  npm run --silent cli -- --help
  npm run --silent cli -- <opération> --help

Le résultat s’affiche en JSON sur la sortie standard (code 0). Une erreur métier s’affiche en JSON sur la
sortie d’erreur (code 1) ; une erreur d’utilisation ou interne donne le code 2.
Montants : chaînes décimales ("1200.00"). Dates : "AAAA-MM-JJ".

Options : --data-dir <dossier> : dossier de données où l’empreinte de chaque dossier est gardée hors du
fichier (par défaut ENCOURS_DATA_DIR, sinon $XDG_DATA_HOME/encours ou ~/.local/share/encours).

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
  dataDir?: string;
  help: boolean;
  positional: string[];
}

function parseArgs(argv: string[]): Parsed | string {
  const out: Parsed = { help: false, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') out.help = true;
    else if (arg === '--file' || arg === '-f') {
      const value = argv[++i];
      if (!value) return 'L’option --file attend le chemin d’un dossier .encours.';
      out.file = value;
    } else if (arg.startsWith('--file=')) out.file = arg.slice('--file='.length);
    else if (arg === '--data-dir') {
      const value = argv[++i];
      if (!value) return 'L’option --data-dir attend le chemin d’un dossier de données.';
      out.dataDir = value;
    } else if (arg.startsWith('--data-dir=')) out.dataDir = arg.slice('--data-dir='.length);
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
    try {
      payload = JSON.parse(json);
    } catch {
      return usageError('La demande n’est pas un JSON valide. Exemple : \'{"name":"Dupont"}\'.');
    }
  }
  const now = clockFromEnv(io.env.ENCOURS_TODAY);
  if (typeof now === 'string') return usageError(now);

  const dataDir = args.dataDir ?? dataDirFromEnv(io.env);
  const file = new CompanyFile(resolve(args.file), { witnessDir: dataDir ? witnessDirIn(resolve(dataDir)) : undefined });
  const ctx = serviceContext({ file, now, log: io.env.ENCOURS_DEBUG ? consoleLogger : silentLogger });
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
