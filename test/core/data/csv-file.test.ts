import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { readCsvFile } from '../../../core/data/csv-file.js';
import { load } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'lab-data-'));
mkdirSync(join(dir, 'sub'));
function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe('CSV files', () => {
  it('resolves relative paths against baseDir and records the SHA-256 of the bytes', () => {
    const text = 'a,b,y\n1,2,1\n3,4,-1\n';
    write('sub/pm.csv', text);
    const f = readCsvFile('sub/pm.csv', dir);
    expect(f.path).toBe(join(dir, 'sub/pm.csv'));
    expect(f.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(readCsvFile(join(dir, 'sub/pm.csv'), '/elsewhere').sha256).toBe(f.sha256);
  });

  it('a missing file is a SpecError at data.path', () => {
    expect(() => readCsvFile('nope.csv', dir)).toThrow(/data\.path: nope\.csv \(resolved to .*nope\.csv\): file not found/);
    expect(() => readCsvFile('sub', dir)).toThrow(/data\.path: .*is a folder/);
  });

  it('parse errors name the file as written in the spec', () => {
    write('bad.csv', 'a,b\n1,2\n1\n');
    expect(() => readCsvFile('bad.csv', dir)).toThrow('data.path: bad.csv: line 3 has 1 cell, the header has 2');
  });

  it('loads a dataset with its source and +-1 labels', () => {
    write('pm.csv', 'x1,x2,y\n' + Array.from({ length: 10 }, (_, i) => `${i},${-i},${i % 2 ? 1 : -1}`).join('\n'));
    const ds = load({ kind: 'csv', path: 'pm.csv', test: 0.2 }, 1, 'logistic', dir);
    expect(ds.d).toBe(2);
    expect(ds.labels).toBe('pm1');
    expect(ds.classes).toBe(2);
    expect(ds.teacher).toBeNull();
    expect(ds.train.n).toBe(8);
    expect(ds.test.n).toBe(2);
    expect(ds.source).toMatchObject({ kind: 'csv', path: join(dir, 'pm.csv'), rows: 10, targetColumn: 'y' });
    if (ds.source.kind === 'csv') expect(ds.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Rows keep file order within the training set, and x matches its label row.
    for (let k = 0; k < ds.train.n; k++) {
      const i = ds.train.x[2 * k]!;
      expect(ds.train.x[2 * k + 1]! + i).toBe(0);
      expect(ds.train.y[k]).toBe(i % 2 ? 1 : -1);
    }
  });

  it('infers classes for cross-entropy, real otherwise', () => {
    write('cls.csv', 'a,b,k\n1,2,0\n3,4,2\n5,6,1\n');
    const ce = load({ kind: 'csv', path: 'cls.csv' }, 0, 'cross-entropy', dir);
    expect(ce.labels).toBe('classes');
    expect(ce.classes).toBe(3);
    const mse = load({ kind: 'csv', path: 'cls.csv' }, 0, 'mse', dir);
    expect(mse.labels).toBe('real');
    expect(mse.classes).toBe(0);
    write('pmce.csv', 'a,y\n1,1\n2,-1\n');
    const pm = load({ kind: 'csv', path: 'pmce.csv' }, 0, 'cross-entropy', dir);
    expect(pm.labels).toBe('pm1');
    expect(Array.from(pm.train.y)).toEqual([1, -1]);
  });

  it('labels that do not suit the loss are a SpecError at loss.kind', () => {
    write('real.csv', 'a,y\n1,0.5\n2,1\n');
    expect(() => load({ kind: 'csv', path: 'real.csv' }, 0, 'logistic', dir)).toThrow(/loss\.kind: logistic loss needs labels in \{-1, \+1\}.*"y" in real\.csv/);
    expect(() => load({ kind: 'csv', path: 'real.csv' }, 0, 'exponential', dir)).toThrow(/loss\.kind: exponential/);
    expect(() => load({ kind: 'csv', path: 'real.csv' }, 0, 'cross-entropy', dir)).toThrow(/loss\.kind: cross-entropy needs class labels/);
    write('01.csv', 'a,y\n1,0\n2,1\n');
    expect(() => load({ kind: 'csv', path: '01.csv' }, 0, 'logistic', dir)).toThrow(/loss\.kind/);
  });

  it('the target option and sphere normalization apply', () => {
    write('t.csv', 'y,a,b\n5,3,4\n6,0,0\n');
    const ds = load({ kind: 'csv', path: 't.csv', target: 'y', normalize: 'sphere' }, 0, 'mse', dir);
    expect(Array.from(ds.train.y)).toEqual([5, 6]);
    expect(Array.from(ds.train.x)).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 0]);
    if (ds.source.kind === 'csv') expect(ds.source.targetColumn).toBe('y');
  });

  it('a test split leaving no training points is a SpecError at data.test', () => {
    write('two.csv', 'a,y\n1,1\n2,1\n');
    expect(() => load({ kind: 'csv', path: 'two.csv', test: 2 }, 0, 'mse', dir)).toThrow(/data\.test: leaves no training points \(n = 2, test = 2\)/);
  });
});
