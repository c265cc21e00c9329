/** Pure helpers for the save and open dialogs (tested without Electron). */

export interface FileFilter {
  name: string;
  extensions: string[];
}

const KNOWN: Record<string, string> = {
  csv: 'CSV table',
  json: 'Experiment (JSON)',
  png: 'PNG image',
  svg: 'SVG image',
  txt: 'Text',
};

/**
 * A name the renderer suggests, made safe as a file name: no folders
 * (the user picks the folder), no characters Windows forbids, not empty.
 */
export function safeFileName(suggested: string): string {
  const base = suggested.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[<>:"|?*\u0000-\u001f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned.length > 0 ? cleaned.slice(0, 200) : 'export';
}

/** The filter for the name's extension first, then "All files". */
export function saveFilters(name: string): FileFilter[] {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const known = KNOWN[ext];
  return [...(known !== undefined ? [{ name: known, extensions: [ext] }] : []), { name: 'All files', extensions: ['*'] }];
}

export const EXPERIMENT_FILTERS: FileFilter[] = [
  { name: 'Experiment (JSON)', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

/** Experiment files are small; a bigger pick is a mistake, not an experiment. */
export const MAX_EXPERIMENT_BYTES = 16 * 1024 * 1024;
