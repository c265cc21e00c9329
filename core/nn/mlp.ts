/**
 * Forward and backward passes of the MLP, written out by hand.
 *
 * Forward, for a batch X (n x d, one row per point) and layers l = 0..L-1:
 *   h_0 = X
 *   z_l = c_l h_l W_l + b_l            c_l = 1/sqrt(fan_in_l) (ntk) or 1 (standard)
 *   h_{l+1} = act(z_l)                 for l < L-1
 *   f = z_{L-1}                        (n x outputs)
 *
 * Backward, from D_{L-1} = dLoss/df:
 *   dW_l = c_l h_l^T D_l,   db_l = sum over rows of D_l
 *   D_{l-1} = c_l (D_l W_l^T) * act'(z_{l-1})
 * Transposes are explicit tf.transpose calls so that every matMul is
 * untransposed: the WASM backend sends only that form to its fast XNNPACK path
 * (the transposed forms of stock autodiff fall to a loop 20-50x slower).
 */
import * as tf from '@tensorflow/tfjs-core';
import { activate, activationDerivative } from './activations.js';
import { layerCount, paramSlots, weightScale, type Architecture } from './architecture.js';

export interface ForwardPass {
  /** Network output f, n x outputs. */
  out: tf.Tensor2D;
  /** Inputs of each layer: inputs[0] = X, inputs[l+1] = act(z_l). */
  inputs: tf.Tensor2D[];
  /** Pre-activations z_l of the hidden layers l = 0..L-2. */
  pre: tf.Tensor2D[];
}

/** Weight and bias tensors of layer l from the flat parameter list. */
export function layerParams(a: Architecture, params: readonly tf.Tensor[], layer: number): { w: tf.Tensor2D; b: tf.Tensor1D | null } {
  const stride = a.bias ? 2 : 1;
  return {
    w: params[layer * stride] as tf.Tensor2D,
    b: a.bias ? (params[layer * stride + 1] as tf.Tensor1D) : null,
  };
}

/** The forward pass, keeping what the backward pass needs. Caller disposes (use within tf.tidy). */
export function forward(a: Architecture, params: readonly tf.Tensor[], x: tf.Tensor2D): ForwardPass {
  const inputs: tf.Tensor2D[] = [x];
  const pre: tf.Tensor2D[] = [];
  const L = layerCount(a);
  let h = x;
  for (let l = 0; l < L; l++) {
    const { w, b } = layerParams(a, params, l);
    const c = weightScale(a, l);
    let z: tf.Tensor2D = tf.matMul(h, w);
    if (c !== 1) z = tf.mul(z, c);
    if (b) z = tf.add(z, b);
    if (l === L - 1) return { out: z, inputs, pre };
    pre.push(z);
    h = activate(a.activation, z) as tf.Tensor2D;
    inputs.push(h);
  }
  throw new Error('unreachable: a network has at least one layer');
}

/** The output only. */
export function predict(a: Architecture, params: readonly tf.Tensor[], x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => forward(a, params, x).out);
}

/**
 * Gradients of the loss with respect to every parameter, given the forward
 * pass and dLoss/df. Frozen layers get null (their gradient is never formed).
 */
export function backward(a: Architecture, params: readonly tf.Tensor[], fwd: ForwardPass, dOut: tf.Tensor2D): (tf.Tensor | null)[] {
  const slots = paramSlots(a);
  const grads: (tf.Tensor | null)[] = slots.map(() => null);
  const L = layerCount(a);
  const firstTrainable = a.trainable.indexOf(true);
  const stride = a.bias ? 2 : 1;
  let delta = dOut;
  for (let l = L - 1; l >= 0; l--) {
    const c = weightScale(a, l);
    if (a.trainable[l]) {
      let gw: tf.Tensor = tf.matMul(tf.transpose(fwd.inputs[l]!), delta);
      if (c !== 1) gw = tf.mul(gw, c);
      grads[l * stride] = gw;
      if (a.bias) grads[l * stride + 1] = tf.sum(delta, 0);
    }
    // No layer below needs a signal once the lowest trainable layer is done.
    if (l === 0 || l <= firstTrainable) break;
    const { w } = layerParams(a, params, l);
    let back: tf.Tensor2D = tf.matMul(delta, tf.transpose(w));
    if (c !== 1) back = tf.mul(back, c);
    const z = fwd.pre[l - 1]!;
    delta = tf.mul(back, activationDerivative(a.activation, z, fwd.inputs[l]!)) as tf.Tensor2D;
  }
  return grads;
}
