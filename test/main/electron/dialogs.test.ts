import type { BrowserWindow, Dialog } from 'electron';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { electronPathPicker } from '../../../src/main/electron/dialogs';

vi.mock('electron', () => ({}));

/** A fake of Electron's dialog module: records each call and answers `answer`. */
function fakeDialog(answer: { canceled: boolean; filePaths?: string[]; filePath?: string }) {
  const calls: { kind: 'open' | 'save'; win: unknown; options: Record<string, unknown> }[] = [];
  const dialog = {
    showOpenDialog: vi.fn((win: unknown, options: Record<string, unknown>) => {
      calls.push({ kind: 'open', win, options });
      return Promise.resolve({ canceled: answer.canceled, filePaths: answer.filePaths ?? [] });
    }),
    showSaveDialog: vi.fn((win: unknown, options: Record<string, unknown>) => {
      calls.push({ kind: 'save', win, options });
      return Promise.resolve({ canceled: answer.canceled, filePath: answer.filePath });
    }),
  } as unknown as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  return { dialog, calls };
}

const WINDOW = { id: 1 } as unknown as BrowserWindow;

describe('the system dialogs behind dialog.chooseFile', () => {
  it('opens a folder chooser for the FEC and for the Factur-X files, a file chooser for evidence, over the window, in the company folder', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['/home/anne/Comptable'] });
    const pick = electronPathPicker(dialog, () => WINDOW, () => '/home/anne/Encours');
    expect(await pick('fecFolder', undefined)).toBe('/home/anne/Comptable');
    expect(await pick('evidence', undefined)).toBe('/home/anne/Comptable');
    expect(await pick('facturxFolder', undefined)).toBe('/home/anne/Comptable');
    expect(calls.map((c) => [c.kind, c.win, c.options.properties, c.options.defaultPath])).toEqual([
      ['open', WINDOW, ['openDirectory', 'createDirectory'], '/home/anne/Encours'],
      ['open', WINDOW, ['openFile'], '/home/anne/Encours'],
      ['open', WINDOW, ['openDirectory', 'createDirectory'], '/home/anne/Encours'],
    ]);
  });

  it('proposes a name for a PDF or a copy, never a folder the window put in it', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePath: '/home/anne/facture.pdf' });
    const pick = electronPathPicker(dialog, () => WINDOW, () => '/home/anne/Encours');
    expect(await pick('pdf', '../../.ssh/Facture F2026-00001.pdf')).toBe('/home/anne/facture.pdf');
    await pick('backup', undefined);
    expect(calls.map((c) => c.options.defaultPath)).toEqual([join('/home/anne/Encours', 'Facture F2026-00001.pdf'), join('/home/anne/Encours', 'copie.encours')]);
    expect(calls.every((c) => c.kind === 'save' && (c.options.properties as string[]).includes('showOverwriteConfirmation'))).toBe(true);
  });

  it('answers null when the owner closes the dialog', async () => {
    const { dialog } = fakeDialog({ canceled: true });
    const pick = electronPathPicker(dialog, () => null, () => '/tmp');
    expect(await pick('fecFolder', undefined)).toBeNull();
    expect(await pick('pdf', 'x.pdf')).toBeNull();
  });
});
