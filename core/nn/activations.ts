/**
 * Activations on tensors, each with its derivative, for the hand-written
 * backward pass of core/nn/mlp.ts. The derivative takes the pre-activation z
 * (and the activation a = act(z), which some derivatives reuse).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ACTIVATIONS } from '../spec/schema.js';

export type Activation = (typeof ACTIVATIONS)[number];

/** Slope of leaky-relu for z < 0 (as PyTorch's default negative_slope). */
export const LEAKY_SLOPE = 0.01;

export function activate(kind: Activation, z: tf.Tensor): tf.Tensor {
  switch (kind) {
    case 'relu':
      return tf.relu(z);
    case 'leaky-relu':
      return tf.leakyRelu(z, LEAKY_SLOPE);
    case 'tanh':
      return tf.tanh(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'softplus':
      return tf.softplus(z);
    case 'gelu':
      // Exact GELU: z * Phi(z), Phi(z) = (1 + erf(z / sqrt 2)) / 2.
      return tf.tidy(() => tf.mul(z, normalCdf(z)));
    case 'identity':
      return z;
  }
}

/** d act / dz at z, given a = act(z). */
export function activationDerivative(kind: Activation, z: tf.Tensor, a: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    switch (kind) {
      case 'relu':
        // Subgradient 0 at z = 0, as PyTorch and TensorFlow take it.
        return tf.step(z, 0);
      case 'leaky-relu':
        return tf.add(tf.mul(tf.step(z, 0), 1 - LEAKY_SLOPE), LEAKY_SLOPE);
      case 'tanh':
        return tf.sub(1, tf.square(a));
      case 'sigmoid':
        return tf.mul(a, tf.sub(1, a));
      case 'softplus':
        return tf.sigmoid(z);
      case 'gelu':
        // d/dz [z Phi(z)] = Phi(z) + z phi(z), phi the standard normal density.
        return tf.add(normalCdf(z), tf.mul(z, tf.mul(tf.exp(tf.mul(tf.square(z), -0.5)), 1 / Math.sqrt(2 * Math.PI))));
      case 'identity':
        return tf.onesLike(z);
    }
  });
}

function normalCdf(z: tf.Tensor): tf.Tensor {
  return tf.mul(tf.add(tf.erf(tf.mul(z, Math.SQRT1_2)), 1), 0.5);
}
