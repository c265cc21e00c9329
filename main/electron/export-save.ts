/**
 * `export.save` in the desktop app: the native save dialog, then the bytes
 * to the chosen file. (Browser mode cannot: the renderer downloads there.)
 */
import { dialog, type BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../../core/contract/index.js';
import { saveFilters, safeFileName } from './file-dialog-options.js';

type SaveHandler = Handlers['export.save'];

export function saveWithDialog(window: () => BrowserWindow | null, defaultFolder: () => string): SaveHandler {
  return async ({ defaultName, data, encoding }) => {
    const name = safeFileName(defaultName);
    const options = { defaultPath: join(defaultFolder(), name), filters: saveFilters(name) };
    const parent = window();
    const choice = parent !== null ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return { saved: false, path: null };
    await writeFile(choice.filePath, Buffer.from(data, encoding));
    return { saved: true, path: choice.filePath };
  };
}
