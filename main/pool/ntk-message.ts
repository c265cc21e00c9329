/**
 * What a worker sends when `start` asks for the NTK matrices (`lab run
 * --ntk-matrix`): the empirical NTK Gram on the training inputs over the
 * trainable parameters (core/ntk/gram.ts) at theta_0 and at the run's end.
 * Computed from the loop's own end state, so it is exactly the run's theta_T.
 */
import { encodeFloats } from '../../core/contract/series-codec.js';
import type { WorkerToHost } from '../../core/contract/worker.js';
import { ntkGram } from '../../core/ntk/gram.js';
import type { TrainEndState } from '../../core/run/train.js';

export type NtkMessage = Extract<WorkerToHost, { type: 'ntk' }>;

/** Throws for a multi-output model (no scalar NTK); the host refuses those before starting. */
export function ntkMessage(end: TrainEndState): NtkMessage {
  const x = end.objective.xTrain;
  return {
    type: 'ntk',
    n: x.shape[0],
    step: end.step,
    h0: encodeFloats(ntkGram(end.arch, end.initial, x)),
    hT: encodeFloats(ntkGram(end.arch, end.params, x)),
  };
}
