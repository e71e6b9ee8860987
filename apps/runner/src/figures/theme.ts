import type { Config } from 'vega-lite';

/**
 * Fonts in order of preference. The SVG keeps the whole list, so a browser and resvg each take the first one the
 * machine has; the PNG needs at least one of them installed (Debian: fonts-dejavu-core).
 */
export const figureFontFamily = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

/** The look shared by every figure: white background, readable 12 px titles, no chart border. */
export const figureConfig: Config = {
  font: figureFontFamily,
  background: 'white',
  padding: 8,
  view: { stroke: '#dddddd' },
  // Per-item ARIA descriptions would double the SVG's size and render time for a 3000-point scatter.
  mark: { aria: false },
  title: { fontSize: 14, anchor: 'start', offset: 8 },
  axis: { titleFontSize: 12, labelFontSize: 11, titleFontWeight: 'normal' },
  legend: { titleFontSize: 12, labelFontSize: 11, titleFontWeight: 'normal' },
  header: { titleFontSize: 12, labelFontSize: 12 },
};

/** The legend entry of cluster `j`; the same string in the scatter, sizes and confusion figures. */
export function clusterName(j: number): string {
  return `cluster ${j}`;
}

/** The legend entry of true class `c`. */
export function className(c: number): string {
  return `class ${c}`;
}

/** A categorical scheme with enough distinct colours for `count` categories where one exists. */
export function categoricalScheme(count: number): 'tableau10' | 'tableau20' {
  return count <= 10 ? 'tableau10' : 'tableau20';
}

/** Cluster colours: one colour per cluster, in cluster order, shared by every trial figure. */
export function clusterColorScale(nClusters: number): { domain: string[]; scheme: 'tableau10' | 'tableau20' } {
  return { domain: Array.from({ length: nClusters }, (_, j) => clusterName(j)), scheme: categoricalScheme(nClusters) };
}

/** Legend columns so that a legend of many entries stays within the figure's height. */
export function legendColumns(entries: number, perColumn = 16): number {
  return Math.max(1, Math.ceil(entries / perColumn));
}
