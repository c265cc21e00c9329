/**
 * Figures for papers: the chart rebuilt off screen in the `paper` theme (black
 * on white or transparent, no zoom slider), as PNG at a chosen pixel ratio
 * (getDataURL) or as SVG (the SVG renderer, server-side mode, no DOM needed).
 */
import { echarts } from './echarts.js';
import { buildLineChart, type LineChartInput } from '../../charts/line-chart.js';
import { paperTheme } from '../../charts/chart-theme.js';

export type FigureBackground = 'white' | 'transparent';

export interface FigureRequest {
  input: Omit<LineChartInput, 'theme'>;
  width: number;
  height: number;
  background: FigureBackground;
}

/** Grid margins of line-chart.ts: the plot's width is what is left. */
const GRID_X = 96;

/** The whole x range, thinned for the figure's pixels (a million points would make a huge SVG). */
function exportOption(req: FigureRequest, pixelRatio: number): Record<string, unknown> {
  return buildLineChart({
    ...req.input,
    theme: paperTheme(req.background),
    forExport: true,
    showLegend: true,
    group: undefined,
    view: null,
    plotWidthPx: Math.max(50, req.width - GRID_X),
    plotHeightPx: req.height - 110,
    dpr: pixelRatio,
  }).option;
}

/** PNG as base64 (no `data:` prefix). */
export function renderPng(req: FigureRequest, pixelRatio: number): string {
  const host = document.createElement('div');
  // Off screen but laid out: the canvas renderer measures its container.
  host.style.cssText = `position:fixed;left:-100000px;top:0;width:${req.width}px;height:${req.height}px;`;
  document.body.appendChild(host);
  const chart = echarts.init(host, undefined, { renderer: 'canvas', width: req.width, height: req.height, devicePixelRatio: pixelRatio });
  try {
    chart.setOption(exportOption(req, pixelRatio));
    const url = chart.getDataURL({ type: 'png', pixelRatio, backgroundColor: req.background === 'white' ? '#ffffff' : 'transparent' });
    return url.slice(url.indexOf(',') + 1);
  } finally {
    chart.dispose();
    host.remove();
  }
}

export function renderSvg(req: FigureRequest): string {
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: req.width, height: req.height });
  try {
    chart.setOption(exportOption(req, 1));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
