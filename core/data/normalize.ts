import type { Points } from './points.js';

/** `sphere` normalization in place: every row scaled to norm 1; a zero row has no direction and stays zero. */
export function normalizeRows(points: Points): void {
  const { x, n, d } = points;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[i * d + j]! ** 2;
    if (s === 0) continue;
    const norm = Math.sqrt(s);
    for (let j = 0; j < d; j++) x[i * d + j] = x[i * d + j]! / norm;
  }
}
