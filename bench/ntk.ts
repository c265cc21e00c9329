/**
 * Micro-benchmark of the `ntk` metric's work at the size of the Bu, Xu & Chen
 * experiments: n = 512 points on the unit sphere in d = 16, a two-layer ReLU
 * net of width 4096 in NTK parameterization, every layer trained. Times the
 * Gram (core/ntk/gram.ts, including the forward pass and the download) and its
 * eigenvalues (core/ntk/spectrum.ts); the target is under 2 s in total.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../core/engine/backend.js';
import type { Architecture } from '../core/nn/architecture.js';
import { ntkGram } from '../core/ntk/gram.js';
import { spectrum } from '../core/ntk/spectrum.js';
import { Rng } from '../core/random/rng.js';

export interface NtkBenchResult {
  n: number;
  width: number;
  backend: string;
  /** Gram matrix, forward pass included. */
  gramMs: number;
  /** Eigen-decomposition and summary. */
  eigenMs: number;
  /** gramMs + eigenMs, the best of `repeats`. */
  ms: number;
}

export async function benchNtk(n = 512, width = 4096, repeats = 1): Promise<NtkBenchResult> {
  const engine = await initEngine();
  const d = 16;
  const arch: Architecture = { sizes: [d, width, 1], activation: 'relu', bias: false, parameterization: 'ntk', trainable: [true, true] };
  const rng = new Rng(1);
  const x = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: d }, () => rng.normal());
    const norm = Math.hypot(...row);
    row.forEach((v, k) => (x[i * d + k] = v / norm));
  }
  const params = [
    tf.tensor2d(Float32Array.from({ length: d * width }, () => rng.normal()), [d, width]),
    tf.tensor2d(Float32Array.from({ length: width }, () => rng.sign()), [width, 1]),
  ];
  const xt = tf.tensor2d(x, [n, d]);
  try {
    const warm = tf.slice(xt, 0, 8) as tf.Tensor2D; // warm up the kernels
    ntkGram(arch, params, warm);
    warm.dispose();
    let best: NtkBenchResult | null = null;
    for (let r = 0; r < Math.max(1, repeats); r++) {
      const t0 = performance.now();
      const h = ntkGram(arch, params, xt);
      const t1 = performance.now();
      spectrum(h, n);
      const t2 = performance.now();
      const result = { n, width, backend: engine.backend, gramMs: t1 - t0, eigenMs: t2 - t1, ms: t2 - t0 };
      if (best === null || result.ms < best.ms) best = result;
    }
    return best!;
  } finally {
    tf.dispose([...params, xt]);
  }
}
