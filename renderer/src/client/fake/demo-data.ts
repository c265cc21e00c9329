/**
 * A library to look at in demo mode: the paper presets already run (the Heavy
 * Ball preset with three seeds, so bands show), plus one diverged run.
 */
import type { ExperimentInput } from '../../../../core/spec/schema.js';
import hbVsNag from '../../../../examples/heavy-ball-vs-nesterov.json';
import direction from '../../../../examples/two-hidden-nodes-direction.json';
import type { FakeClient } from './fake-client.js';

export async function seedDemo(client: FakeClient): Promise<void> {
  const seeded: ExperimentInput = { ...(hbVsNag as ExperimentInput), seeds: 3, metrics: ['loss', 'grad_norm', 'dist_init', 'pl_ratio', 'theory'] };
  await client.invoke('experiments.start', { spec: seeded });
  await client.invoke('experiments.start', { spec: direction });
  await client.invoke('experiments.start', {
    spec: {
      ...(hbVsNag as ExperimentInput),
      name: 'Step size too large',
      train: { steps: 1000, record: { every: 5 }, maxLoss: 1e8 },
      optimizers: [
        { label: 'GD lr=0.5', kind: 'gd', lr: 0.5 },
        { label: 'GD lr=2', kind: 'gd', lr: 2 },
      ],
    },
  });
  client.host.runAll();
}
