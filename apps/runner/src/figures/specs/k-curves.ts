import type { TopLevelSpec } from 'vega-lite';
import type { KObservation, KSummary } from '../data/sweep-summary.js';
import { categoricalScheme } from '../theme.js';

export interface KCurveData {
  readonly title: string;
  /** Figure title, e.g. 'GEMINI vs K'. */
  readonly figure: string;
  /** The metric's axis title, e.g. 'GEMINI'. */
  readonly metricTitle: string;
  readonly objectives: readonly string[];
  readonly summaries: readonly KSummary[];
  readonly observations: readonly KObservation[];
  /** Draw the line y = K (every cluster used), for the used-clusters figure. */
  readonly identityLine?: boolean;
  /** Fixed y-domain end points, e.g. ARI's maximum 1. */
  readonly yDomainMax?: number;
}

/**
 * A metric against K, one colour per objective: the mean over repeats as a line, a mean ± sd band (errorband
 * over precomputed bounds) and the individual repeats as faint points.
 */
export function kCurveSpec(data: KCurveData): TopLevelSpec {
  const color = {
    field: 'objective',
    type: 'nominal' as const,
    title: 'objective',
    scale: { domain: [...data.objectives], scheme: categoricalScheme(data.objectives.length) },
    // the band layer would otherwise lend the legend its 22% opacity
    legend: { symbolOpacity: 1, symbolType: 'stroke', symbolStrokeWidth: 3 },
  };
  const x = {
    field: 'k',
    type: 'quantitative' as const,
    title: 'K',
    scale: { zero: false, nice: false },
    axis: { tickMinStep: 1, format: 'd' },
  };
  const ks = [...new Set(data.summaries.map((s) => s.k))].sort((a, b) => a - b);
  const yScale = { zero: false, ...(data.yDomainMax !== undefined ? { domainMax: data.yDomainMax } : {}) };
  const summaryTooltip = [
    { field: 'objective', type: 'nominal' as const },
    { field: 'k', type: 'quantitative' as const, title: 'K' },
    { field: 'mean', type: 'quantitative' as const, title: `mean ${data.metricTitle}`, format: '.4~g' },
    { field: 'sd', type: 'quantitative' as const, title: 'sd', format: '.3~g' },
    { field: 'n', type: 'quantitative' as const, title: 'repeats' },
  ];
  return {
    title: { text: data.figure, subtitle: `${data.title} · line: mean over repeats, band: mean ± sd, dots: repeats` },
    width: 440,
    height: 280,
    datasets: {
      summaries: data.summaries.map((s) => ({ ...s })),
      observations: data.observations.map((o) => ({ ...o })),
      identity: ks.map((k) => ({ k, all: k })),
      identity_label: ks.length > 0 ? [{ k: ks[ks.length - 1], all: ks[ks.length - 1], label: 'all K used' }] : [],
    },
    layer: [
      ...(data.identityLine && ks.length > 0
        ? [
            {
              data: { name: 'identity' },
              mark: { type: 'line' as const, color: '#999999', strokeDash: [4, 4], strokeWidth: 1 },
              encoding: { x, y: { field: 'all', type: 'quantitative' as const } },
            },
            {
              data: { name: 'identity_label' },
              mark: { type: 'text' as const, align: 'right' as const, dx: -4, dy: -8, fontSize: 10, color: '#777777' },
              encoding: { x, y: { field: 'all', type: 'quantitative' as const }, text: { field: 'label' } },
            },
          ]
        : []),
      {
        data: { name: 'summaries' },
        mark: { type: 'errorband', opacity: 0.22 },
        encoding: {
          x,
          y: { field: 'lower', type: 'quantitative', title: data.metricTitle, scale: yScale },
          y2: { field: 'upper' },
          color,
        },
      },
      {
        data: { name: 'observations' },
        mark: { type: 'point', filled: true, size: 16, fillOpacity: 0.45, strokeWidth: 0 },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative' },
          color,
          tooltip: [
            { field: 'trial', type: 'nominal' },
            { field: 'value', type: 'quantitative', title: data.metricTitle, format: '.4~g' },
          ],
        },
      },
      {
        data: { name: 'summaries' },
        mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 36 } },
        encoding: { x, y: { field: 'mean', type: 'quantitative' }, color, tooltip: summaryTooltip },
      },
    ],
  };
}
