/**
 * The empirical neural tangent kernel (Jacot, Gabriel & Hongler 2018) of a
 * scalar-output MLP on n inputs, over its TRAINABLE parameters:
 *   H_ij = sum over trainable theta of df(x_i)/dtheta * df(x_j)/dtheta.
 *
 * No per-sample backward pass: with the notation of core/nn/mlp.ts
 * (z_l = c_l h_l W_l + b_l, f = z_{L-1}) the per-sample output signals
 *   D_{L-1} = 1 (n x 1),   D_{l-1} = c_l (D_l W_l^T) * act'(z_{l-1})
 * give df(x_i)/dW_l = c_l h_l[i]^T D_l[i] (an outer product) and
 * df(x_i)/db_l = D_l[i], so layer l contributes
 *   c_l^2 (D_l D_l^T) ⊙ (h_l h_l^T)  +  D_l D_l^T  (the last with bias only),
 * because <a b^T, a' b'^T>_F = (a.a')(b.b'). Two n x n Gram products per
 * trainable layer instead of n backward passes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { activationDerivative } from '../nn/activations.js';
import { layerCount, weightScale, type Architecture } from '../nn/architecture.js';
import { forward, layerParams, type ForwardPass } from '../nn/mlp.js';

/**
 * H (n x n, row-major float64, exactly symmetric) on the rows of x. The tensor
 * work is float32; H is downloaded once and symmetrised as (H + H^T) / 2.
 * `fwd` may pass a forward pass already made on x (it is not disposed).
 */
export function ntkGram(arch: Architecture, params: readonly tf.Tensor[], x: tf.Tensor2D, fwd?: ForwardPass): Float64Array {
  const L = layerCount(arch);
  if (arch.sizes[L] !== 1) throw new Error(`the NTK Gram needs a scalar-output network (this one has ${arch.sizes[L]} outputs)`);
  const n = x.shape[0];
  const firstTrainable = arch.trainable.indexOf(true);
  const raw = new Float64Array(n * n);
  if (firstTrainable < 0) return raw; // nothing trains: H = 0
  const values = tf.tidy(() => {
    const pass = fwd ?? forward(arch, params, x);
    const terms: tf.Tensor2D[] = [];
    let delta: tf.Tensor2D = tf.ones([n, 1]);
    for (let l = L - 1; l >= firstTrainable; l--) {
      const c = weightScale(arch, l);
      if (arch.trainable[l]) {
        const dd = gramOf(delta);
        const h = pass.inputs[l]!;
        // Output layer: D = 1, so D D^T is all ones and the weight term is c^2 h h^T.
        terms.push(tf.mul(l === L - 1 ? gramOf(h) : tf.mul(dd, gramOf(h)), c * c));
        if (arch.bias) terms.push(dd);
      }
      if (l === firstTrainable) break;
      const { w } = layerParams(arch, params, l);
      let back: tf.Tensor2D = tf.matMul(delta, tf.transpose(w));
      if (c !== 1) back = tf.mul(back, c);
      delta = tf.mul(back, activationDerivative(arch.activation, pass.pre[l - 1]!, pass.inputs[l]!));
    }
    return tf.addN(terms).dataSync();
  });
  raw.set(values);
  return symmetrise(raw, n);
}

/** A A^T with the transpose made explicit (the WASM backend's fast matMul path). */
function gramOf(a: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(a, tf.transpose(a));
}

/** (H + H^T) / 2 in place: float32 sums need not come out exactly symmetric. */
export function symmetrise(h: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = (h[i * n + j]! + h[j * n + i]!) / 2;
      h[i * n + j] = v;
      h[j * n + i] = v;
    }
  }
  return h;
}
