/**
 * The `teacher` target: a seeded random MLP whose scalar output labels the
 * inputs. Standard parameterization without biases,
 *   h_0 = x,  h_l = act(W_l h_{l-1}),  f(x) = w_out . h_L,
 * with every weight drawn N(0, 1/fan_in) so pre-activations stay O(1) at any width.
 */
import type { Rng } from '../random/rng.js';
import type { Points } from './points.js';
import { scalarActivation, type ActivationName } from './scalar-activations.js';

export interface TeacherNetwork {
  /** Layer widths from input to output: [d, ...hidden, 1]. */
  widths: number[];
  /** weights[l] is widths[l+1] x widths[l], row-major. */
  weights: Float64Array[];
  activation: ActivationName;
}

export function randomTeacher(d: number, hidden: readonly number[], activation: ActivationName, rng: Rng): TeacherNetwork {
  const widths = [d, ...hidden, 1];
  const weights: Float64Array[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const fanIn = widths[l]!;
    const w = rng.normals(fanIn * widths[l + 1]!);
    const std = 1 / Math.sqrt(fanIn);
    for (let k = 0; k < w.length; k++) w[k] = w[k]! * std;
    weights.push(w);
  }
  return { widths, weights, activation };
}

/** f(x) for every row of `points`. */
export function teacherOutputs(net: TeacherNetwork, points: Points): Float64Array {
  const act = scalarActivation(net.activation);
  const out = new Float64Array(points.n);
  const last = net.weights.length - 1;
  for (let i = 0; i < points.n; i++) {
    let h: Float64Array = points.x.subarray(i * points.d, (i + 1) * points.d);
    for (let l = 0; l <= last; l++) {
      const fanIn = net.widths[l]!;
      const width = net.widths[l + 1]!;
      const w = net.weights[l]!;
      const next = new Float64Array(width);
      for (let r = 0; r < width; r++) {
        let s = 0;
        for (let c = 0; c < fanIn; c++) s += w[r * fanIn + c]! * h[c]!;
        next[r] = l === last ? s : act(s); // the output layer is linear
      }
      h = next;
    }
    out[i] = h[0]!;
  }
  return out;
}
