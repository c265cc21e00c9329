/**
 * Runs as the contract carries them. JSON, and so the contract's schemas,
 * have no NaN or Infinity: a diverged run's final loss of NaN goes out as
 * null (its `reason` says what happened; its metrics keep the exact values).
 */
import type { RunListingWire } from '../../core/contract/records.js';
import type { RateFit } from '../../core/run/types.js';
import type { RunListing } from '../store/index.js';

function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

function wireRate(rate: RateFit | null): RateFit | null {
  if (rate === null) return null;
  return { kind: rate.kind, rho: finiteOrNull(rate.rho), exponent: finiteOrNull(rate.exponent), r2: finiteOrNull(rate.r2) };
}

export function wireListing(run: RunListing): RunListingWire {
  return {
    id: run.id,
    experimentId: run.experimentId,
    experimentName: run.experimentName,
    label: run.label,
    name: run.name,
    optimizer: run.optimizer,
    seed: run.seed,
    replicate: run.replicate,
    status: run.status,
    reason: run.reason,
    environment: run.environment,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    steps: run.steps,
    finalLoss: finiteOrNull(run.finalLoss),
    stepsToTarget: run.stepsToTarget,
    rate: wireRate(run.rate),
    wallMs: finiteOrNull(run.wallMs),
    note: run.note,
    tags: run.tags,
  };
}
