/**
 * File > Open Experiment…: main shows the dialog and reads the file (the
 * sandboxed renderer cannot read files), then hands its text to the
 * renderer in an `app.menu` event. The renderer validates it like any file.
 */
import { dialog, type BrowserWindow } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import type { EventMessage } from '../../core/contract/index.js';
import { EXPERIMENT_FILTERS, MAX_EXPERIMENT_BYTES } from './file-dialog-options.js';

export async function openExperiment(window: BrowserWindow, send: (message: EventMessage) => void): Promise<void> {
  const choice = await dialog.showOpenDialog(window, { properties: ['openFile'], filters: EXPERIMENT_FILTERS });
  const path = choice.filePaths[0];
  if (choice.canceled || path === undefined) return;
  try {
    const info = await stat(path);
    if (info.size > MAX_EXPERIMENT_BYTES) throw new Error(`the file is ${Math.round(info.size / 1e6)} MB; an experiment file is a few kB of JSON`);
    const text = await readFile(path, 'utf8');
    send({ event: 'app.menu', payload: { action: 'open-experiment', file: { path, text } } });
  } catch (err) {
    await dialog.showMessageBox(window, {
      type: 'error',
      message: 'The experiment could not be opened.',
      detail: `${path}\n${err instanceof Error ? err.message : String(err)}`,
    });
  }
}
