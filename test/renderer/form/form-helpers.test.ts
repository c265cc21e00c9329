import { describe, expect, it } from 'vitest';
import { optimizerSchema } from '../../../core/spec/schema.js';
import { walkSchema } from '../../../renderer/src/form/schema-walk.js';
import { formatNumberList, parseJsonText, parseNumberList, parseNumberText } from '../../../renderer/src/form/parse-input.js';
import { getAt, pathString, setAt, fieldId } from '../../../renderer/src/form/draft-path.js';
import { initialVariant, suggestedNumber } from '../../../renderer/src/form/initial-values.js';
import { duplicated, moved, newItem } from '../../../renderer/src/form/list-items.js';
import { itemProblemsUnder, strayUnder } from '../../../renderer/src/form/problem-paths.js';
import { validateExperiment } from '../../../core/spec/validate.js';
import type { VariantNode } from '../../../renderer/src/form/field-node.js';

describe('form input parsing', () => {
  it('keeps half-typed numbers as text so validation can name them', () => {
    expect(parseNumberText('')).toBeUndefined();
    expect(parseNumberText(' 1e-10 ')).toBe(1e-10);
    expect(parseNumberText('0.2.')).toBe('0.2.');
    expect(parseNumberList('2048, 512')).toEqual([2048, 512]);
    expect(parseNumberList('[]')).toEqual([]);
    expect(parseNumberList('')).toBeUndefined();
    expect(parseNumberList('1, x')).toEqual([1, 'x']);
    expect(formatNumberList([])).toBe('[]');
    expect(parseJsonText('[0.1, 0.3]')).toEqual([0.1, 0.3]);
    expect(parseJsonText('[0.1,')).toBe('[0.1,');
  });

  it('reads and writes drafts by path; undefined removes the key', () => {
    const d: Record<string, unknown> = { optimizers: [{ kind: 'gd', lr: 0.1 }] };
    setAt(d, ['optimizers', 0, 'lr'], 0.2);
    setAt(d, ['model', 'init', 'kind'], 'he');
    expect(getAt(d, ['model', 'init', 'kind'])).toBe('he');
    setAt(d, ['model', 'init', 'kind'], undefined);
    expect(d.model).toEqual({ init: {} });
    expect(pathString(['optimizers', 0, 'lr'])).toBe('optimizers[0].lr');
    expect(fieldId('optimizers[0].lr')).toBe('field-optimizers-0-lr');
  });

  it('shows problems of fields the form does not render at the nearest fieldset', () => {
    const problems = new Map([
      ['data.extra', ['unknown field']],
      ['data.n', ['too small']],
      ['(file)', ['not an object']],
    ]);
    expect(strayUnder(problems, ['data'], ['kind', 'n'])).toEqual(['extra: unknown field']);
    expect(strayUnder(problems, [], ['data'])).toEqual(['not an object']);
  });

  it('shows problems of number-list items at the list input', () => {
    const check = validateExperiment({ version: 1, name: 'x', seed: 0, data: { kind: 'gaussian', n: 4, d: 2 }, model: { hidden: [8, 0] }, train: { steps: 10 }, optimizers: [{ kind: 'gd', lr: 0.1 }] });
    expect(check.ok).toBe(false);
    const problems = new Map<string, string[]>();
    for (const p of check.ok ? [] : check.problems) problems.set(p.path, [...(problems.get(p.path) ?? []), p.message]);
    const messages = itemProblemsUnder(problems, ['model', 'hidden']);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^item 2: .*1/);
    expect(itemProblemsUnder(new Map([['model.hiddenx[0]', ['no']], ['optimizers[0].lr', ['no']]]), ['model', 'hidden'])).toEqual([]);
    expect(itemProblemsUnder(new Map([['optimizers[1].lr', ['too small']]]), ['optimizers'])).toEqual(['item 2 lr: too small']);
  });
});

describe('new entries and branches start close to valid', () => {
  const node = walkSchema(optimizerSchema) as VariantNode;

  it('suggests numbers inside their bounds', () => {
    expect(suggestedNumber({ int: true, min: 1, minInclusive: true })).toBe(1);
    expect(suggestedNumber({ int: false, min: 0, minInclusive: false })).toBe(0.1);
    expect(suggestedNumber({ int: false, min: 0, minInclusive: true, max: 1, maxInclusive: false })).toBe(0.5);
  });

  it('adds optimizers with unique labels, valid as they come', () => {
    const list: unknown[] = [{ label: 'GD', kind: 'gd', lr: 0.1 }];
    const nag = newItem(node, list, 'nesterov');
    expect(nag).toEqual({ label: 'NESTEROV', kind: 'nesterov', lr: 0.1 });
    const spec = { version: 1, data: { kind: 'gaussian' }, optimizers: [...list, nag, newItem(node, [...list, nag], 'nesterov')] };
    const v = validateExperiment(spec);
    expect(v.ok).toBe(true);
    expect((spec.optimizers[2] as { label: string }).label).toBe('NESTEROV 2');
  });

  it('switching a kind keeps the fields that mean the same', () => {
    const hb = initialVariant(node, 'heavy-ball', { label: 'X', kind: 'gd', lr: 0.3 });
    expect(hb).toEqual({ kind: 'heavy-ball', label: 'X', lr: 0.3 });
    const adam = initialVariant(node, 'adam', { kind: 'heavy-ball', lr: 0.3, momentum: 0.5 });
    expect(adam).toEqual({ kind: 'adam', lr: 0.3 });
  });

  it('duplicates and moves entries', () => {
    const list = [{ label: 'GD', kind: 'gd' }, { label: 'HB', kind: 'heavy-ball' }];
    expect(duplicated(list, 0).map((o) => (o as { label: string }).label)).toEqual(['GD', 'GD copy', 'HB']);
    expect(moved(list, 1, -1)).toEqual([list[1], list[0]]);
    expect(moved(list, 1, 1)).toEqual(list);
  });
});

describe('picking a schedule for lr', () => {
  it('starts the schedule with every required field filled', async () => {
    const { walkSchema: walk } = await import('../../../renderer/src/form/schema-walk.js');
    const node = walk(optimizerSchema) as VariantNode;
    const gd = node.variants.find((v) => v.value === 'gd')!.node;
    const lr = gd.fields.find((f) => f.key === 'lr')!.node;
    if (lr.type !== 'choice') throw new Error('lr is a choice');
    const step = lr.options.find((o) => o.id === 'variant:step')!.initial();
    expect(step).toEqual({ kind: 'step', initial: 0.1, gamma: 0.5, every: 1 });
    const v = validateExperiment({ version: 1, data: { kind: 'gaussian' }, optimizers: [{ kind: 'gd', lr: step }] });
    expect(v.ok).toBe(true);
  });
});
