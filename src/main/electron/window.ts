import { app, BrowserWindow, type BrowserWindowConstructorOptions, type DownloadItem, type SaveDialogOptions, type Session } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './ipc';

/** The hardening every window of the app gets; exported so a test can check each flag. */
export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

/** The save dialog a download from the app opens: the document's own name, in the user's Documents. */
export function pdfSaveDialogOptions(fileName: string, documentsDir: string): SaveDialogOptions {
  return {
    title: 'Enregistrer le PDF',
    buttonLabel: 'Enregistrer',
    defaultPath: join(documentsDir, fileName),
    filters: [{ name: 'Document PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** The same for an e-mail draft (« Préparer un e-mail »: an .eml the owner's mail program opens). */
export function emlSaveDialogOptions(fileName: string, documentsDir: string): SaveDialogOptions {
  return {
    title: 'Enregistrer le brouillon d’e-mail',
    buttonLabel: 'Enregistrer',
    defaultPath: join(documentsDir, fileName),
    filters: [{ name: 'Message électronique', extensions: ['eml'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/**
 * A download from the app's own page (« Enregistrer en PDF » in the preview: a blob: URL of the PDF drawn
 * by document.render; « Préparer un e-mail »: the .eml of mail.draft) asks where to save it, on the document's name; a download from anywhere else is
 * cancelled (the app shows no outside content: navigation and new windows are denied too).
 */
export function onWillDownload(item: Pick<DownloadItem, 'getURL' | 'getFilename' | 'cancel' | 'setSaveDialogOptions'>, documentsDir: string): void {
  if (!item.getURL().startsWith(`blob:${APP_ORIGIN}/`)) {
    item.cancel();
    return;
  }
  const name = item.getFilename();
  item.setSaveDialogOptions(/\.eml$/i.test(name) ? emlSaveDialogOptions(name, documentsDir) : pdfSaveDialogOptions(name, documentsDir));
}

const sessionsWithDownloads = new WeakSet<Session>();

/** Once per session: the save dialog for downloads (see onWillDownload). */
export function handleDownloads(session: Session): void {
  if (sessionsWithDownloads.has(session)) return;
  sessionsWithDownloads.add(session);
  session.on('will-download', (_event, item) => onWillDownload(item, app.getPath('documents')));
}

export function createMainWindow(preloadPath: string, title: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title,
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(preloadPath),
  });
  handleDownloads(win.webContents.session);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
