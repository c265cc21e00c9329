/**
 * The shape of a fully connected network and the layout of its parameters.
 *
 * Layers are numbered l = 0 .. L-1, L = hidden.length + 1; layer L-1 is the
 * output layer. Layer l has a weight W_l of shape [fan_in, fan_out] (stored
 * input-major so that the forward pass is an untransposed matMul, which the
 * WASM backend runs on its fast path) and, with `bias`, b_l of shape [fan_out].
 * The flat parameter list is [W_0, b_0, W_1, b_1, ...] (biases only when on).
 */
import type { ModelSpec } from '../spec/schema.js';
import type { Activation } from './activations.js';

export interface Architecture {
  /** Layer widths: [d, hidden..., outputs]. */
  sizes: number[];
  activation: Activation;
  bias: boolean;
  parameterization: 'standard' | 'ntk';
  /** Per layer: whether its parameters are trained. */
  trainable: boolean[];
}

export interface ParamSlot {
  layer: number;
  role: 'weight' | 'bias';
  shape: number[];
}

export function architecture(model: ModelSpec, d: number, outputs: number): Architecture {
  const sizes = [d, ...model.hidden, outputs];
  const layers = sizes.length - 1;
  const t = model.trainable;
  const trainable = Array.from({ length: layers }, (_, l) => {
    if (t === 'all') return true;
    if (t === 'hidden') return l < layers - 1;
    if (t === 'output') return l === layers - 1;
    return t.includes(l);
  });
  return { sizes, activation: model.activation, bias: model.bias, parameterization: model.parameterization, trainable };
}

export function layerCount(a: Architecture): number {
  return a.sizes.length - 1;
}

/** The parameter tensors in order, with their layer and role. */
export function paramSlots(a: Architecture): ParamSlot[] {
  const slots: ParamSlot[] = [];
  for (let l = 0; l < layerCount(a); l++) {
    slots.push({ layer: l, role: 'weight', shape: [a.sizes[l]!, a.sizes[l + 1]!] });
    if (a.bias) slots.push({ layer: l, role: 'bias', shape: [a.sizes[l + 1]!] });
  }
  return slots;
}

/** Forward multiplier of layer l's weights: 1/sqrt(fan_in) under NTK parameterization, else 1. */
export function weightScale(a: Architecture, layer: number): number {
  return a.parameterization === 'ntk' ? 1 / Math.sqrt(a.sizes[layer]!) : 1;
}

/** Indices into the parameter list of the trainable tensors. */
export function trainableSlots(a: Architecture): number[] {
  return paramSlots(a).flatMap((s, i) => (a.trainable[s.layer] ? [i] : []));
}

/** Total number of scalar parameters (trainable only when asked). */
export function parameterCount(a: Architecture, trainableOnly = false): number {
  return paramSlots(a)
    .filter((s) => !trainableOnly || a.trainable[s.layer])
    .reduce((acc, s) => acc + s.shape.reduce((p, q) => p * q, 1), 0);
}
