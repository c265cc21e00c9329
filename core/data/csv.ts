/**
 * CSV data files: a header of column names, then one numeric row per point.
 * One column is the label (the `target` option: a header name or a 0-based
 * index, the last column by default); every other column is a feature.
 * Pure (string in, arrays out) so it is tested without files; csv-file.ts
 * reads the file. Every problem is a SpecError naming the file and the
 * 1-based line.
 */
import { SpecError } from '../spec/problems.js';
import { CsvSyntaxError, forEachCsvRecord } from './csv-records.js';

export interface CsvOptions {
  /** The label column: header name or 0-based index; the last column when omitted. */
  target?: string | number;
  /** How the file is named in error messages. */
  file?: string;
}

export interface CsvTable {
  /** Header names, trimmed, in file order (the target included). */
  columns: string[];
  targetIndex: number;
  targetColumn: string;
  /** rows x d features, row-major, in file order. */
  x: Float64Array;
  y: Float64Array;
  rows: number;
  d: number;
}

/** Decimal numbers with optional sign and exponent: 1, -0.5, +2, .5, 1e-3. Not hex, Infinity or NaN. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const file = options.file ?? 'the CSV data';
  const fail = (path: 'data.path' | 'data.target', message: string): never => {
    throw new SpecError([{ path, message: `${file}: ${message}` }]);
  };

  let columns: string[] | null = null;
  let targetIndex = -1;
  let width = 0;
  let rows = 0;
  let x: Float64Array = new Float64Array(0);
  let y: Float64Array = new Float64Array(0);
  // A blank line is fine only if nothing but blank lines follows it.
  let firstBlankLine = 0;

  const onRecord = (cells: string[], line: number): void => {
    if (columns === null) {
      columns = cells.map((c) => c.trim());
      if (columns.every((c) => NUMBER.test(c))) {
        fail('data.path', `line ${line}: the first line must be a header of column names (it holds only numbers: ${preview(columns)})`);
      }
      width = columns.length;
      if (width < 2) fail('data.path', `the header has ${width} column; the data needs at least one feature column and a target column`);
      targetIndex = resolveTarget(columns, line, options.target, fail);
      x = new Float64Array(1024 * (width - 1));
      y = new Float64Array(1024);
      return;
    }
    if (cells.length !== width) {
      fail('data.path', `line ${line} has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}, the header has ${width}`);
    }
    if (rows === y.length) {
      x = grow(x, 2 * x.length);
      y = grow(y, 2 * y.length);
    }
    let f = rows * (width - 1);
    for (let c = 0; c < width; c++) {
      const cell = cells[c]!.trim();
      if (!NUMBER.test(cell)) {
        const what = cell === '' ? 'the cell is empty (a number is needed)' : `"${cell}" is not a number`;
        fail('data.path', `line ${line}, column ${columnName(columns, c)}: ${what}`);
      }
      const v = Number(cell);
      if (!Number.isFinite(v)) fail('data.path', `line ${line}, column ${columnName(columns, c)}: "${cell}" is too large for a double`);
      if (c === targetIndex) y[rows] = v;
      else x[f++] = v;
    }
    rows++;
  };

  try {
    forEachCsvRecord(text, ({ cells, line, blank }) => {
      if (blank) {
        if (firstBlankLine === 0) firstBlankLine = line;
        return;
      }
      if (firstBlankLine !== 0) {
        fail('data.path', `line ${firstBlankLine} is blank (blank lines are allowed only at the end of the file)`);
      }
      onRecord(cells, line);
    });
  } catch (e) {
    if (e instanceof CsvSyntaxError) fail('data.path', e.message);
    throw e;
  }

  if (columns === null) return fail('data.path', 'the file is empty (expected a header line of column names, then one row per point)');
  const names: string[] = columns;
  if (rows === 0) fail('data.path', `the header (line 1) has no data rows after it`);
  return {
    columns: names,
    targetIndex,
    targetColumn: names[targetIndex]!,
    x: x.slice(0, rows * (width - 1)),
    y: y.slice(0, rows),
    rows,
    d: width - 1,
  };
}

function resolveTarget(
  columns: string[],
  headerLine: number,
  target: string | number | undefined,
  fail: (path: 'data.target', message: string) => never,
): number {
  if (target === undefined) return columns.length - 1;
  const header = `line ${headerLine} (the header)`;
  if (typeof target === 'number') {
    if (Number.isInteger(target) && target >= 0 && target < columns.length) return target;
    return fail('data.target', `${header}: column index ${target} is out of range: the header has ${columns.length} columns (0..${columns.length - 1}): ${listColumns(columns)}`);
  }
  const wanted = target.trim();
  const matches: number[] = [];
  columns.forEach((c, i) => {
    if (c === wanted) matches.push(i);
  });
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    return fail('data.target', `${header}: "${wanted}" names ${matches.length} columns (indices ${matches.join(', ')}); give the target as a 0-based index instead`);
  }
  return fail('data.target', `${header}: no column is named "${wanted}"; the columns are ${listColumns(columns)}`);
}

function columnName(columns: string[], c: number): string {
  return columns[c] === '' ? `${c} (unnamed)` : `"${columns[c]}"`;
}

function listColumns(columns: string[]): string {
  return columns.map((c, i) => `${i}: ${columnName(columns, i)}`).join(', ');
}

function preview(cells: string[]): string {
  const shown = cells.slice(0, 5).join(', ');
  return cells.length > 5 ? `${shown}, ...` : shown;
}

function grow(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}
