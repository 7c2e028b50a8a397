import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const windows: { webContents: { session: { on: ReturnType<typeof vi.fn> } } }[] = [];
  const session = { on: vi.fn() };
  class BrowserWindow {
    loadURL = vi.fn(async () => {});
    once = vi.fn();
    show = vi.fn();
    webContents = { session };
    constructor(public options: unknown) {
      windows.push(this);
    }
  }
  return { BrowserWindow, windows, session, getPath: vi.fn(() => '/home/claire/Documents') };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, app: { getPath: electron.getPath } }));

const { createMainWindow, emlSaveDialogOptions, onWillDownload, pdfSaveDialogOptions } = await import('../../../src/main/electron/window');

type FakeItem = ReturnType<typeof item>;

function item(url: string, fileName = 'Facture F2026-00001.pdf') {
  return { getURL: () => url, getFilename: () => fileName, cancel: vi.fn(), setSaveDialogOptions: vi.fn() };
}

describe('downloads: « Enregistrer en PDF » in the preview', () => {
  it('asks where to save a PDF the app offers (a blob: of app://encours), on its own name, in Documents', () => {
    const download = item('blob:app://encours/4f1c2a9e-1111-4c4c-9d9d-123456789abc');
    onWillDownload(download, '/home/claire/Documents');
    expect(download.cancel).not.toHaveBeenCalled();
    expect(download.setSaveDialogOptions).toHaveBeenCalledWith(pdfSaveDialogOptions('Facture F2026-00001.pdf', '/home/claire/Documents'));
    const options = download.setSaveDialogOptions.mock.calls[0]?.[0] as Electron.SaveDialogOptions;
    expect(options.defaultPath).toBe('/home/claire/Documents/Facture F2026-00001.pdf');
    expect(options.title).toBe('Enregistrer le PDF');
    expect(options.filters).toEqual([{ name: 'Document PDF', extensions: ['pdf'] }]);
  });

  it('asks where to save an e-mail draft (« Préparer un e-mail »), as a message, on its own name', () => {
    const download = item('blob:app://encours/5e2d3b0f-2222-4c4c-9d9d-123456789abc', 'Facture F2026-00001.eml');
    onWillDownload(download, '/home/claire/Documents');
    expect(download.cancel).not.toHaveBeenCalled();
    expect(download.setSaveDialogOptions).toHaveBeenCalledWith(emlSaveDialogOptions('Facture F2026-00001.eml', '/home/claire/Documents'));
    const options = download.setSaveDialogOptions.mock.calls[0]?.[0] as Electron.SaveDialogOptions;
    expect(options.defaultPath).toBe('/home/claire/Documents/Facture F2026-00001.eml');
    expect(options.filters).toEqual([{ name: 'Message électronique', extensions: ['eml'] }]);
  });

  it('cancels any download that does not come from the app itself', () => {
    for (const url of ['https://exemple.fr/facture.pdf', 'blob:https://exemple.fr/abc', 'file:///etc/passwd', 'blob:app://autre/abc']) {
      const download = item(url);
      onWillDownload(download, '/home/claire/Documents');
      expect(download.cancel).toHaveBeenCalledOnce();
      expect(download.setSaveDialogOptions).not.toHaveBeenCalled();
    }
  });

  it('is wired on the main window’s session once, even if the window is created again', () => {
    createMainWindow('/app/preload.cjs', 'Encours');
    createMainWindow('/app/preload.cjs', 'Encours');
    const calls = electron.session.on.mock.calls.filter(([event]) => event === 'will-download');
    expect(calls).toHaveLength(1);
    const listener = calls[0]?.[1] as (event: unknown, download: FakeItem) => void;
    const download = item('blob:app://encours/abc', 'Avoir AV2026-00001.pdf');
    listener({}, download);
    expect(electron.getPath).toHaveBeenCalledWith('documents');
    expect(download.setSaveDialogOptions.mock.calls[0]?.[0]).toMatchObject({ defaultPath: '/home/claire/Documents/Avoir AV2026-00001.pdf' });
  });
});
