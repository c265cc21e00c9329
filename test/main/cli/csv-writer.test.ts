import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricRecord } from '../../../core/run/types.js';
import {
  AtomicCsvWriter,
  columnsForMetrics,
  columnsOfRecords,
  csvHeader,
  csvNumber,
  csvRows,
  writeCsvFile,
  type CsvRun,
} from '../../../main/cli/csv-writer.js';

/** A strict RFC 4180 reader (CRLF rows, quoted fields), independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (ch === '\r' || ch === '\n') {
      throw new Error(`bare line break at ${i}`);
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length > 0) throw new Error('last row has no line end');
  return rows;
}

function parseNumber(cell: string): number {
  if (cell === 'Inf') return Infinity;
  if (cell === '-Inf') return -Infinity;
  if (cell === 'NaN') return NaN;
  expect(cell).toMatch(/^-?(\d+(\.\d+)?|\.\d+)(e[-+]\d+)?$/);
  return Number(cell);
}

/** Awkward doubles: subnormals, extremes, values with 17 significant digits, signed zero. */
const AWKWARD = [
  0.1 + 0.2,
  1 / 3,
  Math.PI * 1e-300,
  5e-324,
  Number.MAX_VALUE,
  -1.2345678901234567e-12,
  1e21,
  123456789012345680000,
  -0,
  0,
  2 ** 53 + 2,
  NaN,
  Infinity,
  -Infinity,
];

function makeRuns(): CsvRun[] {
  let x = 0.7390851332151607;
  const next = (): number => {
    // A chaotic map: full-precision values that differ in the last bits.
    x = 3.99 * x * (1 - x);
    return x * 10 ** Math.floor(x * 40 - 30);
  };
  const recordsA: MetricRecord[] = [];
  for (let k = 0; k < 50; k++) {
    const r: MetricRecord = { step: k * 10, time_ms: k * 12.5 + next(), loss: next(), grad_norm: next() };
    if (k % 5 === 0) {
      r.ntk_lambda_min = next();
      r.ntk_cond = next();
    }
    recordsA.push(r);
  }
  const recordsB: MetricRecord[] = AWKWARD.map((v, k) => ({ step: k, time_ms: k, loss: v, zeta_custom: -v, alpha_custom: k }));
  return [
    { meta: { run: 'r1', label: 'HB, beta=0.9', optimizer: 'heavy-ball', seed: 7 }, records: recordsA },
    { meta: { run: 'r"2"', label: 'say "hi"\nnext line\r\nand CRLF', optimizer: 'adam', seed: 8 }, records: recordsB },
    { meta: { run: 'r3', label: 'plain', optimizer: 'gd', seed: 9 }, records: [] },
  ];
}

describe('CSV columns', () => {
  it('orders SPEC columns first, then others alphabetically; step is never a metric column', () => {
    const records: MetricRecord[] = [
      { step: 0, time_ms: 0, zeta: 1, dir_cos: 1, loss: 1 },
      { step: 1, time_ms: 1, alpha: 2, ntk_drift: 0, grad_norm: 3, test_loss: 2 },
    ];
    expect(columnsOfRecords(records)).toEqual(['time_ms', 'loss', 'test_loss', 'grad_norm', 'ntk_drift', 'dir_cos', 'alpha', 'zeta']);
    expect(columnsOfRecords([])).toEqual(['time_ms']);
  });

  it('expands the experiment metric ntk into its four columns', () => {
    expect(columnsForMetrics(['pl_ratio', 'ntk', 'loss', 'act_flip'])).toEqual([
      'time_ms',
      'loss',
      'pl_ratio',
      'ntk_lambda_min',
      'ntk_lambda_max',
      'ntk_cond',
      'ntk_drift',
      'act_flip',
    ]);
  });

  it('header starts with run,label,optimizer,seed,step', () => {
    expect(csvHeader(['time_ms', 'loss'])).toBe('run,label,optimizer,seed,step,time_ms,loss\r\n');
  });
});

describe('CSV cells', () => {
  it('numbers: shortest round-trip text, NaN/Inf/-Inf, -0', () => {
    expect(csvNumber(0.1)).toBe('0.1');
    expect(csvNumber(1e-12)).toBe('1e-12');
    expect(csvNumber(3.1e-11)).toBe('3.1e-11');
    expect(csvNumber(NaN)).toBe('NaN');
    expect(csvNumber(Infinity)).toBe('Inf');
    expect(csvNumber(-Infinity)).toBe('-Inf');
    expect(csvNumber(-0)).toBe('-0');
  });

  it('leaves absent metrics empty and quotes only when needed', () => {
    const text = csvRows({ run: 'a', label: 'x,y', optimizer: 'gd', seed: 1 }, [{ step: 3, time_ms: 4, loss: 0.5 }], [
      'time_ms',
      'loss',
      'grad_norm',
    ]);
    expect(text).toBe('a,"x,y",gd,1,3,4,0.5,\r\n');
  });
});

describe('CSV round trip', () => {
  it('parses back to exactly the input: every value to full precision, labels with quotes and line breaks', () => {
    const runs = makeRuns();
    const columns = columnsOfRecords(runs.flatMap((r) => r.records));
    const text = csvHeader(columns) + runs.map((r) => csvRows(r.meta, r.records, columns)).join('');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['run', 'label', 'optimizer', 'seed', 'step', ...columns]);
    const body = rows.slice(1);
    expect(body.length).toBe(runs.reduce((n, r) => n + r.records.length, 0));
    let i = 0;
    for (const run of runs) {
      for (const rec of run.records) {
        const row = body[i++]!;
        expect(row.length).toBe(5 + columns.length);
        expect(row.slice(0, 3)).toEqual([run.meta.run, run.meta.label, run.meta.optimizer]);
        expect(Number(row[3])).toBe(run.meta.seed);
        expect(parseNumber(row[4]!)).toBe(rec.step);
        columns.forEach((c, j) => {
          const cell = row[5 + j]!;
          const want = rec[c];
          if (want === undefined) expect(cell, c).toBe('');
          else expect(Object.is(parseNumber(cell), want), `${c}: ${cell} vs ${want}`).toBe(true);
        });
      }
    }
  });
});

describe('writing CSV files atomically', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lab-csv-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writeCsvFile writes header and rows and leaves no .tmp behind', async () => {
    const runs = makeRuns();
    const path = join(dir, 'out.csv');
    await writeCsvFile(path, runs);
    const columns = columnsOfRecords(runs.flatMap((r) => r.records));
    const expected = csvHeader(columns) + runs.map((r) => csvRows(r.meta, r.records, columns)).join('');
    expect(await readFile(path, 'utf8')).toBe(expected);
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  it('nothing appears at PATH until commit; abort keeps the old file', async () => {
    const path = join(dir, 'out.csv');
    await writeFile(path, 'old\r\n');
    const w = await AtomicCsvWriter.open(path, ['time_ms', 'loss']);
    await w.append({ run: 'r', label: 'l', optimizer: 'gd', seed: 1 }, [{ step: 0, time_ms: 0, loss: 1 }]);
    expect(await readFile(path, 'utf8')).toBe('old\r\n');
    expect((await readdir(dir)).sort()).toEqual(['out.csv', 'out.csv.tmp']);
    await w.abort();
    await w.abort();
    expect(await readFile(path, 'utf8')).toBe('old\r\n');
    expect(await readdir(dir)).toEqual(['out.csv']);
    await expect(w.append({ run: 'r', label: 'l', optimizer: 'gd', seed: 1 }, [])).rejects.toThrow(/closed/);
  });

  it('concurrent appends from parallel runs keep every row whole', async () => {
    const path = join(dir, 'par.csv');
    const columns = ['time_ms', 'loss'];
    const w = await AtomicCsvWriter.open(path, columns);
    const appends: Promise<void>[] = [];
    for (let b = 0; b < 20; b++) {
      for (const run of ['a', 'b', 'c']) {
        const records = Array.from({ length: 50 }, (_, k) => ({ step: b * 50 + k, time_ms: k, loss: Math.random() }));
        appends.push(w.append({ run, label: `label ${run}`, optimizer: 'gd', seed: 0 }, records));
      }
    }
    await Promise.all(appends);
    await w.commit();
    const rows = parseCsv(await readFile(path, 'utf8'));
    expect(rows.length).toBe(1 + 20 * 3 * 50);
    for (const row of rows) expect(row.length).toBe(7);
    for (const run of ['a', 'b', 'c']) {
      const steps = rows.filter((r) => r[0] === run).map((r) => Number(r[4]));
      expect(steps).toEqual(Array.from({ length: 1000 }, (_, k) => k));
    }
  });

  it('a failed open leaves nothing behind', async () => {
    await expect(writeCsvFile(join(dir, 'missing', 'out.csv'), makeRuns())).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
