/**
 * RMSprop (Tieleman & Hinton 2012, lecture 6e) in torch.optim.RMSprop's form
 * (centered=False). With v_0 = 0 and buf_0 = 0:
 *   g   <- g + weight_decay x                       (L2 in the gradient)
 *   v   <- alpha v + (1 - alpha) g^2
 *   momentum > 0:  buf <- momentum buf + g / (sqrt(v) + eps);  x <- x - lr_t buf
 *   momentum = 0:  x <- x - lr_t g / (sqrt(v) + eps)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer.js';
import { checkGrads, Slots, withL2 } from './state.js';
import { CompensatedSum } from './compensated.js';

export interface RmspropOptions {
  alpha: number;
  eps: number;
  weight_decay: number;
  momentum: number;
}

export class Rmsprop implements Optimizer {
  readonly evaluatesAtX = true;
  private readonly v = new Slots('square_avg');
  private readonly buf = new Slots('momentum_buffer');
  private readonly sum = new CompensatedSum();

  constructor(private readonly opts: RmspropOptions) {}

  evalPoint(x: readonly tf.Tensor[]): tf.Tensor[] {
    return [...x];
  }

  step(x: readonly tf.Tensor[], grads: readonly tf.Tensor[], lr: number, t: number): tf.Tensor[] {
    checkGrads(x, grads);
    if (t === 0) this.dispose(); // v_0 = buf_0 = 0, whatever ran before
    const { alpha, eps, weight_decay, momentum } = this.opts;
    return tf.tidy(() => {
      const v = this.v.get(x, (p) => tf.zerosLike(p));
      const buf = momentum > 0 ? this.buf.get(x, (p) => tf.zerosLike(p)) : null;
      const newV: tf.Tensor[] = [];
      const newBuf: tf.Tensor[] = [];
      const delta = x.map((p, i) => {
        const g = withL2(grads[i] as tf.Tensor, p, weight_decay);
        const vi = tf.add(tf.mul(v[i] as tf.Tensor, alpha), tf.mul(tf.square(g), 1 - alpha));
        newV.push(vi);
        const scaled = tf.div(g, tf.add(tf.sqrt(vi), eps));
        if (buf === null) return tf.mul(scaled, -lr);
        const b = tf.add(tf.mul(buf[i] as tf.Tensor, momentum), scaled);
        newBuf.push(b);
        return tf.mul(b, -lr);
      });
      this.v.set(newV);
      if (buf !== null) this.buf.set(newBuf);
      return this.sum.add(x, delta);
    });
  }

  dispose(): void {
    this.v.clear();
    this.buf.clear();
    this.sum.reset();
  }
}
