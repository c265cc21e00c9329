/**
 * The desktop app's main process: one sandboxed window on the lab:// scheme,
 * the contract over IPC (ipc-bridge.ts), workers as utility processes, the
 * run store in the user-data folder (or LAB_DATA_DIR). Single instance: a
 * second launch focuses the first window.
 */
import { app, dialog, ipcMain, Menu, nativeTheme, session, shell, type BrowserWindow } from 'electron';
import type { Handlers } from '../../core/contract/index.js';
import { electronLauncher } from '../pool/index.js';
import type { HostServices } from '../services/host-services.js';
import { DATA_DIR_ENV, resolveDataDir } from '../store/index.js';
import { createHostServices } from '../services/lab-service.js';
import { showAbout } from './about-dialog.js';
import { buildMenuTemplate } from './app-menu.js';
import { APP_ENTRY_URL, trustedOrigins } from './app-origin.js';
import { appPaths } from './app-paths.js';
import { registerAppScheme, serveAppScheme } from './app-protocol.js';
import { electronCsp } from './content-policy.js';
import { saveWithDialog } from './export-save.js';
import { pushEvent, serveIpc } from './ipc-bridge.js';
import { createMainWindow } from './main-window.js';
import { openExperiment } from './open-experiment.js';
import { hardenSession } from './session-policy.js';
import { guardWebContents } from './web-contents-guard.js';

/** Cancelling runs and closing the store must not hold the app open forever. */
const SHUTDOWN_LIMIT_MS = 10_000;

const log = (line: string): void => {
  process.stderr.write(`[lab] ${line}\n`);
};

// Before `ready`: the scheme's privileges, and the sandbox for every renderer.
registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.whenReady().then(startLab, (err: unknown) => fail(err));
}

async function startLab(): Promise<void> {
  // electron-vite dev sets this; a packaged app never loads a dev server.
  const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
  const isDev = !app.isPackaged;
  const origins = trustedOrigins(devServerUrl);
  const paths = appPaths(import.meta.url);
  const csp = electronCsp(devServerUrl);
  // LAB_DATA_DIR wins, as in the CLI and browser mode; else Electron's own folder.
  const dataDir = process.env[DATA_DIR_ENV] ? resolveDataDir(null) : app.getPath('userData');

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
  hardenSession(session.defaultSession, origins, devServerUrl !== null ? csp : null);
  serveAppScheme(paths.rendererDir, csp);

  let services: HostServices;
  try {
    services = await createHostServices({
      host: 'electron',
      dataDir,
      launcher: await electronLauncher({ modulePath: paths.workerModule }),
    });
  } catch (err) {
    return fail(err);
  }

  let window: BrowserWindow | null = null;
  const currentWindow = (): BrowserWindow | null => (window !== null && !window.isDestroyed() ? window : null);
  const handlers: Handlers = {
    ...services.handlers,
    'export.save': saveWithDialog(currentWindow, () => app.getPath('documents')),
  };
  const stopIpc = serveIpc({ ipcMain, window: currentWindow, handlers, origins, log });
  const stopEvents = services.onEvent((message) => pushEvent(currentWindow(), message));

  const openWindow = (): void => {
    window = createMainWindow({ preloadPath: paths.preload, url: devServerUrl ?? APP_ENTRY_URL, isDev });
    window.on('closed', () => {
      window = null;
    });
  };

  const setMenu = (): void => {
    const template = buildMenuTemplate({
      platform: process.platform,
      appName: app.getName(),
      isDev,
      theme: nativeTheme.themeSource,
      actions: {
        openExperiment: () => {
          const w = currentWindow();
          if (w !== null) void openExperiment(w, (message) => pushEvent(w, message));
        },
        toRenderer: (action) => pushEvent(currentWindow(), { event: 'app.menu', payload: { action } }),
        openDocumentation: () => void shell.openPath(paths.userGuide(app.isPackaged, process.resourcesPath)),
        setTheme: (theme) => {
          nativeTheme.themeSource = theme;
        },
        showAbout: () => void showAbout(currentWindow(), dataDir),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  app.on('second-instance', () => {
    const w = currentWindow();
    if (w === null) return openWindow();
    if (w.isMinimized()) w.restore();
    w.focus();
  });
  // macOS keeps the app alive without windows and reopens one from the dock.
  app.on('activate', () => {
    if (currentWindow() === null) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    stopEvents();
    stopIpc();
    const limit = new Promise<void>((done) => setTimeout(done, SHUTDOWN_LIMIT_MS).unref());
    void Promise.race([services.close(), limit])
      .catch((err: unknown) => log(`closing the lab failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => app.exit(0));
  });

  setMenu();
  openWindow();
}

function fail(err: unknown): void {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  log(`could not start: ${message}`);
  // The user started an app, not a terminal: say it in a window too.
  dialog.showErrorBox(`${app.getName()} could not start`, err instanceof Error ? err.message : String(err));
  app.exit(1);
}
