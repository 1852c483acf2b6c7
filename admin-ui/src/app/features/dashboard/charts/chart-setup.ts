import { BarController, BarElement, CategoryScale, Legend, LinearScale, Tooltip } from 'chart.js';
import { provideCharts } from 'ng2-charts';

/**
 * Only what the dashboard draws (bar charts with axes, legend and tooltips) is registered, so the
 * rest of Chart.js is left out of the bundle; provided on the dashboard's lazy route only.
 */
export function provideDashboardCharts() {
  return provideCharts({
    registerables: [BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip],
    defaults: { font: { family: 'Roboto, sans-serif' }, color: '#44474e' },
  });
}

/**
 * A canvas cannot read the theme's CSS variables (they resolve through `light-dark()`), so the
 * charts use fixed colours of the azure palette: blue and orange stay apart for colour-blind
 * readers, and every bar is named on its axis or in the legend, never by colour alone.
 */
export const CHART_COLORS = {
  in: '#005cbb',
  out: '#d46b08',
  grid: '#e0e2ec',
  buckets: {
    expired: '#ba1a1a',
    days0to2: '#d46b08',
    days3to7: '#c99a00',
    days8to30: '#5c8a2e',
    over30: '#2e7d32',
    noExpiry: '#74777f',
  },
} as const;
