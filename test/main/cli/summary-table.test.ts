import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../core/run/types.js';
import {
  formatCompact,
  formatRate,
  formatRho,
  formatWall,
  renderSummaryTable,
  summaryJson,
  type SummaryRunInput,
} from '../../../main/cli/summary-table.js';

function result(over: Partial<RunResult>): RunResult {
  return {
    status: 'finished',
    steps: 3000,
    finalLoss: 3.1e-11,
    stepsToTarget: 1240,
    rate: { kind: 'linear', rho: 0.981, exponent: null, r2: 0.999 },
    wallMs: 5321,
    reason: null,
    environment: { backend: 'wasm', tfjs: '4.22.0', simd: true, node: 'v20', lab: '0.1.0', dataSha256: null },
    ...over,
  };
}

function runs(): SummaryRunInput[] {
  return [
    { id: 'r-1', label: 'HB', optimizer: 'heavy-ball', seed: 7, result: result({}) },
    {
      id: 'r-2',
      label: 'GD long label',
      optimizer: 'gd',
      seed: 7,
      result: result({
        steps: 20000,
        finalLoss: 0.0123,
        stepsToTarget: null,
        rate: { kind: 'sublinear', rho: null, exponent: 1.0213, r2: 0.9904 },
        wallMs: 125_000,
      }),
    },
    {
      id: 'r-3',
      label: 'Adam',
      optimizer: 'adam',
      seed: 8,
      result: result({
        status: 'diverged',
        steps: 42,
        finalLoss: NaN,
        stepsToTarget: null,
        rate: { kind: 'undetermined', rho: null, exponent: null, r2: null },
        wallMs: 850,
        reason: 'loss is NaN at step 42',
      }),
    },
  ];
}

describe('summaryJson', () => {
  it('has exactly the SPEC.md shape', () => {
    const json = summaryJson({ id: 'e-1', name: 'HB vs NAG' }, runs().slice(0, 1));
    expect(json).toEqual({
      experiment: { id: 'e-1', name: 'HB vs NAG' },
      runs: [
        {
          id: 'r-1',
          label: 'HB',
          optimizer: 'heavy-ball',
          seed: 7,
          status: 'finished',
          steps: 3000,
          finalLoss: 3.1e-11,
          stepsToTarget: 1240,
          rate: { kind: 'linear', rho: 0.981, exponent: null, r2: 0.999 },
          backend: 'wasm',
          wallMs: 5321,
        },
      ],
    });
    // Field order as in SPEC.md, too.
    expect(Object.keys(json.runs[0]!)).toEqual([
      'id', 'label', 'optimizer', 'seed', 'status', 'steps', 'finalLoss', 'stepsToTarget', 'rate', 'backend', 'wallMs',
    ]);
  });

  it('turns a non-finite final loss into null and survives JSON', () => {
    const json = summaryJson({ id: 'e', name: 'n' }, runs());
    expect(json.runs[2]!.finalLoss).toBeNull();
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('formatting', () => {
  it('rates', () => {
    expect(formatRate({ kind: 'linear', rho: 0.98123, exponent: null, r2: 0.99912 })).toBe('linear rho=0.9812 (R2 0.999)');
    expect(formatRate({ kind: 'sublinear', rho: null, exponent: 1.0213, r2: 0.9904 })).toBe('sublinear p=1.02 (R2 0.990)');
    expect(formatRate({ kind: 'undetermined', rho: null, exponent: null, r2: 0.5 })).toBe('undetermined');
  });

  it('rho near 1 keeps the digits that matter', () => {
    expect(formatRho(0.99997)).toBe('0.999970');
    expect(formatRho(0.5)).toBe('0.5000');
    expect(formatRho(1)).toBe('1.0000');
  });

  it('numbers are compact: plain in [1e-3, 1e4), scientific outside', () => {
    expect(formatCompact(3.1e-11)).toBe('3.10e-11');
    expect(formatCompact(0.0123)).toBe('0.0123');
    expect(formatCompact(1234.5)).toBe('1230');
    expect(formatCompact(123456)).toBe('1.23e+5');
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(null)).toBe('-');
    expect(formatCompact(NaN)).toBe('NaN');
    expect(formatCompact(-Infinity)).toBe('-Inf');
  });

  it('wall time', () => {
    expect(formatWall(850)).toBe('850ms');
    expect(formatWall(5321)).toBe('5.3s');
    expect(formatWall(125_000)).toBe('2m05s');
    expect(formatWall(3_725_000)).toBe('1h02m');
  });
});

describe('renderSummaryTable', () => {
  it('aligns columns: text left, numbers right, header and rule', () => {
    const lines = renderSummaryTable(runs());
    expect(lines[0]).toMatch(/^label +optimizer +status +steps +final loss +to target +rate +wall$/);
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
    const rows = lines.slice(2, 5);
    expect(rows[0]).toMatch(/^HB +heavy-ball +finished +3000 +3\.10e-11 +1240 +linear rho=0\.9810 \(R2 0\.999\) +5\.3s$/);
    expect(rows[1]).toMatch(/^GD long label +gd +finished +20000 +0\.0123 +- +sublinear p=1\.02 \(R2 0\.990\) +2m05s$/);
    expect(rows[2]).toMatch(/^Adam +adam +diverged +42 +NaN +- +undetermined +850ms$/);
    // Column starts agree with the header (left-aligned columns) and ends agree (right-aligned).
    const header = lines[0]!;
    for (const [title, align] of [['optimizer', 'left'], ['status', 'left'], ['rate', 'left'], ['steps', 'right'], ['final loss', 'right'], ['to target', 'right']] as const) {
      const start = header.indexOf(title);
      const end = start + title.length;
      for (const row of rows) {
        if (align === 'left') expect(row[start - 1]).toBe(' ');
        if (align === 'left') expect(row[start]).not.toBe(' ');
        if (align === 'right') expect(row[end - 1]).not.toBe(' ');
        if (align === 'right') expect(row[end] ?? ' ').toBe(' ');
      }
    }
    // Right-aligned wall column: every row ends at the rule's end.
    for (const row of rows) expect(row.length).toBe(lines[1]!.length);
    for (const l of lines) expect(l).toBe(l.trimEnd());
  });

  it('adds the reason for a diverged or failed run after the table', () => {
    const lines = renderSummaryTable(runs());
    expect(lines.slice(5)).toEqual(['', 'Adam: diverged: loss is NaN at step 42']);
  });

  it('keeps a label with a line break on one row', () => {
    const r = runs()[0]!;
    const lines = renderSummaryTable([{ ...r, label: 'a\nb' }]);
    expect(lines).toHaveLength(3);
    expect(lines[2]!.startsWith('a b ')).toBe(true);
  });
});
