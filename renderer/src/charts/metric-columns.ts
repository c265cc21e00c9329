/**
 * Which recorded columns are curves worth a chart of their own. The `theory`
 * metric (core/metrics/theory-metric.ts, docs/science.md "Theory overlays")
 * records two other kinds of column:
 *  - predictions of the loss (theory_loss, ode_loss): drawn over the loss
 *    chart (compare: per run, from the summary), never as a chart of their own;
 *  - numbers recorded once, at step 0 (theory_rho and Polyak's heavy-ball
 *    optimum theory_hb_*): a single point is not a curve; the compare summary
 *    shows them.
 */

/** Loss predictions, drawn as overlays of `loss`. */
export const LOSS_OVERLAY_COLUMNS = ['theory_loss', 'ode_loss'] as const;

/** Recorded at step 0 only. */
export const STEP_ZERO_COLUMNS = ['theory_rho', 'theory_hb_lr', 'theory_hb_beta', 'theory_hb_rho'] as const;

const NOT_CURVES = new Set<string>([...LOSS_OVERLAY_COLUMNS, ...STEP_ZERO_COLUMNS]);

export function isCurveColumn(name: string): boolean {
  return !NOT_CURVES.has(name);
}

/** The curve columns among `names`, once each, loss first, the rest by name. */
export function curveColumns(names: Iterable<string>): string[] {
  const out = [...new Set(names)].filter(isCurveColumn);
  return out.sort((a, b) => (a === 'loss' ? -1 : b === 'loss' ? 1 : a.localeCompare(b)));
}
