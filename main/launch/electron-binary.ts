/**
 * Finding the Electron executable without `require('electron')`: that
 * require tries to download the binary when it is missing, which an offline
 * machine cannot. Same lookup as electron's own index.js, read-only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface BinaryLookup {
  /** The folder of the `electron` package, or null if it is not installed. */
  packageDir: string | null;
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
  readText(path: string): string | null;
}

export function electronBinary(lookup: BinaryLookup): string | null {
  const explicit = lookup.env.ELECTRON_EXEC_PATH;
  if (explicit) return lookup.exists(explicit) ? explicit : null;
  if (lookup.packageDir === null) return null;
  // path.txt names the executable inside dist/; install.js writes it after a successful download.
  const executable = lookup.readText(join(lookup.packageDir, 'path.txt'))?.trim();
  if (!executable) return null;
  const override = lookup.env.ELECTRON_OVERRIDE_DIST_PATH;
  const full = override ? join(override, executable) : join(lookup.packageDir, 'dist', executable);
  return lookup.exists(full) ? full : null;
}

/** The lookup on this machine, from `fromUrl`'s node_modules. */
export function localLookup(fromUrl: string): BinaryLookup {
  let packageDir: string | null;
  try {
    packageDir = dirname(createRequire(fromUrl).resolve('electron/package.json'));
  } catch {
    packageDir = null;
  }
  return {
    packageDir,
    env: process.env,
    exists: existsSync,
    readText: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return null;
      }
    },
  };
}
