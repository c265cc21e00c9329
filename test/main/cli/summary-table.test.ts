import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../core/run/types.js';
import {
  formatCompact,
  formatHeavyBallOptimum,
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

/** The runs above, with what the `theory` metric recorded for the first two. */
function theoryRuns(): SummaryRunInput[] {
  const [hb, gd, adam] = runs() as [SummaryRunInput, SummaryRunInput, SummaryRunInput];
  const hbOptimal = { lr: 0.0331, beta: 0.669421, rho: 0.669421 };
  return [
    { ...hb, theory: { rho: 0.97654321, hbOptimal } },
    { ...gd, theory: { rho: 0.99997, hbOptimal } },
    { ...adam, theory: null },
  ];
}

describe('theory beside the fitted rate', () => {
  it('the table gets a `theory rho` column after `rate` only when some run recorded theory', () => {
    expect(renderSummaryTable(runs())[0]).not.toContain('theory rho');
    const lines = renderSummaryTable(theoryRuns());
    expect(lines[0]).toMatch(/^label +optimizer +status +steps +final loss +to target +rate +theory rho +wall$/);
    expect(lines[2]).toMatch(/ linear rho=0\.9810 \(R2 0\.999\) +0\.9765 +5\.3s$/);
    expect(lines[3]).toMatch(/ sublinear p=1\.02 \(R2 0\.990\) +0\.999970 +2m05s$/);
    expect(lines[4]).toMatch(/ undetermined +- +850ms$/);
    // Right-aligned like the other numbers: the column ends under its title.
    const end = lines[0]!.indexOf('theory rho') + 'theory rho'.length;
    for (const row of lines.slice(2, 5)) expect(row[end - 1]).not.toBe(' ');
  });

  it("notes Polyak's optimum for heavy-ball runs only, before the reasons", () => {
    const lines = renderSummaryTable(theoryRuns());
    expect(lines.slice(5)).toEqual([
      '',
      'HB: heavy-ball optimum on H_0 (Polyak): lr*=0.0331 beta*=0.6694 rho*=0.6694',
      'Adam: diverged: loss is NaN at step 42',
    ]);
    expect(formatHeavyBallOptimum({ lr: 12.5, beta: 0.9995, rho: 0.9995 })).toBe('lr*=12.5 beta*=0.99950 rho*=0.99950');
    // No optimum (lambda_min = 0): no note.
    const [hb] = theoryRuns();
    expect(renderSummaryTable([{ ...hb!, theory: { rho: 1, hbOptimal: null } }])).toHaveLength(3);
  });

  it('--json keeps SPEC.md fields and adds `theory` after them, only for runs that recorded it', () => {
    const json = summaryJson({ id: 'e', name: 'n' }, theoryRuns());
    const spec = ['id', 'label', 'optimizer', 'seed', 'status', 'steps', 'finalLoss', 'stepsToTarget', 'rate', 'backend', 'wallMs'];
    expect(Object.keys(json.runs[0]!)).toEqual([...spec, 'theory']);
    expect(Object.keys(json.runs[2]!)).toEqual(spec);
    expect(json.runs[0]!.theory).toEqual({ rho: 0.97654321, hbOptimal: { lr: 0.0331, beta: 0.669421, rho: 0.669421 } });
    // Everything else is exactly what it was without theory.
    const plain = summaryJson({ id: 'e', name: 'n' }, runs());
    expect(json.runs.map(({ theory: _t, ...rest }) => rest)).toEqual(plain.runs);
  });

  it('--json: a non-finite prediction is null, never NaN', () => {
    const [hb] = theoryRuns();
    const json = summaryJson({ id: 'e', name: 'n' }, [
      { ...hb!, theory: { rho: Number.NaN, hbOptimal: { lr: Number.POSITIVE_INFINITY, beta: 0.5, rho: 0.5 } } },
    ]);
    expect(json.runs[0]!.theory).toEqual({ rho: null, hbOptimal: null });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
