/** The parts of ECharts the lab uses (tree-shaken), both renderers: canvas on screen, SVG for figures. */
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, AxisPointerComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, AxisPointerComponent, DataZoomComponent, CanvasRenderer, SVGRenderer]);

export { echarts };
export type ChartInstance = ReturnType<typeof echarts.init>;
