/**
 * Why an output file (`--csv`, `--ntk-matrix`) cannot be written, or null. Checked before any
 * training, so that a mistyped path does not surface only after a long experiment.
 */
import { access, constants, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function csvTargetProblem(path: string): Promise<string | null> {
  try {
    const existing = await stat(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (existing?.isDirectory()) return 'is a folder';
    await access(dirname(path), constants.W_OK);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return `cannot write here (${code === 'ENOENT' ? `no folder ${dirname(path)}` : (code ?? String(err))})`;
  }
}
