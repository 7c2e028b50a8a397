import { z } from 'zod';
import type { ChannelName } from '../channels';
import { optional, text } from './common';

/**
 * Paths never come from the interface. The CLI names them (its user's own shell); the window asks the
 * main process to open the system's dialog (`dialog.chooseFile { purpose }`) and gets back an opaque
 * token, good for one request, that it puts where the CLI puts a path. Electron's IPC and the browser
 * harness refuse any other value there (src/main/core/files/path-gate.ts).
 */
export const DIALOG_PURPOSES = ['fecFolder', 'pdf', 'backup', 'evidence', 'facturxFolder'] as const;
export type DialogPurpose = (typeof DIALOG_PURPOSES)[number];

export const DialogChooseRequest = z.strictObject({
  purpose: z.enum(DIALOG_PURPOSES, {
    error: 'Choix attendu : fecFolder (dossier du FEC), pdf (PDF à enregistrer), backup (copie du dossier) evidence (pièce justificative à joindre) ou facturxFolder (dossier des fichiers Factur-X).',
  }),
  /** The name a save dialog proposes (« Facture F2026-00001.pdf »). */
  suggestedName: optional(text(200)),
});
export type DialogChooseRequest = z.input<typeof DialogChooseRequest>;

export const DialogChooseResult = z.object({
  /** True when the dialog was closed without a choice: no token. */
  canceled: z.boolean(),
  /** What to send in the request's path field (`output`, `file`), once. */
  token: z.string().optional(),
  /** What was chosen, to show: the file or folder name, and its full path. */
  name: z.string().optional(),
  path: z.string().optional(),
});
export type DialogChooseResult = z.infer<typeof DialogChooseResult>;

/** The request fields that name a path, and the dialog that may fill each. */
export const PATH_FIELDS = {
  'export.fec': { output: 'fecFolder' },
  'backup.create': { output: 'backup' },
  'document.invoice': { output: 'pdf' },
  'document.creditNote': { output: 'pdf' },
  'document.facturxBatch': { output: 'facturxFolder' },
  'doubtful.duplicate272': { output: 'pdf' },
  'doubtful.summary272': { output: 'pdf' },
  'dunning.letter': { output: 'pdf' },
  'penalty.document': { output: 'pdf' },
  'evidence.add': { file: 'evidence' },
} as const satisfies Partial<Record<ChannelName, Record<string, DialogPurpose>>>;

/** What a token looks like: nothing a path could be mistaken for. */
export const PATH_TOKEN = /^jeton-[0-9a-f]{32}$/;
