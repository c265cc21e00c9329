/**
 * The `dist_init` metric: the distance travelled from initialization
 * (Chatterjee 2022 bounds it along a linearly converging trajectory), in total
 * and per layer:
 *   dist_init       |theta_t - theta_0| over the trainable parameters
 *   dist_init_l<l>  sqrt(|W_l - W_l(0)|_F^2 + |b_l - b_l(0)|^2) for every layer
 *                   l = 0..L-1 (0 for frozen layers, which never move)
 * so dist_init^2 is the sum of the per-layer squares. One download per record.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Metric, MetricContext } from './metric.js';
import { layerCount, paramSlots } from '../nn/architecture.js';

export const distInitMetric: Metric = {
  name: 'dist_init',
  compute: (ctx: MetricContext) => {
    const { arch } = ctx;
    const slots = paramSlots(arch);
    const moving = slots.flatMap((s, i) => (arch.trainable[s.layer] ? [i] : []));
    const squares =
      moving.length === 0
        ? new Float32Array(0)
        : tf.tidy(() => tf.stack(moving.map((i) => tf.sum(tf.square(tf.sub(ctx.params[i]!, ctx.initial[i]!))))).dataSync());
    const perLayer = new Float64Array(layerCount(arch));
    moving.forEach((slot, k) => {
      const l = slots[slot]!.layer;
      perLayer[l] = perLayer[l]! + squares[k]!;
    });
    const out: Record<string, number> = { dist_init: Math.sqrt(perLayer.reduce((a, b) => a + b, 0)) };
    perLayer.forEach((sq, l) => {
      out[`dist_init_l${l}`] = Math.sqrt(sq);
    });
    return out;
  },
};
