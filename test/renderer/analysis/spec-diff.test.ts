import { describe, expect, it } from 'vitest';
import { diffSpecs, flattenSpec, seedlessKey } from '../../../renderer/src/analysis/spec-diff.js';

const base = {
  experimentName: 'HB vs NAG',
  label: 'HB',
  seed: 7,
  replicate: 0,
  sweepPoint: {},
  data: { kind: 'gaussian', n: 32, d: 16 },
  model: { hidden: [2048], activation: 'relu' },
  optimizer: { kind: 'heavy-ball', lr: 0.2, momentum: 0.9 },
};

describe('spec diff', () => {
  it('flattens to dotted paths, arrays of numbers as one leaf', () => {
    const flat = flattenSpec(base);
    expect(flat.get('model.hidden')).toBe('[2048]');
    expect(flat.get('optimizer.lr')).toBe('0.2');
    expect(flat.get('data.kind')).toBe('"gaussian"');
  });

  it('keeps only the settings that differ', () => {
    const nag = { ...base, label: 'NAG', optimizer: { kind: 'nesterov', lr: 0.2, momentum: '(k-1)/(k+2)' } };
    const wide = { ...base, model: { hidden: [4096], activation: 'relu' } };
    const d = diffSpecs([base, nag, wide]);
    expect(d.map((x) => x.path)).toEqual(['model.hidden', 'optimizer.kind', 'optimizer.momentum']);
    expect(d.find((x) => x.path === 'optimizer.momentum')!.values).toEqual(['0.9', '"(k-1)/(k+2)"', '0.9']);
  });

  it('reports a field present in one spec only, and ignores run bookkeeping', () => {
    const withTarget = { ...base, experimentName: 'other', train: { targetLoss: 1e-10 } };
    const d = diffSpecs([base, withTarget]);
    expect(d).toEqual([{ path: 'train.targetLoss', values: ['', '1e-10'] }]);
  });

  it('says nothing for fewer than two specs', () => {
    expect(diffSpecs([base])).toEqual([]);
  });

  it('keys runs that differ only by seed (or experiment name) alike', () => {
    expect(seedlessKey(base)).toBe(seedlessKey({ ...base, seed: 99, replicate: 2, experimentName: 'renamed' }));
    expect(seedlessKey(base)).not.toBe(seedlessKey({ ...base, optimizer: { ...base.optimizer, lr: 0.1 } }));
  });
});
