/** How a run's summary numbers read in tables. */
import type { RunListingWire } from '../../../core/contract/records.js';
import { formatValue } from '../charts/number-format.js';
import { formatDuration } from '../live/eta.js';

export function formatRate(rate: RunListingWire['rate']): string {
  if (!rate) return '—';
  if (rate.kind === 'linear' && rate.rho !== null) return `ρ = ${rate.rho.toFixed(4)}`;
  if (rate.kind === 'sublinear' && rate.exponent !== null) return `k^−${formatValue(rate.exponent, 3)}`;
  return 'undetermined';
}

export function rateTitle(rate: RunListingWire['rate']): string {
  if (!rate) return 'no rate fitted';
  const r2 = rate.r2 === null ? '' : ` (R² ${rate.r2.toFixed(3)})`;
  if (rate.kind === 'linear') return `linear: L_k ~ C ρ^k${r2}`;
  if (rate.kind === 'sublinear') return `sublinear: L_k ~ C k^−p${r2}`;
  return `neither fit is clearly better${r2}`;
}

export function formatWall(ms: number | null): string {
  return ms === null ? '—' : formatDuration(ms);
}

export function formatDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatSteps(n: number | null): string {
  return n === null ? '—' : n.toLocaleString('en-US');
}
