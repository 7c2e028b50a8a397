import type { BrowserWindow} from 'electron';
import { app, dialog, ipcMain, Menu, safeStorage, session, utilityProcess } from 'electron';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { backupCompanyDb, restoreBackupCopy, restoredFileName, rotateBackups, sessionHasWrites } from '../core/backup';
import { clockFromEnv, serviceContext, type Logger } from '../core/context';
import { PathGate } from '../core/files/path-gate';
import { witnessDirIn } from '../core/ledger/witness';
import { handlers } from '../core/service';
import { CompanyFile } from '../db/company-file';
import { electronPathPicker } from './dialogs';
import { APP_ORIGIN, registerIpcHandlers } from './ipc';
import { safeStorageKeychain } from './keychain';
import { safeStorageMailSecrets } from './mail-secrets';
import { menuTemplate } from './menu';
import { utilityPdfDrawer } from './pdf-process';
import { registerAppScheme, serveRenderer } from './protocol';
import { loadSettings, saveSettings } from './settings';
import { createMainWindow } from './window';

const FILE_FILTERS = [{ name: 'Dossier Encours', extensions: ['encours'] }];

registerAppScheme();
// Another Encours already runs with its file open: this one quits before doing anything (no log, no
// window, no automatic backup of a file the other is writing).
if (app.requestSingleInstanceLock()) start();
else app.quit();

/** The app, once it knows it is the only instance. */
function start() {

  const userData = app.getPath('userData');
  const logDir = join(userData, 'journaux');
  mkdirSync(logDir, { recursive: true });
  // The main-process log: INTERNAL incidents keep their stack here, never in the renderer.
  const log: Logger = {
    info: (m) => appendFileSync(join(logDir, 'encours.log'), `${new Date().toISOString()} ${m}\n`),
    error: (m, err) =>
      appendFileSync(join(logDir, 'encours.log'), `${new Date().toISOString()} ERREUR ${m}\n${err instanceof Error ? err.stack : String(err ?? '')}\n`),
  };

  const settings = loadSettings(userData);
  // An encrypted file's passphrase is asked by the window (company.unlock, when a channel answers
  // DB_LOCKED), or recalled from the OS keychain if the owner asked to be remembered on this computer.
  const file = new CompanyFile(settings.lastFile ?? join(app.getPath('documents'), 'Encours', 'Mon entreprise.encours'), {
    backupDir: join(userData, 'sauvegardes'),
    keychain: safeStorageKeychain(safeStorage, userData),
    // The head of each file's hash chain, kept outside the file: entries deleted or a chain recomputed show.
    witnessDir: witnessDirIn(userData),
  });
  // One clock for the whole app; ENCOURS_TODAY pins it (an invalid value is logged and ignored).
  const pinned = clockFromEnv(process.env.ENCOURS_TODAY);
  if (typeof pinned === 'string') log.error(pinned);
  // Documents are drawn in a utility process of their own, with a time and memory budget (pdf-process.ts).
  const drawPdf = utilityPdfDrawer((...args) => utilityProcess.fork(...args), join(__dirname, 'pdf-worker.cjs'), log);
  let mainWindow: BrowserWindow | null = null;
  // The window names no path: a path field takes only a token of the dialog main opens (path-gate.ts).
  const paths = new PathGate(electronPathPicker(dialog, () => mainWindow, () => dirname(file.path)));
  // The SMTP password is sealed by the OS keychain in the data folder, never written in the company file.
  const mailSecrets = safeStorageMailSecrets(safeStorage, userData);
  const ctx = serviceContext({ file, now: typeof pinned === 'string' ? () => new Date() : pinned, log, drawPdf, paths, mailSecrets });

  /**
   * The automatic copy of the file being left (quit, switch of file), rotated in the backups folder; only
   * when this session wrote to it. Never stands in the way of quitting: a failure is logged.
   */
  function automaticBackup() {
    if (!file.isOpen) return;
    try {
      const db = file.db();
      if (sessionHasWrites(db)) rotateBackups(db, file.path, file.backupDir, ctx.now());
    } catch (err) {
      log.error('sauvegarde automatique', err);
    }
  }

  /** `hint`: a passphrase to try first (a restored copy of the open encrypted file has the same). */
  function useCompanyFile(path: string, hint?: string) {
    automaticBackup();
    file.switchTo(path, hint);
    saveSettings(userData, { ...settings, lastFile: path });
    mainWindow?.setTitle(`Encours — ${path}`);
    mainWindow?.webContents.reload();
  }

  async function newCompanyFile() {
    const res = await dialog.showSaveDialog({ title: 'Nouveau dossier', buttonLabel: 'Créer', defaultPath: 'Mon entreprise.encours', filters: FILE_FILTERS });
    if (!res.canceled && res.filePath) useCompanyFile(res.filePath.endsWith('.encours') ? res.filePath : `${res.filePath}.encours`);
  }

  async function openCompanyFile() {
    const res = await dialog.showOpenDialog({ title: 'Ouvrir un dossier', buttonLabel: 'Ouvrir', properties: ['openFile'], filters: FILE_FILTERS });
    const path = res.filePaths[0];
    if (!res.canceled && path) useCompanyFile(path);
  }

  async function saveCopy() {
    const res = await dialog.showSaveDialog({
      title: 'Sauvegarder une copie',
      buttonLabel: 'Enregistrer la copie',
      defaultPath: `copie-${ctx.today()}.encours`,
      filters: FILE_FILTERS,
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    if (res.canceled || !res.filePath) return;
    try {
      // The save dialog already asked before replacing an existing file.
      const path = await backupCompanyDb(file.db(), res.filePath, { overwrite: true, now: ctx.now() });
      await dialog.showMessageBox({ type: 'info', message: 'Copie enregistrée', detail: path });
    } catch (err) {
      log.error('saveCopy', err);
      dialog.showErrorBox('Copie impossible', err instanceof Error ? err.message : String(err));
    }
  }

  /**
   * Fichier › Restaurer une sauvegarde… : pick a copy in the backups folder, choose where the restored
   * file goes (never over the open file; the save dialog asks before replacing another one), copy it there
   * and switch to it. The backup itself stays as it is.
   */
  async function restoreBackup() {
    const pick = await dialog.showOpenDialog({
      title: 'Restaurer une sauvegarde',
      buttonLabel: 'Restaurer…',
      defaultPath: file.backupDir,
      properties: ['openFile'],
      filters: [{ name: 'Sauvegardes Encours', extensions: ['encours', 'bak'] }],
    });
    const source = pick.filePaths[0];
    if (pick.canceled || !source) return;
    const save = await dialog.showSaveDialog({
      title: 'Enregistrer le dossier restauré',
      buttonLabel: 'Restaurer ici',
      defaultPath: join(dirname(file.path), restoredFileName(source)),
      filters: FILE_FILTERS,
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    if (save.canceled || !save.filePath) return;
    let target = save.filePath;
    if (!target.endsWith('.encours')) {
      target = `${target}.encours`;
      // The dialog asked about the name without the extension: ask again for the one written.
      if (existsSync(target)) {
        const answer = await dialog.showMessageBox({ type: 'warning', message: `« ${target} » existe déjà. Le remplacer ?`, buttons: ['Annuler', 'Remplacer'], defaultId: 0, cancelId: 0 });
        if (answer.response !== 1) return;
      }
    }
    try {
      // An encrypted backup is copied as it is: opened with the open file's passphrase if it is the same,
      // else the window asks for the one it had.
      useCompanyFile(restoreBackupCopy(source, target, file.path, undefined, file.passphraseHint), file.passphraseHint);
    } catch (err) {
      log.error('restoreBackup', err);
      dialog.showErrorBox('Restauration impossible', err instanceof Error ? err.message : String(err));
    }
  }

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  void app.whenReady().then(() => {
    // No camera, microphone, notification, clipboard or any other permission: none is ever asked or granted.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    serveRenderer(join(__dirname, '../renderer'));
    registerIpcHandlers(ipcMain, handlers, () => ctx);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          {
            newCompanyFile: () => void newCompanyFile(),
            openCompanyFile: () => void openCompanyFile(),
            saveCopy: () => void saveCopy(),
            restoreBackup: () => void restoreBackup(),
            quit: () => app.quit(),
          },
          process.platform === 'darwin',
        ),
      ),
    );
    mainWindow = createMainWindow(join(__dirname, 'preload.cjs'), `Encours — ${file.path}`);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    automaticBackup();
    file.close();
  });
}
