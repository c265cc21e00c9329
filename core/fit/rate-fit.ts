/**
 * Fitting a convergence rate to a recorded loss curve (SPEC.md, `rate`).
 *
 * Two models are fitted by least squares in log space:
 *  - linear:    log L = a + b * step      (L_k ~ C rho^k, rho = exp(b))
 *  - sublinear: log L = a + b * log(step) (L_k ~ C k^-p,  p = -b; points with step >= 1)
 *
 * The rules, in order:
 *  1. Points: from the first record up to and including the first one with
 *     loss <= targetLoss (or the end). The first non-finite loss (or step)
 *     ends the curve: a diverged tail is not a rate. Losses <= 0 are skipped
 *     (log undefined; an exact zero says nothing about the rate).
 *  2. Flat tail (a floor such as float32 noise near 1e-12, or any plateau) is
 *     dropped, see `flatTailStart`.
 *  3. Both fits need at least MIN_POINTS points, else `undetermined`, r2 null.
 *  4. The fit with the higher R^2 wins "clearly" when its R^2 >= MIN_R2 and
 *     its mean squared residual is at most RSS_RATIO times the other's (mean,
 *     not sum, because the linear fit may hold one more point: step 0). It
 *     must also describe a decreasing loss (rho < 1, p > 0). Otherwise the
 *     kind is `undetermined` with the better R^2.
 */
import type { RateFit } from '../run/types.js';

export const MIN_POINTS = 4;
export const MIN_R2 = 0.9;
export const RSS_RATIO = 0.5;
/** A floor is only looked for once the curve has fallen this many decades above it. */
export const FLOOR_MIN_DROP_DECADES = 3;
/** Points within this factor above the floor level belong to the tail. */
export const FLOOR_BAND = 10;
/** Share of a floor's points that may jump above the band (noise) without ending it. */
export const FLOOR_OUTLIERS = 0.05;
/** A tail is flat when its log-log slope is at most this fraction of the slope before it. */
export const FLOOR_FLATNESS = 0.25;

export interface FitRateOptions {
  targetLoss?: number;
}

interface LineFit {
  slope: number;
  intercept: number;
  r2: number;
  /** Mean squared residual. */
  msr: number;
  n: number;
}

/** Ordinary least squares y = a + b x, centred for accuracy. Needs n >= 2 and x not all equal. */
export function fitLine(xs: readonly number[], ys: readonly number[]): LineFit | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const r = ys[i]! - (intercept + slope * xs[i]!);
    rss += r * r;
  }
  // A curve with no variation has nothing for a fit to explain: R^2 0, not NaN.
  const r2 = syy > 0 ? Math.max(0, 1 - rss / syy) : 0;
  return { slope, intercept, r2, msr: rss / n, n };
}

interface Point {
  step: number;
  logLoss: number;
}

/** Step 1 of the rules: the usable points, in record order. */
function usablePoints(steps: readonly number[], losses: readonly number[], targetLoss: number | undefined): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < losses.length; i++) {
    const step = steps[i]!;
    const loss = losses[i]!;
    if (!Number.isFinite(loss) || !Number.isFinite(step)) break;
    if (loss > 0) out.push({ step, logLoss: Math.log(loss) });
    if (targetLoss !== undefined && loss <= targetLoss) break;
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Where a flat tail starts (points.length when there is none). The rule:
 *  - floor level = median log loss of the last max(3, 5%) points;
 *  - tail = from the first point within FLOOR_BAND x the floor level after
 *    which at most FLOOR_OUTLIERS of the points lie above that band (a noisy
 *    floor may spike up now and then, and dips below it are never outliers);
 *  - it is dropped when the curve before it stood at least
 *    FLOOR_MIN_DROP_DECADES decades above the floor, the tail has at least 3
 *    points, and the tail is flat: its log-log slope (least squares, step >= 1)
 *    is at most FLOOR_FLATNESS of the slope before it (first point with
 *    step >= 1 to the last point before the tail). Log-log because a power
 *    law keeps its slope there while a floor has slope ~0, and a geometric
 *    curve only gets steeper, so neither genuine rate is cut.
 */
export function flatTailStart(points: readonly { step: number; logLoss: number }[]): number {
  const n = points.length;
  if (n < MIN_POINTS + 3) return n;
  const m = Math.max(3, Math.ceil(n * 0.05));
  const floor = median(points.slice(n - m).map((p) => p.logLoss));
  const bandTop = floor + Math.log(FLOOR_BAND);
  // Points above the band, counted from the end, so the outlier share after i is O(1) to read.
  const aboveAfter = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--) aboveAfter[i] = aboveAfter[i + 1]! + (points[i]!.logLoss > bandTop ? 1 : 0);
  let start = n;
  for (let i = 0; i < n; i++) {
    if (points[i]!.logLoss <= bandTop && aboveAfter[i]! <= FLOOR_OUTLIERS * (n - i)) {
      start = i;
      break;
    }
  }
  if (n - start < 3 || start === 0) return n;

  let highest = -Infinity;
  for (let i = 0; i < start; i++) highest = Math.max(highest, points[i]!.logLoss);
  if (highest - floor < FLOOR_MIN_DROP_DECADES * Math.LN10) return n;

  const firstPos = points.findIndex((p) => p.step >= 1);
  const last = points[start - 1]!;
  if (firstPos < 0 || firstPos >= start - 1) return n;
  const first = points[firstPos]!;
  const before = (last.logLoss - first.logLoss) / (Math.log(last.step) - Math.log(first.step));
  if (!(before < 0)) return n;

  const tail = points.slice(start).filter((p) => p.step >= 1);
  const tailFit = fitLine(
    tail.map((p) => Math.log(p.step)),
    tail.map((p) => p.logLoss),
  );
  if (tailFit === null) return n;
  return Math.abs(tailFit.slope) <= FLOOR_FLATNESS * Math.abs(before) ? start : n;
}

const UNDETERMINED_NO_DATA: RateFit = { kind: 'undetermined', rho: null, exponent: null, r2: null };

/** Fit the convergence rate of a loss curve; `steps[i]` is the step of `losses[i]`. */
export function fitRate(steps: readonly number[], losses: readonly number[], opts: FitRateOptions = {}): RateFit {
  if (steps.length !== losses.length) {
    throw new Error(`fitRate: ${steps.length} steps but ${losses.length} losses`);
  }
  let points = usablePoints(steps, losses, opts.targetLoss);
  points = points.slice(0, flatTailStart(points));

  const positive = points.filter((p) => p.step >= 1);
  if (points.length < MIN_POINTS || positive.length < MIN_POINTS) return { ...UNDETERMINED_NO_DATA };

  const linear = fitLine(
    points.map((p) => p.step),
    points.map((p) => p.logLoss),
  );
  const sublinear = fitLine(
    positive.map((p) => Math.log(p.step)),
    positive.map((p) => p.logLoss),
  );
  if (linear === null || sublinear === null) return { ...UNDETERMINED_NO_DATA };

  const linearBetter = linear.r2 >= sublinear.r2;
  const best = linearBetter ? linear : sublinear;
  const other = linearBetter ? sublinear : linear;
  const clear = best.r2 >= MIN_R2 && best.msr <= RSS_RATIO * other.msr && best.slope < 0;
  if (!clear) return { kind: 'undetermined', rho: null, exponent: null, r2: best.r2 };
  if (linearBetter) return { kind: 'linear', rho: Math.exp(linear.slope), exponent: null, r2: linear.r2 };
  return { kind: 'sublinear', rho: null, exponent: -sublinear.slope, r2: sublinear.r2 };
}
