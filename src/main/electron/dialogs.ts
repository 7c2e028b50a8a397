import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { basename, join } from 'node:path';
import type { PathPicker } from '../core/files/path-gate';

const PDF = [{ name: 'Document PDF', extensions: ['pdf'] }];
const ENCOURS = [{ name: 'Dossier Encours', extensions: ['encours'] }];

/**
 * The system's dialogs behind `dialog.chooseFile` (files/path-gate.ts): the only way a path reaches the
 * main process from the window. The owner picks; the window gets a token, never a path it named.
 * `folder` is where the dialogs open (the company file's folder).
 */
export function electronPathPicker(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  window: () => BrowserWindow | null,
  folder: () => string,
): PathPicker {
  const open = async (options: OpenDialogOptions) => {
    const win = window();
    const res = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
    return res.canceled ? null : (res.filePaths[0] ?? null);
  };
  const save = async (options: SaveDialogOptions) => {
    const win = window();
    const res = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
    return res.canceled || !res.filePath ? null : res.filePath;
  };
  // Only a name is proposed: whatever folder the window put in it is dropped.
  const proposed = (name: string | undefined, fallback: string) => join(folder(), basename(name?.trim() || fallback));

  return (purpose, suggestedName) => {
    switch (purpose) {
      case 'fecFolder':
        return open({ title: 'Dossier où enregistrer le FEC', buttonLabel: 'Choisir ce dossier', defaultPath: folder(), properties: ['openDirectory', 'createDirectory'] });
      case 'facturxFolder':
        return open({ title: 'Dossier où enregistrer les fichiers Factur-X', buttonLabel: 'Choisir ce dossier', defaultPath: folder(), properties: ['openDirectory', 'createDirectory'] });
      case 'evidence':
        return open({ title: 'Pièce justificative à joindre', buttonLabel: 'Joindre', defaultPath: folder(), properties: ['openFile'] });
      case 'pdf':
        return save({ title: 'Enregistrer le PDF', buttonLabel: 'Enregistrer', defaultPath: proposed(suggestedName, 'document.pdf'), filters: PDF, properties: ['showOverwriteConfirmation', 'createDirectory'] });
      case 'backup':
        return save({ title: 'Enregistrer une copie du dossier', buttonLabel: 'Enregistrer la copie', defaultPath: proposed(suggestedName, 'copie.encours'), filters: ENCOURS, properties: ['showOverwriteConfirmation', 'createDirectory'] });
    }
  };
}
