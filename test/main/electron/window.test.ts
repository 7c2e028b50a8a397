import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const windows: { options: unknown; loadURL: ReturnType<typeof vi.fn>; once: ReturnType<typeof vi.fn>; show: ReturnType<typeof vi.fn>; webContents: { session: { on: ReturnType<typeof vi.fn> } } }[] = [];
  class BrowserWindow {
    loadURL = vi.fn(async () => {});
    once = vi.fn();
    show = vi.fn();
    webContents = { session: { on: vi.fn() } };
    constructor(public options: unknown) {
      windows.push(this);
    }
  }
  return { BrowserWindow, windows };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, app: { getPath: () => '/home/claire/Documents' } }));

const { createMainWindow, secureWebPreferences } = await import('../../../src/main/electron/window');
const { menuTemplate } = await import('../../../src/main/electron/menu');

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/preload.cjs');

  it('isolates the page: contextIsolation and sandbox on, no Node integration anywhere, no webview', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('keeps web security on and refuses insecure content', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('uses the preload it is given', () => {
    expect(prefs.preload).toBe('/app/preload.cjs');
  });
});

describe('createMainWindow', () => {
  it('creates the window with the secure preferences and loads the app from app://encours', () => {
    createMainWindow('/app/preload.cjs', 'Encours — test');
    const win = electron.windows.at(-1);
    expect(win?.options).toMatchObject({ title: 'Encours — test', show: false, webPreferences: secureWebPreferences('/app/preload.cjs') });
    expect(win?.loadURL).toHaveBeenCalledWith('app://encours/index.html');
  });
});

describe('menuTemplate', () => {
  const actions = { newCompanyFile: vi.fn(), openCompanyFile: vi.fn(), saveCopy: vi.fn(), restoreBackup: vi.fn(), quit: vi.fn() };
  const labelsOf = (submenu: unknown) =>
    (submenu as { label?: string; type?: string }[]).filter((i) => i.type !== 'separator').map((i) => i.label);

  it('has a « Fichier » menu with Nouveau dossier…, Ouvrir…, Sauvegarder une copie…, Restaurer une sauvegarde… and Quitter', () => {
    const fichier = menuTemplate(actions, false).find((m) => m.label === 'Fichier');
    expect(fichier).toBeDefined();
    expect(labelsOf(fichier?.submenu)).toEqual(['Nouveau dossier…', 'Ouvrir…', 'Sauvegarder une copie…', 'Restaurer une sauvegarde…', 'Quitter']);
  });

  it('wires each Fichier item to its action', () => {
    const fichier = menuTemplate(actions, false).find((m) => m.label === 'Fichier');
    const items = (fichier?.submenu as { label?: string; click?: () => void }[]).filter((i) => i.label);
    const byLabel = Object.fromEntries(items.map((i) => [i.label, i.click]));
    expect(byLabel['Nouveau dossier…']).toBe(actions.newCompanyFile);
    expect(byLabel['Ouvrir…']).toBe(actions.openCompanyFile);
    expect(byLabel['Sauvegarder une copie…']).toBe(actions.saveCopy);
    expect(byLabel['Restaurer une sauvegarde…']).toBe(actions.restoreBackup);
    expect(byLabel['Quitter']).toBe(actions.quit);
  });

  it('speaks French in every menu, and adds the application menu first on macOS only', () => {
    expect(menuTemplate(actions, false).map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage']);
    expect(menuTemplate(actions, true).map((m) => m.label)).toEqual(['Encours', 'Fichier', 'Édition', 'Affichage']);
  });
});
