import { describe, expect, it } from 'vitest';
import { safeFileName, saveFilters } from '../../../main/electron/file-dialog-options.js';

describe('safeFileName', () => {
  it('keeps ordinary names', () => {
    expect(safeFileName('runs-2024.csv')).toBe('runs-2024.csv');
    expect(safeFileName('loss curve.png')).toBe('loss curve.png');
  });

  it('drops folders: the user picks where to save', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\system.ini')).toBe('system.ini');
    expect(safeFileName('/abs/path/figure.svg')).toBe('figure.svg');
  });

  it('replaces characters Windows forbids and trims dots and spaces', () => {
    expect(safeFileName('a<b>c:d"e|f?g*h.csv')).toBe('a_b_c_d_e_f_g_h.csv');
    expect(safeFileName('  .hidden. ')).toBe('hidden');
    expect(safeFileName('bell\u0007.txt')).toBe('bell_.txt');
  });

  it('never returns an empty name', () => {
    expect(safeFileName('')).toBe('export');
    expect(safeFileName('..')).toBe('export');
    expect(safeFileName('dir/')).toBe('export');
  });
});

describe('saveFilters', () => {
  it('offers the extension of the name first, then all files', () => {
    expect(saveFilters('runs.csv')).toEqual([
      { name: 'CSV table', extensions: ['csv'] },
      { name: 'All files', extensions: ['*'] },
    ]);
    expect(saveFilters('fig.PNG')[0]).toEqual({ name: 'PNG image', extensions: ['png'] });
    expect(saveFilters('noext')).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});
