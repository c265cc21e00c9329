/** Searching, filtering and sorting the runs library (pure: the runs store applies it). */
import type { RunListingWire } from '../../../core/contract/records.js';

export type SortKey = 'createdAt' | 'label' | 'experimentName' | 'status' | 'finalLoss' | 'stepsToTarget' | 'rate' | 'wallMs';

export interface RunQuery {
  search: string;
  optimizer: string;
  status: string;
  tag: string;
  experimentId: string;
  /** Inclusive local dates `YYYY-MM-DD`, or ''. */
  from: string;
  to: string;
  sortKey: SortKey;
  sortDir: 'asc' | 'desc';
}

export function emptyQuery(): RunQuery {
  return { search: '', optimizer: '', status: '', tag: '', experimentId: '', from: '', to: '', sortKey: 'createdAt', sortDir: 'desc' };
}

export function displayName(r: RunListingWire): string {
  return r.name && r.name.trim() !== '' ? r.name : r.label;
}

/**
 * One number that orders fitted rates from fastest to slowest: a linear rate's
 * rho (< 1), then sublinear rates as 1 + 1/p (slower as p shrinks); null when
 * there is no usable fit, so those sort last.
 */
export function rateOrder(r: RunListingWire): number | null {
  const rate = r.rate;
  if (!rate) return null;
  if (rate.kind === 'linear' && rate.rho !== null) return rate.rho;
  if (rate.kind === 'sublinear' && rate.exponent !== null && rate.exponent > 0) return 1 + 1 / rate.exponent;
  return null;
}

function sortValue(r: RunListingWire, key: SortKey): number | string | null {
  switch (key) {
    case 'label':
      return displayName(r).toLowerCase();
    case 'experimentName':
      return r.experimentName.toLowerCase();
    case 'status':
      return r.status;
    case 'rate':
      return rateOrder(r);
    default: {
      const v = r[key];
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    }
  }
}

function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function matches(r: RunListingWire, q: RunQuery): boolean {
  if (q.optimizer && r.optimizer !== q.optimizer) return false;
  if (q.status && r.status !== q.status) return false;
  if (q.tag && !r.tags.includes(q.tag)) return false;
  if (q.experimentId && r.experimentId !== q.experimentId) return false;
  if (q.from || q.to) {
    const day = localDay(r.createdAt);
    if (q.from && day < q.from) return false;
    if (q.to && day > q.to) return false;
  }
  const words = q.search.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length > 0) {
    const hay = [r.label, r.name ?? '', r.experimentName, r.optimizer, r.status, r.note, r.id, ...r.tags].join(' ').toLowerCase();
    if (!words.every((w) => hay.includes(w))) return false;
  }
  return true;
}

/** Filtered and sorted; runs without a value for the sort key go last in either direction. */
export function queryRuns(runs: readonly RunListingWire[], q: RunQuery): RunListingWire[] {
  const dir = q.sortDir === 'asc' ? 1 : -1;
  return runs
    .filter((r) => matches(r, q))
    .map((r) => ({ r, v: sortValue(r, q.sortKey) }))
    .sort((a, b) => {
      if (a.v === null && b.v === null) return b.r.createdAt - a.r.createdAt;
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      const c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
      return c !== 0 ? c * dir : b.r.createdAt - a.r.createdAt;
    })
    .map((x) => x.r);
}
