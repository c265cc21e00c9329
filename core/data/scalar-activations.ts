/**
 * Scalar versions of the model activations, in float64. The data generator's
 * teacher network uses them; they are also the reference the tensor versions
 * (core/nn) can be tested against.
 */
import type { ACTIVATIONS } from '../spec/schema.js';
import { normalCdf } from './erf.js';

export type ActivationName = (typeof ACTIVATIONS)[number];
export type ScalarActivation = (x: number) => number;

export const LEAKY_RELU_SLOPE = 0.01;

export const relu: ScalarActivation = (x) => (x > 0 ? x : 0);

export const leakyRelu: ScalarActivation = (x) => (x > 0 ? x : LEAKY_RELU_SLOPE * x);

export const tanh: ScalarActivation = (x) => Math.tanh(x);

/** 1 / (1 + e^-x), written so neither tail overflows. */
export const sigmoid: ScalarActivation = (x) => {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
};

/** log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow for large x, no loss for very negative x. */
export const softplus: ScalarActivation = (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/** The exact GELU x Phi(x) (Hendrycks & Gimpel), not the tanh approximation. */
export const gelu: ScalarActivation = (x) => x * normalCdf(x);

export const identity: ScalarActivation = (x) => x;

export const SCALAR_ACTIVATIONS: Readonly<Record<ActivationName, ScalarActivation>> = {
  relu,
  'leaky-relu': leakyRelu,
  tanh,
  sigmoid,
  softplus,
  gelu,
  identity,
};

export function scalarActivation(name: ActivationName): ScalarActivation {
  return SCALAR_ACTIVATIONS[name];
}
