/**
 * Parameter updates with Kahan-compensated summation. In float32 an update
 * smaller than half an ulp of a weight (lr |g| < 3e-8 |w|) is rounded away,
 * and a converging run stalls at a loss floor set by rounding, not by the
 * optimizer (a heavy-ball run near loss 1e-8 stops moving). Keeping the
 * rounding error of every addition in a per-parameter compensation term c
 * (Kahan 1965) carries those small updates forward until they add up:
 *   y = delta - c;  s = x + y;  c = (s - x) - y;  x = s.
 * x stays the float32 iterate the network is evaluated at; x - c is the
 * iterate to about twice float32's precision.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Slots } from './state.js';

export class CompensatedSum {
  private readonly c = new Slots('kahan compensation');

  /** x + delta, parameter by parameter; call inside tf.tidy. */
  add(x: readonly tf.Tensor[], delta: readonly tf.Tensor[]): tf.Tensor[] {
    const c = this.c.get(x, (p) => tf.zerosLike(p));
    const next: tf.Tensor[] = [];
    const comp: tf.Tensor[] = [];
    x.forEach((p, i) => {
      const y = tf.sub(delta[i] as tf.Tensor, c[i] as tf.Tensor);
      const s = tf.add(p, y);
      comp.push(tf.sub(tf.sub(s, p), y));
      next.push(s);
    });
    this.c.set(comp);
    return next;
  }

  /** Forget the compensation (a new run starts at t = 0). */
  reset(): void {
    this.c.clear();
  }
}
