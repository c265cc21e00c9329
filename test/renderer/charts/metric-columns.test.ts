import { describe, expect, it } from 'vitest';
import { curveColumns, isCurveColumn, LOSS_OVERLAY_COLUMNS, STEP_ZERO_COLUMNS } from '../../../renderer/src/charts/metric-columns.js';

describe('metric columns', () => {
  it('curves are what the theory metric does not record as overlays or step-0 numbers', () => {
    for (const c of [...LOSS_OVERLAY_COLUMNS, ...STEP_ZERO_COLUMNS]) expect(isCurveColumn(c)).toBe(false);
    for (const c of ['loss', 'grad_norm', 'ntk_lambda_min', 'dir_cos']) expect(isCurveColumn(c)).toBe(true);
  });

  it('lists curves once each, loss first, the rest by name', () => {
    const names = ['grad_norm', 'theory_hb_rho', 'loss', 'dist_init', 'ode_loss', 'grad_norm', 'theory_rho', 'theory_loss'];
    expect(curveColumns(names)).toEqual(['loss', 'dist_init', 'grad_norm']);
  });
});
