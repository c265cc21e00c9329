/**
 * An independent float64 reference of the MLP and the losses, written from the
 * formulas of docs/models.md in plain loops, for checking the tensor code.
 */
export type Act = 'relu' | 'leaky-relu' | 'tanh' | 'sigmoid' | 'softplus' | 'gelu' | 'identity';

export function erf(x: number): number {
  // Abramowitz-Stegun 7.1.26 is only 1e-7; use a series / continued fraction accurate to ~1e-15.
  const t = Math.abs(x);
  if (t < 3) {
    let sum = t;
    let term = t;
    for (let n = 1; n < 200; n++) {
      term *= (-t * t) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Continued fraction for erfc at large |x|.
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (t + f);
  const erfc = Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f);
  return Math.sign(x) * (1 - erfc);
}

export function act(kind: Act, z: number): number {
  switch (kind) {
    case 'relu':
      return Math.max(z, 0);
    case 'leaky-relu':
      return z > 0 ? z : 0.01 * z;
    case 'tanh':
      return Math.tanh(z);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
    case 'softplus':
      return z > 30 ? z : Math.log1p(Math.exp(z));
    case 'gelu':
      return (z * (1 + erf(z / Math.SQRT2))) / 2;
    case 'identity':
      return z;
  }
}

export interface RefNet {
  sizes: number[];
  act: Act;
  bias: boolean;
  ntk: boolean;
  /** Per layer: W as [fan_in][fan_out] row-major, and b. */
  w: Float64Array[];
  b: Float64Array[];
}

/** Network outputs for each row of x (n x d row-major): n x outputs. */
export function refForward(net: RefNet, x: Float64Array, n: number): Float64Array {
  const L = net.sizes.length - 1;
  let h = x;
  for (let l = 0; l < L; l++) {
    const fin = net.sizes[l]!;
    const fout = net.sizes[l + 1]!;
    const c = net.ntk ? 1 / Math.sqrt(fin) : 1;
    const z = new Float64Array(n * fout);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < fout; j++) {
        let s = 0;
        for (let k = 0; k < fin; k++) s += h[i * fin + k]! * net.w[l]![k * fout + j]!;
        z[i * fout + j] = c * s + (net.bias ? net.b[l]![j]! : 0);
      }
    }
    h = l === L - 1 ? z : z.map((v) => act(net.act, v));
  }
  return h;
}

export type RefLoss = 'mse' | 'logistic' | 'exponential' | 'cross-entropy';

export function refLoss(kind: RefLoss, reduction: 'sum' | 'mean', f: Float64Array, y: Float64Array, n: number): number {
  const k = f.length / n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    if (kind === 'mse') total += 0.5 * (f[i]! - yi) ** 2;
    else if (kind === 'logistic') total += Math.log1p(Math.exp(-yi * f[i]!));
    else if (kind === 'exponential') total += Math.exp(-yi * f[i]!);
    else {
      const cls = yi === -1 ? 0 : yi === 1 && k === 2 ? 1 : yi;
      let m = -Infinity;
      for (let j = 0; j < k; j++) m = Math.max(m, f[i * k + j]!);
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.exp(f[i * k + j]! - m);
      total += m + Math.log(s) - f[i * k + cls]!;
    }
  }
  return reduction === 'mean' ? total / n : total;
}
