/**
 * Saving a file: through the host's save dialog (Electron's export.save); where
 * the host answers `unsupported` (browser mode), as a browser download.
 * Called by stores only, since it talks to the client.
 */
import { LabClientError, type LabClient } from '../client/lab-client.js';
import { downloadData } from './download.js';

export type SaveOutcome = { kind: 'saved'; path: string | null } | { kind: 'cancelled' } | { kind: 'downloaded'; name: string };

export async function saveFile(client: LabClient, name: string, data: string, encoding: 'utf8' | 'base64', mime: string): Promise<SaveOutcome> {
  try {
    const r = await client.invoke('export.save', { defaultName: name, data, encoding });
    return r.saved ? { kind: 'saved', path: r.path } : { kind: 'cancelled' };
  } catch (err) {
    if (!(err instanceof LabClientError) || err.code !== 'unsupported') throw err;
    downloadData(name, data, encoding, mime);
    return { kind: 'downloaded', name };
  }
}

export function describeSave(o: SaveOutcome): string {
  if (o.kind === 'saved') return o.path ? `Saved to ${o.path}` : 'Saved';
  if (o.kind === 'downloaded') return `Downloaded ${o.name}`;
  return 'Not saved';
}

/** A file name from a free title: letters, digits and dashes. */
export function fileNameOf(title: string, ext: string): string {
  const base = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'untitled'}.${ext}`;
}
