import type { TopLevelSpec } from 'vega-lite';
import type { TrainingHistoryEntry } from '../types.js';

export interface TrainingCurvesData {
  readonly title: string;
  readonly history: readonly TrainingHistoryEntry[];
}

const panels = [
  { field: 'gemini', title: 'GEMINI', color: '#4c78a8' },
  { field: 'loss', title: 'loss', color: '#e45756' },
  { field: 'vat', title: 'VAT penalty', color: '#54a24b' },
] as const;

/** GEMINI and loss per epoch in two stacked panels sharing the epoch axis (a third for the VAT term when logged). */
export function trainingCurvesSpec(data: TrainingCurvesData): TopLevelSpec {
  const withVat = data.history.some((entry) => entry.vat !== undefined);
  const values = data.history.map((entry) => ({
    epoch: entry.epoch,
    gemini: entry.gemini,
    loss: entry.loss,
    vat: entry.vat ?? null,
  }));
  const showPoints = data.history.length <= 30;
  const shown = panels.filter((panel) => panel.field !== 'vat' || withVat);
  return {
    title: { text: 'Training curves', subtitle: `${data.title} · ${data.history.length} epochs` },
    datasets: { history: values },
    data: { name: 'history' },
    spacing: 10,
    vconcat: shown.map((panel, i) => ({
      width: 420,
      height: 150,
      mark: {
        type: 'line' as const,
        color: panel.color,
        strokeWidth: 2,
        point: showPoints ? { color: panel.color, size: 24 } : false,
      },
      encoding: {
        // the epoch axis is labelled under the bottom panel only; the panels above keep its ticks and grid
        x: {
          field: 'epoch',
          type: 'quantitative' as const,
          title: i === shown.length - 1 ? 'epoch' : null,
          axis: { tickMinStep: 1, format: 'd', ...(i === shown.length - 1 ? {} : { labels: false }) },
        },
        y: { field: panel.field, type: 'quantitative' as const, title: panel.title, scale: { zero: false } },
      },
    })),
  };
}
