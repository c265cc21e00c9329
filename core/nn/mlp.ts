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
 * Transposes are explicit (transpose2d below) so that every matMul is
 * untransposed: the WASM backend sends only that form to its fast XNNPACK path
 * (the transposed forms of stock autodiff fall to a loop 20-50x slower).
 *
 * Two more facts about that backend shape the backward pass (bench/, docs/BENCHMARKS.md):
 *  - its Transpose kernel is a plain loop writing with a stride of a whole
 *    row; for tall matrices (rows of 4 KB) it runs at ~20 ns per element.
 *    transpose2d moves the same floats in two cache-friendly passes instead;
 *  - matMul(A, B) re-packs B into XNNPACK's weight layout on every call with
 *    a new B (during training every B is new), at about twice the cost per
 *    float of transpose2d. Each product of the backward pass has two
 *    untransposed forms, P Q = (Q^T P^T)^T; the one with the smaller cost,
 *    counting 1 per float transposed and 2 per float packed, is used. Both
 *    form the same dot products, each summed in the same order (bitwise equal
 *    results, checked in test/core/nn/fast-paths.test.ts).
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
      let gw: tf.Tensor = weightGradient(fwd.inputs[l]!, delta);
      if (c !== 1) gw = tf.mul(gw, c);
      grads[l * stride] = gw;
      if (a.bias) grads[l * stride + 1] = tf.sum(delta, 0);
    }
    // No layer below needs a signal once the lowest trainable layer is done.
    if (l === 0 || l <= firstTrainable) break;
    const { w } = layerParams(a, params, l);
    let back = inputGradient(delta, w);
    if (c !== 1) back = tf.mul(back, c);
    const z = fwd.pre[l - 1]!;
    delta = tf.mul(back, activationDerivative(a.activation, z, fwd.inputs[l]!)) as tf.Tensor2D;
  }
  return grads;
}

/** h^T D for h (n x fan_in) and D (n x fan_out): the weight gradient before the scale c. */
export function weightGradient(h: tf.Tensor2D, delta: tf.Tensor2D): tf.Tensor2D {
  const [n, fanIn] = h.shape;
  const fanOut = delta.shape[1];
  // h^T D: transpose h, pack D.             cost n fan_in + 2 n fan_out
  // (D^T h)^T: transpose D and the product, pack h.  cost n fan_out + fan_in fan_out + 2 n fan_in
  if (n * fanOut + fanIn * fanOut + 2 * n * fanIn < n * fanIn + 2 * n * fanOut) {
    return transpose2d(tf.matMul(transpose2d(delta), h));
  }
  return tf.matMul(transpose2d(h), delta);
}

/** D W^T for D (n x fan_out) and W (fan_in x fan_out): the backpropagated signal before c and act'. */
export function inputGradient(delta: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  const n = delta.shape[0];
  const [fanIn, fanOut] = w.shape;
  // D W^T: transpose W, pack W^T.            cost 3 fan_in fan_out
  // (W D^T)^T: transpose D and the product, pack D^T.  cost 3 n fan_out + n fan_in
  if (3 * n * fanOut + n * fanIn < 3 * fanIn * fanOut) return transpose2d(tf.matMul(w, transpose2d(delta)));
  return tf.matMul(delta, transpose2d(w));
}

/** Rows of the blocks in transpose2d's first pass. */
const BLOCK = 32;

/**
 * The transpose of a matrix, exactly (it only moves floats). A large matrix
 * with rows divisible by BLOCK = 32 goes in two passes over [r/32, 32, c]:
 * each 32 x c slab to c x 32 (writes 128 bytes apart), then the slabs
 * interleaved as c x (r/32) runs of 32 contiguous floats. On the WASM backend
 * this is 4-13x faster than one tf.transpose for matrices of 64K+ floats
 * (measured in bench/); small ones keep tf.transpose, faster below ~32K floats.
 *
 * A vector is NOT transposed by a reshape: the WASM backend caches its XNNPACK
 * matMul operator under the data id of B alone, not B's shape, so a reshaped
 * view of a weight vector used as B after the weight itself (forward pass)
 * picks up the operator built for the other shape and reads out of bounds.
 */
export function transpose2d(x: tf.Tensor2D): tf.Tensor2D {
  const [r, c] = x.shape;
  if (r * c < 32768 || r % BLOCK !== 0) return tf.transpose(x);
  return tf.tidy(() => {
    const slabs = tf.transpose(tf.reshape(x, [r / BLOCK, BLOCK, c]), [0, 2, 1]); // [r/32, c, 32]
    return tf.reshape(tf.transpose(slabs, [1, 0, 2]), [c, r]); // [c, r/32, 32] = [c, r]
  });
}
