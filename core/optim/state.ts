/**
 * Shared plumbing for the optimizers: per-parameter state buffers that live
 * across steps, and argument checks. The update rules themselves stay in the
 * optimizer files.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * One state buffer (e.g. Adam's first moment m) holding a tensor per parameter.
 * Its tensors are owned here: kept out of any enclosing tf.tidy, disposed when
 * replaced or cleared.
 */
export class Slots {
  private values: tf.Tensor[] | null = null;

  constructor(private readonly name: string) {}

  /** The buffer for parameters `x`, created with `init` (one tensor per parameter) when empty. */
  get(x: readonly tf.Tensor[], init: (p: tf.Tensor) => tf.Tensor): readonly tf.Tensor[] {
    if (this.values === null) {
      this.values = x.map((p) => tf.keep(init(p)));
      return this.values;
    }
    if (this.values.length !== x.length) {
      const held = this.values.length;
      throw new Error(`optimizer state '${this.name}' holds ${held} tensors but got ${x.length} parameters`);
    }
    this.values.forEach((s, i) => assertSameShape(s, x[i] as tf.Tensor, `state '${this.name}'`, i));
    return this.values;
  }

  /** Replace the buffer by `next` (kept beyond the enclosing tidy); the old tensors are disposed. */
  set(next: tf.Tensor[]): void {
    const old = this.values;
    this.values = next.map((s) => tf.keep(s));
    for (const s of old ?? []) if (!next.includes(s)) s.dispose();
  }

  /** Dispose the tensors; the next get() starts afresh. */
  clear(): void {
    for (const s of this.values ?? []) s.dispose();
    this.values = null;
  }
}

/** Throws unless `grads` matches `x` tensor for tensor in shape. */
export function checkGrads(x: readonly tf.Tensor[], grads: readonly tf.Tensor[]): void {
  if (grads.length !== x.length) {
    throw new Error(`optimizer got ${grads.length} gradients for ${x.length} parameters`);
  }
  grads.forEach((g, i) => assertSameShape(g, x[i] as tf.Tensor, 'gradient', i));
}

function assertSameShape(a: tf.Tensor, p: tf.Tensor, what: string, i: number): void {
  if (a.shape.length !== p.shape.length || a.shape.some((n, j) => n !== p.shape[j])) {
    throw new Error(`${what} ${i} has shape [${a.shape.join(',')}] but parameter ${i} has [${p.shape.join(',')}]`);
  }
}

/** g + wd x: L2 regularisation folded into the gradient (PyTorch's `weight_decay` for Adam, RMSprop, Adagrad). */
export function withL2(g: tf.Tensor, x: tf.Tensor, weightDecay: number): tf.Tensor {
  return weightDecay === 0 ? g : tf.add(g, tf.mul(x, weightDecay));
}
