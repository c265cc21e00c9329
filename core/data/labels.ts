/**
 * What kind of labels a dataset has, and whether the loss can use them. CSV
 * labels are only known once the file is read, so this check runs at load
 * time (the spec validator checks the synthetic kinds up front).
 */
import type { LossSpec } from '../spec/schema.js';
import { SpecError } from '../spec/problems.js';
import type { LabelKind } from './dataset.js';

export interface LabelInfo {
  labels: LabelKind;
  /** 2 for pm1, max label + 1 for classes, 0 for real. */
  classes: number;
}

/** pm1 if every label is -1 or +1; classes if all are non-negative integers and the loss is cross-entropy; else real. */
export function inferLabels(y: Float64Array, loss: LossSpec['kind']): LabelInfo {
  let pm1 = true;
  let integers = true;
  let max = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v !== 1 && v !== -1) pm1 = false;
    if (!(Number.isInteger(v) && v >= 0)) integers = false;
    else if (v > max) max = v;
  }
  if (pm1) return { labels: 'pm1', classes: 2 };
  if (integers && loss === 'cross-entropy') return { labels: 'classes', classes: max + 1 };
  return { labels: 'real', classes: 0 };
}

/** Throws SpecError at `loss.kind` when the loss cannot use these labels. */
export function checkLabelsForLoss(info: LabelInfo, loss: LossSpec['kind'], what: string): void {
  if ((loss === 'logistic' || loss === 'exponential') && info.labels !== 'pm1') {
    throw new SpecError([{ path: 'loss.kind', message: `${loss} loss needs labels in {-1, +1}, but ${what} are not all -1 or +1` }]);
  }
  if (loss === 'cross-entropy' && info.labels === 'real') {
    throw new SpecError([
      { path: 'loss.kind', message: `cross-entropy needs class labels (-1/+1 or integers 0, 1, ...), but ${what} are not` },
    ]);
  }
}
