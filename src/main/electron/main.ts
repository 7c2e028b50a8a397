import type { BrowserWindow} from 'electron';
import { app, dialog, ipcMain, Menu, session } from 'electron';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { backupCompanyDb } from '../core/backup';
import type { Logger, ServiceContext } from '../core/context';
import { handlers } from '../core/service';
import { CompanyFile } from '../db/company-file';
import { APP_ORIGIN, registerIpcHandlers } from './ipc';
import { menuTemplate } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { loadSettings, saveSettings } from './settings';
import { createMainWindow } from './window';

const FILE_FILTERS = [{ name: 'Dossier Encours', extensions: ['encours'] }];

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

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
const file = new CompanyFile(settings.lastFile ?? join(app.getPath('documents'), 'Encours', 'Mon entreprise.encours'), {
  backupDir: join(userData, 'sauvegardes'),
});
const ctx: ServiceContext = { file, now: () => new Date(), log };
let mainWindow: BrowserWindow | null = null;

function useCompanyFile(path: string) {
  file.switchTo(path);
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
  const res = await dialog.showSaveDialog({ title: 'Sauvegarder une copie', buttonLabel: 'Enregistrer la copie', defaultPath: `copie-${new Date().toISOString().slice(0, 10)}.encours`, filters: FILE_FILTERS });
  if (res.canceled || !res.filePath) return;
  try {
    // The save dialog already asked before replacing an existing file.
    const path = await backupCompanyDb(file.db(), res.filePath, { overwrite: true });
    await dialog.showMessageBox({ type: 'info', message: 'Copie enregistrée', detail: path });
  } catch (err) {
    log.error('saveCopy', err);
    dialog.showErrorBox('Copie impossible', err instanceof Error ? err.message : String(err));
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
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  serveRenderer(join(__dirname, '../renderer'));
  registerIpcHandlers(ipcMain, handlers, () => ctx);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({ newCompanyFile: () => void newCompanyFile(), openCompanyFile: () => void openCompanyFile(), saveCopy: () => void saveCopy(), quit: () => app.quit() }, process.platform === 'darwin'),
    ),
  );
  mainWindow = createMainWindow(join(__dirname, 'preload.cjs'), `Encours — ${file.path}`);
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => file.close());
