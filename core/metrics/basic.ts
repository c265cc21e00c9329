/**
 * The cheap metrics of SPEC.md. Norms and distances are over the trainable
 * parameters (frozen ones never move):
 *   grad_norm      |grad L(theta_t)|
 *   dist_init      |theta_t - theta_0|, with per-layer columns: layer-distance.ts
 *   rel_dist_init  |theta_t - theta_0| / |theta_0|   (NaN when theta_0 = 0)
 *   pl_ratio       |grad L(theta_t)|^2 / L(theta_t)
 *   accuracy       fraction of training points classified right (and
 *                  test_accuracy on the held-out points when there are some)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Metric, MetricContext } from './metric.js';
import { squaredDistance, squaredNorm } from './norms.js';
import { predict } from '../nn/mlp.js';

const trainableOf = (ctx: MetricContext, params: readonly tf.Tensor[]): tf.Tensor[] =>
  ctx.objective.trainable.map((i) => params[i]!);

export const lossMetric: Metric = {
  name: 'loss',
  compute: (ctx) => ({ loss: ctx.full().loss }),
};

export const testLossMetric: Metric = {
  name: 'test_loss',
  compute: (ctx) => {
    const { xTest, yTest } = ctx.objective;
    const out: Record<string, number> = {};
    if (xTest && yTest) out.test_loss = ctx.objective.lossAt(ctx.params, xTest, yTest);
    return out;
  },
};

export const gradNormMetric: Metric = {
  name: 'grad_norm',
  compute: (ctx) => ({ grad_norm: Math.sqrt(squaredNorm(ctx.full().grads)) }),
};

export const plRatioMetric: Metric = {
  name: 'pl_ratio',
  compute: (ctx) => {
    const { loss, grads } = ctx.full();
    return { pl_ratio: squaredNorm(grads) / loss };
  },
};

export function relDistInitMetric(): Metric {
  let initialNorm: number | null = null;
  return {
    name: 'rel_dist_init',
    compute: (ctx) => {
      initialNorm ??= Math.sqrt(squaredNorm(trainableOf(ctx, ctx.initial)));
      const dist = Math.sqrt(squaredDistance(trainableOf(ctx, ctx.params), trainableOf(ctx, ctx.initial)));
      return { rel_dist_init: initialNorm > 0 ? dist / initialNorm : Number.NaN };
    },
  };
}

/** Fraction of rows whose predicted class matches the label. */
export function accuracyOf(f: tf.Tensor2D, y: tf.Tensor1D, labels: 'pm1' | 'classes' | 'real'): number {
  return tf.tidy(() => {
    let correct: tf.Tensor;
    if (f.shape[1] === 1) {
      // Predicted label sign(f), with sign(0) = +1 as for the labels.
      const pred = tf.where(tf.greaterEqual(tf.reshape(f, [-1]), 0), tf.onesLike(y), tf.neg(tf.onesLike(y)));
      correct = tf.equal(pred, y);
    } else {
      const cls = labels === 'pm1' ? tf.cast(tf.div(tf.add(y, 1), 2), 'int32') : tf.cast(y, 'int32');
      correct = tf.equal(tf.argMax(f, 1), cls);
    }
    return tf.mean(tf.cast(correct, 'float32')).dataSync()[0]!;
  });
}

export const accuracyMetric: Metric = {
  name: 'accuracy',
  compute: (ctx) => {
    const o = ctx.objective;
    const out: Record<string, number> = { accuracy: accuracyOf(ctx.forwardTrain().out, o.yTrain, o.labels) };
    if (o.xTest && o.yTest) {
      const f = predict(ctx.arch, ctx.params, o.xTest);
      out.test_accuracy = accuracyOf(f, o.yTest, o.labels);
      f.dispose();
    }
    return out;
  },
};
