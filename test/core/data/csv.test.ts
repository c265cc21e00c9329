import { describe, it, expect } from 'vitest';
import { parseCsv, type CsvOptions } from '../../../core/data/csv.js';
import { SpecError } from '../../../core/spec/problems.js';

/** The SpecError thrown by parsing, as `path: message`. */
function problem(text: string, options: CsvOptions = {}): { path: string; message: string } {
  try {
    parseCsv(text, { file: 'data.csv', ...options });
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    const p = (e as SpecError).problems;
    expect(p).toHaveLength(1);
    return p[0]!;
  }
  throw new Error('expected a SpecError');
}

describe('parseCsv', () => {
  it('reads a header and numeric rows, the last column the target by default', () => {
    const t = parseCsv('a,b,y\n1,2,3\n4,5,6\n');
    expect(t.columns).toEqual(['a', 'b', 'y']);
    expect(t.targetColumn).toBe('y');
    expect(t.targetIndex).toBe(2);
    expect(t.rows).toBe(2);
    expect(t.d).toBe(2);
    expect(Array.from(t.x)).toEqual([1, 2, 4, 5]);
    expect(Array.from(t.y)).toEqual([3, 6]);
  });

  it('takes the target by name or 0-based index; the rest are features in order', () => {
    const text = 'a,label,c\n1,2,3\n4,5,6';
    const byName = parseCsv(text, { target: 'label' });
    const byIndex = parseCsv(text, { target: 1 });
    for (const t of [byName, byIndex]) {
      expect(t.targetColumn).toBe('label');
      expect(Array.from(t.y)).toEqual([2, 5]);
      expect(Array.from(t.x)).toEqual([1, 3, 4, 6]);
    }
    expect(Array.from(parseCsv(text, { target: 0 }).y)).toEqual([1, 4]);
  });

  it('accepts number forms and whitespace around cells', () => {
    const t = parseCsv(' x , y \n 1e-3 ,\t-0.5\n+2, .5\n-1.5E+2,7.\n');
    expect(t.columns).toEqual(['x', 'y']);
    expect(Array.from(t.x)).toEqual([1e-3, 2, -150]);
    expect(Array.from(t.y)).toEqual([-0.5, 0.5, 7]);
  });

  it('handles quoted fields, escaped quotes and line breaks inside quotes', () => {
    const t = parseCsv('"a, the first","say ""hi""","multi\nline"\n"1",2, "3" \n4,"5",6\n');
    expect(t.columns).toEqual(['a, the first', 'say "hi"', 'multi\nline']);
    expect(t.targetColumn).toBe('multi\nline');
    expect(Array.from(t.x)).toEqual([1, 2, 4, 5]);
    expect(Array.from(t.y)).toEqual([3, 6]);
  });

  it('handles CRLF, no trailing newline, trailing blank lines and a BOM', () => {
    for (const text of ['a,b\r\n1,2\r\n3,4\r\n', 'a,b\n1,2\n3,4', 'a,b\n1,2\n3,4\n\n\n  \n', '\uFEFFa,b\r\n1,2\r\n3,4', 'a,b\r1,2\r3,4\r']) {
      const t = parseCsv(text);
      expect(t.columns).toEqual(['a', 'b']);
      expect(t.rows).toBe(2);
      expect(Array.from(t.y)).toEqual([2, 4]);
    }
  });

  it('parses 150,000 rows x 5 columns in well under a few seconds', () => {
    const lines = ['x1,x2,x3,x4,y'];
    for (let i = 0; i < 150_000; i++) lines.push(`${i},${(i * 0.001).toFixed(3)},-${i % 97}.5,1e-3,${i % 2 === 0 ? 1 : -1}`);
    const text = lines.join('\r\n') + '\r\n';
    const start = performance.now();
    const t = parseCsv(text);
    const ms = performance.now() - start;
    expect(t.rows).toBe(150_000);
    expect(t.d).toBe(4);
    expect(t.x[4 * 149_999]).toBe(149_999);
    expect(t.x[4 * 1234 + 2]).toBe(-(1234 % 97) - 0.5);
    expect(t.y[1]).toBe(-1);
    expect(ms).toBeLessThan(3000);
  });

  describe('errors name the file and the 1-based line', () => {
    it('empty file', () => {
      for (const text of ['', '\n\n', '\uFEFF']) {
        const p = problem(text);
        expect(p.path).toBe('data.path');
        expect(p.message).toMatch(/^data\.csv: the file is empty/);
      }
    });

    it('missing header', () => {
      const p = problem('1,2,3\n4,5,6\n');
      expect(p.path).toBe('data.path');
      expect(p.message).toContain('data.csv');
      expect(p.message).toContain('line 1');
      expect(p.message).toContain('the first line must be a header of column names');
    });

    it('header only', () => {
      expect(problem('a,b\n').message).toMatch(/data\.csv: .*no data rows/);
    });

    it('a single column leaves no features', () => {
      expect(problem('y\n1\n2\n').message).toMatch(/at least one feature column/);
    });

    it('ragged rows', () => {
      const text = 'a,b,c,d\n' + '1,2,3,4\n'.repeat(5) + '1,2,3\n';
      const p = problem(text);
      expect(p.path).toBe('data.path');
      expect(p.message).toBe('data.csv: line 7 has 3 cells, the header has 4');
      expect(problem('a,b\n1,2,3\n').message).toContain('line 2 has 3 cells, the header has 2');
    });

    it('line numbers count line breaks inside quoted cells', () => {
      const p = problem('a,b\n"1\n",2\n1\n');
      expect(p.message).toContain('line 4 has 1 cell, the header has 2');
    });

    it('non-numeric cells', () => {
      const text = 'x1,x2,x3,y\n' + '1,2,3,4\n'.repeat(10) + '1,2,abc,4\n';
      const p = problem(text);
      expect(p.path).toBe('data.path');
      expect(p.message).toBe('data.csv: line 12, column "x3": "abc" is not a number');
      for (const bad of ['0x10', 'Infinity', 'NaN', '1,5e', '--1', '1 2']) {
        expect(problem(`a,b\n1,"${bad}"\n`).message).toContain(`line 2, column "b": "${bad}" is not a number`);
      }
      expect(problem('a,b\n1,\n').message).toContain('line 2, column "b": the cell is empty');
    });

    it('missing target column, listing the columns', () => {
      const byName = problem('a,b,c\n1,2,3\n', { target: 'label' });
      expect(byName.path).toBe('data.target');
      expect(byName.message).toContain('no column is named "label"');
      expect(byName.message).toContain('0: "a", 1: "b", 2: "c"');
      const byIndex = problem('a,b,c\n1,2,3\n', { target: 3 });
      expect(byIndex.path).toBe('data.target');
      expect(byIndex.message).toMatch(/column index 3 is out of range.*0: "a", 1: "b", 2: "c"/);
      expect(problem('a,b,a\n1,2,3\n', { target: 'a' }).message).toMatch(/names 2 columns/);
      // The header is the line at fault, and the message says so.
      expect(byName.message).toBe('data.csv: line 1 (the header): no column is named "label"; the columns are 0: "a", 1: "b", 2: "c"');
      expect(byIndex.message).toMatch(/^data\.csv: line 1 \(the header\): column index 3/);
    });

    it('blank lines before the end, unclosed quotes, text after a quote', () => {
      expect(problem('a,b\n1,2\n\n3,4\n').message).toContain('line 3 is blank');
      expect(problem('a,b\n1,2\n3,"4\n').message).toContain('line 3: a quoted cell starts here but its closing quote is missing');
      expect(problem('a,b\n1,"2"x\n').message).toContain('line 2: unexpected text after the closing quote');
    });
  });
});
