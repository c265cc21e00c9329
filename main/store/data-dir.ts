/**
 * Where the lab keeps its data by default: the folder Electron's
 * `app.getPath('userData')` gives for productName "Convergence Lab", computed
 * without Electron so that the CLI and browser mode use the app's folder.
 * `--data-dir` wins, then the LAB_DATA_DIR environment variable.
 */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const PRODUCT_NAME = 'Convergence Lab';
export const DATA_DIR_ENV = 'LAB_DATA_DIR';

export interface DataDirContext {
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  home?: string;
  /** Relative --data-dir and LAB_DATA_DIR are resolved against this. */
  cwd?: string;
}

function nonEmpty(value: string | null | undefined): string | null {
  return value !== undefined && value !== null && value.trim().length > 0 ? value : null;
}

/** Electron's appData + productName for the platform. */
export function defaultDataDir(ctx: DataDirContext = {}): string {
  const env = ctx.env ?? process.env;
  const platform = ctx.platform ?? process.platform;
  const home = ctx.home ?? homedir();
  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA) ?? win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, PRODUCT_NAME);
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  // Linux and the other Unixes: XDG, as Electron (Chromium) does; a relative XDG_CONFIG_HOME is invalid per the spec.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  const config = xdg !== null && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.config');
  return posix.join(config, PRODUCT_NAME);
}

/** The data folder to use: `flag` (--data-dir), else LAB_DATA_DIR, else the default; absolute. */
export function resolveDataDir(flag?: string | null, ctx: DataDirContext = {}): string {
  const env = ctx.env ?? process.env;
  const platform = ctx.platform ?? process.platform;
  const path = platform === 'win32' ? win32 : posix;
  const cwd = ctx.cwd ?? process.cwd();
  const chosen = nonEmpty(flag) ?? nonEmpty(env[DATA_DIR_ENV]);
  return chosen !== null ? path.resolve(cwd, chosen) : defaultDataDir(ctx);
}
