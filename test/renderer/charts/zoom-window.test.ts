import { describe, expect, it } from 'vitest';
import { formatRange, sameRange, zoomOf } from '../../../renderer/src/charts/zoom-window.js';

describe('zoom window', () => {
  it('is a view only when zoomed in', () => {
    expect(zoomOf({ start: 0, end: 100, startValue: 0, endValue: 999 })).toEqual({ range: { from: 0, to: 999 }, view: null });
    expect(zoomOf({ start: 49.5, end: 50.5, startValue: 495, endValue: 505 })).toEqual({ range: { from: 495, to: 505 }, view: { from: 495, to: 505 } });
    expect(zoomOf({ start: 0, end: 20, startValue: 0, endValue: 200 })?.view).toEqual({ from: 0, to: 200 });
  });

  it('knows nothing before ECharts has computed a window', () => {
    expect(zoomOf(undefined)).toBeNull();
    expect(zoomOf({ start: 0, end: 100 })).toBeNull();
    expect(zoomOf({ startValue: Number.NaN, endValue: 1 })).toBeNull();
    expect(formatRange(null)).toBe('');
    expect(formatRange({ from: 2, to: 3.5 })).toBe('2 3.5');
  });

  it('compares windows by value', () => {
    expect(sameRange(null, null)).toBe(true);
    expect(sameRange({ from: 1, to: 2 }, { from: 1, to: 2 })).toBe(true);
    expect(sameRange({ from: 1, to: 2 }, null)).toBe(false);
    expect(sameRange({ from: 1, to: 2 }, { from: 1, to: 3 })).toBe(false);
  });
});
