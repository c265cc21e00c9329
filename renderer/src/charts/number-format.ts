/** Numbers for axes, tooltips and tables: 4 significant digits, exponent form outside [1e-3, 1e5). */
export function formatValue(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(Math.max(0, digits - 2)).replace('e+', 'e');
  return String(Number(v.toPrecision(digits)));
}

/** Log-axis tick labels: powers of ten as `1e-6`, others as plain numbers. */
export function formatLogTick(v: number): string {
  if (!(v > 0)) return String(v);
  const e = Math.log10(v);
  if (Math.abs(e - Math.round(e)) < 1e-9) {
    const k = Math.round(e);
    return k >= 0 && k <= 3 ? String(10 ** k) : `1e${k}`;
  }
  return formatValue(v, 3);
}
