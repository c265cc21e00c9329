import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { experimentSchema } from '../../../core/spec/schema.js';
import { walkSchema } from '../../../renderer/src/form/schema-walk.js';
import type { ChoiceNode, FieldNode, ObjectNode, VariantNode } from '../../../renderer/src/form/field-node.js';

const root = walkSchema(experimentSchema) as ObjectNode;
const field = (o: ObjectNode, key: string) => o.fields.find((f) => f.key === key)!;

describe('walkSchema: the designer form comes from the experiment schema', () => {
  it('maps the kinds of field to widgets', () => {
    const t = (key: string): FieldNode['type'] => field(root, key).node.type;
    expect(root.type).toBe('object');
    expect([t('version'), t('name'), t('seed'), t('data'), t('model'), t('optimizers'), t('sweep'), t('metrics')]).toEqual([
      'literal',
      'string',
      'number',
      'variant',
      'object',
      'list',
      'record',
      'enumSet',
    ]);
    const model = field(root, 'model').node as ObjectNode;
    expect(field(model, 'hidden').node.type).toBe('numberList');
    expect(field(model, 'bias').node.type).toBe('boolean');
    expect(field(model, 'activation').node).toMatchObject({ type: 'enum', values: expect.arrayContaining(['relu', 'tanh']) });
  });

  it('keeps defaults and whether a field is required', () => {
    const seed = field(root, 'seed');
    expect(seed).toMatchObject({ required: false, hasDefault: true, defaultValue: 0 });
    expect(seed.node).toMatchObject({ type: 'number', rule: { int: true, min: 0, minInclusive: true } });
    expect(field(root, 'data').required).toBe(true);
    expect(field(root, 'optimizers').required).toBe(true);
  });

  it('turns discriminated unions into a kind select; enum-keyed branches list each value', () => {
    const data = field(root, 'data').node as VariantNode;
    expect(data.discriminator).toBe('kind');
    expect(data.variants.map((v) => v.value)).toEqual(expect.arrayContaining(['gaussian', 'sphere', 'orthonormal', 'csv', 'moons', 'spiral']));
    const csv = data.variants.find((v) => v.value === 'csv')!.node;
    expect(field(csv, 'path').required).toBe(true);
  });

  it('offers plain unions as a mode select: a fixed lr or a schedule', () => {
    const optimizers = field(root, 'optimizers').node as Extract<FieldNode, { type: 'list' }>;
    const gd = (optimizers.item as VariantNode).variants.find((v) => v.value === 'gd')!.node;
    const lr = field(gd, 'lr').node as ChoiceNode;
    expect(lr.type).toBe('choice');
    expect(lr.options.map((o) => o.id)).toEqual(['variant:constant', 'variant:step', 'variant:cosine', 'variant:inverse-time', 'number']);
    const number = lr.options.find((o) => o.id === 'number')!;
    expect(number.matches(0.1)).toBe(true);
    expect(number.matches('0.1x')).toBe(true); // half-typed text stays with the number input
    expect(lr.options.find((o) => o.id === 'variant:step')!.matches({ kind: 'step' })).toBe(true);
    const batch = field(field(root, 'train').node as ObjectNode, 'batch').node as ChoiceNode;
    expect(batch.options.map((o) => o.id)).toEqual(['lit:full', 'number']);
    expect(batch.options[0]!.matches('full')).toBe(true);
    expect(batch.options[1]!.matches('full')).toBe(false);
  });

  it('walks any zod schema the same way (a new field shows up with no form code)', () => {
    const node = walkSchema(z.strictObject({ width: z.number().int().min(1).default(8), mode: z.enum(['a', 'b']).optional(), on: z.boolean() })) as ObjectNode;
    expect(node.fields.map((f) => [f.key, f.node.type, f.required])).toEqual([
      ['width', 'number', false],
      ['mode', 'enum', false],
      ['on', 'boolean', true],
    ]);
  });
});
