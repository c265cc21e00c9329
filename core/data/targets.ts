/**
 * Labels for the synthetic inputs (gaussian, sphere, orthonormal), from the
 * spec's `target`. Every draw comes from seeded streams: w* and the noise from
 * 'target', the teacher network from 'teacher'.
 */
import { streamRng, type Rng } from '../random/rng.js';
import type { TargetSpec } from '../spec/schema.js';
import { SpecError } from '../spec/problems.js';
import type { Points } from './points.js';
import { randomTeacher, teacherOutputs } from './teacher.js';

export interface Targets {
  y: Float64Array;
  labels: 'real' | 'pm1';
  /** w* for linear and linear-sign targets, else null. */
  teacher: Float64Array | null;
}

export function makeTargets(points: Points, target: TargetSpec, seed: number): Targets {
  const rng = streamRng(seed, 'target');
  switch (target.kind) {
    case 'linear': {
      const w = teacherDirection(target.w, points.d, rng);
      const y = linearOutputs(points, w);
      for (let i = 0; i < y.length; i++) y[i] = y[i]! + target.noise * rng.normal();
      return { y, labels: 'real', teacher: w };
    }
    case 'linear-sign': {
      const w = teacherDirection(target.w, points.d, rng);
      const y = linearOutputs(points, w);
      // sign(0) = +1 so every label is exactly +-1.
      for (let i = 0; i < y.length; i++) y[i] = y[i]! >= 0 ? 1 : -1;
      return { y, labels: 'pm1', teacher: w };
    }
    case 'teacher': {
      const net = randomTeacher(points.d, target.hidden, target.activation, streamRng(seed, 'teacher'));
      const y = teacherOutputs(net, points);
      for (let i = 0; i < y.length; i++) y[i] = y[i]! + target.noise * rng.normal();
      return { y, labels: 'real', teacher: null };
    }
    case 'random':
      return { y: rng.normals(points.n), labels: 'real', teacher: null };
  }
}

/** The given w (as given, not normalized) or a seeded unit vector. */
function teacherDirection(given: readonly number[] | undefined, d: number, rng: Rng): Float64Array {
  if (given !== undefined) {
    if (given.length !== d) {
      throw new SpecError([{ path: 'data.target.w', message: `must have d = ${d} entries (got ${given.length})` }]);
    }
    return Float64Array.from(given);
  }
  const w = rng.normals(d);
  let s = 0;
  for (let j = 0; j < d; j++) s += w[j]! * w[j]!;
  const norm = Math.sqrt(s);
  for (let j = 0; j < d; j++) w[j] = w[j]! / norm;
  return w;
}

function linearOutputs(points: Points, w: Float64Array): Float64Array {
  const { x, n, d } = points;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += w[j]! * x[i * d + j]!;
    y[i] = s;
  }
  return y;
}
