import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  newCompanyFile: () => void;
  openCompanyFile: () => void;
  saveCopy: () => void;
  restoreBackup: () => void;
  quit: () => void;
}

/** The French application menu. Pure data, so a test can read it without Electron. */
export function menuTemplate(actions: MenuActions, isMac: boolean): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'Fichier',
    submenu: [
      { label: 'Nouveau dossier…', accelerator: 'CmdOrCtrl+Shift+N', click: actions.newCompanyFile },
      { label: 'Ouvrir…', accelerator: 'CmdOrCtrl+O', click: actions.openCompanyFile },
      { type: 'separator' },
      { label: 'Sauvegarder une copie…', accelerator: 'CmdOrCtrl+Shift+S', click: actions.saveCopy },
      { label: 'Restaurer une sauvegarde…', click: actions.restoreBackup },
      { type: 'separator' },
      { label: 'Quitter', accelerator: 'CmdOrCtrl+Q', click: actions.quit },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Édition',
    submenu: [
      { label: 'Annuler', role: 'undo' },
      { label: 'Rétablir', role: 'redo' },
      { type: 'separator' },
      { label: 'Couper', role: 'cut' },
      { label: 'Copier', role: 'copy' },
      { label: 'Coller', role: 'paste' },
      { label: 'Tout sélectionner', role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'Affichage',
    submenu: [
      { label: 'Zoom avant', role: 'zoomIn' },
      { label: 'Zoom arrière', role: 'zoomOut' },
      { label: 'Taille réelle', role: 'resetZoom' },
      { type: 'separator' },
      { label: 'Plein écran', role: 'togglefullscreen' },
    ],
  };
  const app: MenuItemConstructorOptions[] = isMac
    ? [{ label: 'Encours', submenu: [{ label: 'À propos d’Encours', role: 'about' }, { type: 'separator' }, { label: 'Quitter Encours', role: 'quit' }] }]
    : [];
  return [...app, file, edit, view];
}
