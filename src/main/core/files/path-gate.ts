import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import { PATH_FIELDS, PATH_TOKEN, type DialogChooseResult, type DialogPurpose } from '../../../shared/domain/dialog';
import { AppError, fieldError } from '../../../shared/errors';
import type { ServiceContext } from '../context';

/** Opens the door's dialog for `purpose`; the path chosen, or null when the owner closed it. */
export type PathPicker = (purpose: DialogPurpose, suggestedName: string | undefined) => Promise<string | null>;

/** Tokens not yet used that a gate keeps; past it the oldest is forgotten. */
const MAX_PENDING = 32;

/**
 * The gate of a door whose caller may not name a path (Electron's IPC, the browser harness): the path
 * fields of a request (PATH_FIELDS: `output`, `file`) take only a token the door's own dialog gave
 * (`dialog.chooseFile`), for that kind of choice, once. A raw path is refused (an evidence copy could
 * otherwise read ~/.ssh/id_rsa, an export write anywhere). The CLI has no gate: its user names paths.
 */
export class PathGate {
  private readonly pending = new Map<string, { purpose: DialogPurpose; path: string }>();

  constructor(private readonly pick: PathPicker) {}

  /** Opens the dialog; what was chosen comes back as a token for one request, with its name to show. */
  async choose(purpose: DialogPurpose, suggestedName?: string): Promise<DialogChooseResult> {
    const path = await this.pick(purpose, suggestedName);
    if (!path) return { canceled: true };
    const token = `jeton-${randomBytes(16).toString('hex')}`;
    this.pending.set(token, { purpose, path });
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    return { canceled: false, token, name: basename(path), path };
  }

  /**
   * `request` with the token of each of its path fields replaced by the path chosen, the token spent.
   * Anything else in a path field is refused, and nothing runs.
   */
  redeem<T>(channel: string, request: T): T {
    const fields: Readonly<Record<string, DialogPurpose>> | undefined = (PATH_FIELDS as Partial<Record<string, Record<string, DialogPurpose>>>)[channel];
    if (!fields || request === null || typeof request !== 'object') return request;
    const out = { ...request } as Record<string, unknown>;
    for (const [field, purpose] of Object.entries(fields)) {
      const value = out[field];
      if (value === undefined) continue;
      if (typeof value !== 'string' || !PATH_TOKEN.test(value)) {
        const message = 'Chemin refusé : la fenêtre d’Encours ne désigne pas de fichier elle-même. Choisissez-le avec le bouton « Choisir… », qui ouvre la boîte de dialogue du système.';
        throw new AppError('FORBIDDEN', message, { [field]: message });
      }
      const grant = this.pending.get(value);
      this.pending.delete(value);
      if (!grant || grant.purpose !== purpose) {
        throw fieldError(field, 'Ce choix de fichier a déjà servi ou n’est plus valable : choisissez de nouveau le fichier ou le dossier.');
      }
      out[field] = grant.path;
    }
    return out as T;
  }
}

export const dialogHandlers: Pick<Handlers<ServiceContext>, 'dialog.chooseFile'> = {
  // Needs no company file (dispatch: free). Only a door with dialogs has a gate.
  async 'dialog.chooseFile'(ctx, req) {
    if (!ctx.paths) {
      const message = 'Aucune boîte de dialogue ne s’ouvre en ligne de commande : indiquez le chemin vous-même, dans « output » (ou « file » pour une pièce justificative).';
      throw new AppError('VALIDATION', message, { purpose: message });
    }
    return ctx.paths.choose(req.purpose, req.suggestedName);
  },
};
