/**
 * Reads a CSV data file: the path is resolved against the experiment file's
 * folder when relative, and the SHA-256 of the exact bytes read is recorded so
 * a re-run can tell when the file has changed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { SpecError } from '../spec/problems.js';
import { parseCsv, type CsvTable } from './csv.js';

export interface CsvFile extends CsvTable {
  /** Absolute path of the file read. */
  path: string;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
}

export function readCsvFile(path: string, baseDir: string, target?: string | number): CsvFile {
  const resolved = isAbsolute(path) ? path : resolve(baseDir, path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolved);
  } catch (e) {
    const where = resolved === path ? path : `${path} (resolved to ${resolved})`;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    throw new SpecError([{ path: 'data.path', message: `${where}: ${why}` }]);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const table = parseCsv(bytes.toString('utf8'), { target, file: path });
  return { ...table, path: resolved, sha256 };
}
