import { describe, expect, it } from 'vitest';
import type { RunListingWire } from '../../../core/contract/records.js';
import { emptyQuery, queryRuns, rateOrder } from '../../../renderer/src/library/run-query.js';
import { fresher } from '../../../renderer/src/library/listing-order.js';

function run(over: Partial<RunListingWire>): RunListingWire {
  return {
    id: 'r',
    experimentId: 'e',
    experimentName: 'exp',
    label: 'GD',
    name: null,
    optimizer: 'gd',
    seed: 0,
    replicate: 0,
    status: 'finished',
    reason: null,
    environment: null,
    createdAt: Date.UTC(2026, 0, 10, 12),
    startedAt: null,
    finishedAt: null,
    steps: 100,
    finalLoss: 1,
    stepsToTarget: null,
    rate: null,
    wallMs: 1000,
    note: '',
    tags: [],
    ...over,
  };
}

const lin = (rho: number) => ({ kind: 'linear' as const, rho, exponent: null, r2: 0.99 });
const sub = (p: number) => ({ kind: 'sublinear' as const, rho: null, exponent: p, r2: 0.99 });

describe('run query', () => {
  const runs = [
    run({ id: 'a', label: 'GD', finalLoss: 1e-3, rate: lin(0.99), tags: ['fig2'] }),
    run({ id: 'b', label: 'HB', optimizer: 'heavy-ball', finalLoss: 1e-9, rate: lin(0.9), stepsToTarget: 40 }),
    run({ id: 'c', label: 'NAG', optimizer: 'nesterov', finalLoss: null, rate: sub(2), status: 'diverged' }),
    run({ id: 'd', label: 'Adam', optimizer: 'adam', finalLoss: 1e-5, rate: sub(0.5), createdAt: Date.UTC(2026, 0, 12, 12), note: 'warm start' }),
  ];
  const ids = (q: Partial<ReturnType<typeof emptyQuery>>) => queryRuns(runs, { ...emptyQuery(), ...q }).map((r) => r.id);

  it('sorts by final loss with missing values last in both directions', () => {
    expect(ids({ sortKey: 'finalLoss', sortDir: 'asc' })).toEqual(['b', 'd', 'a', 'c']);
    expect(ids({ sortKey: 'finalLoss', sortDir: 'desc' })).toEqual(['a', 'd', 'b', 'c']);
  });

  it('orders fitted rates fastest first: linear by rho, then sublinear by exponent', () => {
    expect(rateOrder(runs[2]!)).toBe(1.5);
    expect(ids({ sortKey: 'rate', sortDir: 'asc' })).toEqual(['b', 'a', 'c', 'd']);
  });

  it('sorts by steps to target and wall time', () => {
    expect(ids({ sortKey: 'stepsToTarget', sortDir: 'asc' })[0]).toBe('b');
  });

  it('filters by optimizer, status, tag, date and words', () => {
    expect(ids({ optimizer: 'nesterov' })).toEqual(['c']);
    expect(ids({ status: 'diverged' })).toEqual(['c']);
    expect(ids({ tag: 'fig2' })).toEqual(['a']);
    expect(ids({ from: '2026-01-11' })).toEqual(['d']);
    expect(ids({ to: '2026-01-10' }).sort()).toEqual(['a', 'b', 'c']);
    expect(ids({ search: 'warm' })).toEqual(['d']);
    expect(ids({ search: 'heavy hb' })).toEqual(['b']);
  });

  it('never lets a stale active listing replace a final one', () => {
    const done = run({ status: 'finished' });
    expect(fresher(done, run({ status: 'running' }))).toBe(done);
    const newer = run({ status: 'cancelled' });
    expect(fresher(run({ status: 'running' }), newer)).toBe(newer);
  });
});
