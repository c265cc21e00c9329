/**
 * The application menu as a template (Electron's Menu.buildFromTemplate
 * turns it into a menu). Pure: what the items do is passed in, so the
 * template is tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { EventPayload } from '../../core/contract/index.js';

export type RendererMenuAction = EventPayload<'app.menu'>['action'];
export type ThemeSource = 'system' | 'light' | 'dark';

export interface MenuActions {
  /** Main shows the open dialog and hands the file to the renderer. */
  openExperiment(): void;
  /** Actions the renderer carries out (save, new). */
  toRenderer(action: RendererMenuAction): void;
  /** Open the user guide in the system's viewer. */
  openDocumentation(): void;
  setTheme(theme: ThemeSource): void;
  showAbout(): void;
}

export interface MenuOptions {
  platform: string;
  appName: string;
  /** Reload and developer tools only in development. */
  isDev: boolean;
  theme: ThemeSource;
  actions: MenuActions;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions, isDev } = options;
  const mac = options.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${options.appName}`, click: () => actions.showAbout() };
  const themeItem = (theme: ThemeSource, label: string): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked: options.theme === theme,
    click: () => actions.setTheme(theme),
  });

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Experiment', accelerator: 'CmdOrCtrl+N', click: () => actions.toRenderer('new-experiment') },
      { label: 'Open Experiment…', accelerator: 'CmdOrCtrl+O', click: () => actions.openExperiment() },
      { label: 'Save Experiment…', accelerator: 'CmdOrCtrl+S', click: () => actions.toRenderer('save-experiment') },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(isDev
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { label: 'Theme', submenu: [themeItem('system', 'Follow System'), themeItem('light', 'Light'), themeItem('dark', 'Dark')] },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'User Guide', accelerator: 'F1', click: () => actions.openDocumentation() },
      ...(mac ? [] : ([{ type: 'separator' }, about] as MenuItemConstructorOptions[])),
    ],
  };
  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
  return [...(mac ? [appMenu] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }, help];
}
