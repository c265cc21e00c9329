/** Where a run's relative CSV path resolves: the experiment file's folder, else the host's working folder. */
import { dirname, resolve } from 'node:path';

export function absoluteSource(sourcePath: string | null | undefined): string | null {
  return sourcePath !== undefined && sourcePath !== null && sourcePath.length > 0 ? resolve(sourcePath) : null;
}

export function baseDirOf(sourcePath: string | null): string {
  return sourcePath !== null ? dirname(sourcePath) : process.cwd();
}
