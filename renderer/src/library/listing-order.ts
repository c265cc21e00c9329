/**
 * Listings arrive from two places, events and fetched lists, and a fetch may
 * answer with a snapshot older than an event already applied. A run never
 * leaves a final status, so a final listing is never replaced by an active one.
 */
import type { RunListingWire } from '../../../core/contract/records.js';

const ACTIVE = new Set(['queued', 'running']);

export function isActive(r: Pick<RunListingWire, 'status'>): boolean {
  return ACTIVE.has(r.status);
}

/** Which of two listings of the same run to keep: `incoming`, unless it is stale. */
export function fresher(current: RunListingWire | undefined, incoming: RunListingWire): RunListingWire {
  if (!current) return incoming;
  if (!isActive(current) && isActive(incoming)) return current;
  if (current.status === 'running' && incoming.status === 'queued') return current;
  return incoming;
}
