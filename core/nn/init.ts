/**
 * Initial weights. Every scheme draws from streamRng(seed, 'init') in the order
 * of the parameter list, so the same spec and seed give the same weights.
 * Standard deviations (fan_in, fan_out of the layer; `scale` multiplies all):
 *   normal  N(0, scale^2)
 *   he      N(0, scale^2 * 2 / fan_in)              (He et al. 2015)
 *   xavier  N(0, scale^2 * 2 / (fan_in + fan_out))  (Glorot & Bengio 2010)
 *   lecun   N(0, scale^2 / fan_in)                  (LeCun et al. 1998)
 *   orthogonal  scale * a Haar-random (semi-)orthogonal matrix (Saxe et al. 2014)
 *   zero    0
 *   positive    (Chatterjee 2022) layer 0 zero; hidden layers 1..L-2 uniform on
 *               [low, high]; the output layer the constant `output` (default 1)
 * `output`: "sign" draws output weights uniformly from {-1, +1} (Du et al.
 * 2019); a number sets them all to that constant; a list gives each output
 * weight (e.g. [1, -1] for Lin & Zhang's two-node net). Biases start at 0.
 */
import type { InitSpec } from '../spec/schema.js';
import { streamRng, type Rng } from '../random/rng.js';
import { randomOrthogonal } from '../random/orthogonal.js';
import { layerCount, paramSlots, type Architecture } from './architecture.js';

/** Initial values of every parameter tensor, in parameter-list order. */
export function initialWeights(a: Architecture, init: InitSpec, seed: number): Float32Array[] {
  const rng = streamRng(seed, 'init');
  const L = layerCount(a);
  return paramSlots(a).map((slot) => {
    const size = slot.shape.reduce((p, q) => p * q, 1);
    if (slot.role === 'bias') return new Float32Array(size);
    const [fanIn, fanOut] = slot.shape as [number, number];
    const isOutput = slot.layer === L - 1;
    if (init.kind === 'positive') return positiveLayer(slot.layer, L, size, init, rng);
    if (isOutput && init.output !== undefined) return outputLayer(size, init.output, rng);
    return schemeLayer(init, fanIn, fanOut, rng);
  });
}

function outputLayer(size: number, output: 'sign' | number | number[], rng: Rng): Float32Array {
  if (Array.isArray(output)) {
    // Validation checks the length for scalar outputs; with several outputs the list repeats per output.
    return Float32Array.from({ length: size }, (_, i) => output[Math.floor(i / (size / output.length)) % output.length]!);
  }
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = output === 'sign' ? rng.sign() : output;
  return out;
}

function positiveLayer(layer: number, L: number, size: number, init: InitSpec, rng: Rng): Float32Array {
  const out = new Float32Array(size);
  if (layer === L - 1) return out.fill(typeof init.output === 'number' ? init.output : 1);
  if (layer === 0) return out;
  const low = init.low ?? 1;
  const high = init.high ?? low;
  for (let i = 0; i < size; i++) out[i] = low === high ? low : rng.uniformIn(low, high);
  return out;
}

/** Standard deviation of the Gaussian schemes for a layer. */
export function initStd(kind: InitSpec['kind'], scale: number, fanIn: number, fanOut: number): number {
  switch (kind) {
    case 'normal':
      return scale;
    case 'he':
      return scale * Math.sqrt(2 / fanIn);
    case 'xavier':
      return scale * Math.sqrt(2 / (fanIn + fanOut));
    case 'lecun':
      return scale * Math.sqrt(1 / fanIn);
    default:
      return 0;
  }
}

function schemeLayer(init: InitSpec, fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const size = fanIn * fanOut;
  const out = new Float32Array(size);
  if (init.kind === 'zero') return out;
  if (init.kind === 'orthogonal') {
    const q = randomOrthogonal(fanIn, fanOut, rng);
    for (let i = 0; i < size; i++) out[i] = init.scale * q[i]!;
    return out;
  }
  const std = initStd(init.kind, init.scale, fanIn, fanOut);
  for (let i = 0; i < size; i++) out[i] = std * rng.normal();
  return out;
}
