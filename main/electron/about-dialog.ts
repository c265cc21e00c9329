/** Help > About: name, version and what it runs on (the numbers a bug report needs). */
import { app, dialog, type BrowserWindow } from 'electron';

export async function showAbout(window: BrowserWindow | null, dataDir: string): Promise<void> {
  const options = {
    type: 'info' as const,
    title: `About ${app.getName()}`,
    message: `${app.getName()} ${app.getVersion()}`,
    detail: [
      'A workbench for studying how optimizers train neural networks.',
      '',
      `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`,
      `Data: ${dataDir}`,
    ].join('\n'),
    buttons: ['OK'],
  };
  if (window !== null) await dialog.showMessageBox(window, options);
  else await dialog.showMessageBox(options);
}
