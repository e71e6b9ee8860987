import { parallelCoordinates } from './data/parallel-coordinates.js';
import { metricObservations, objectivesOf, summariseByObjectiveAndK } from './data/sweep-summary.js';
import { type HtmlFigure, sweepHtml } from './html/sweep-html.js';
import { type NamedSpec, renderFigures } from './render/render-figures.js';
import { ariVsKSpec } from './specs/ari-vs-k.js';
import { kCurveSpec } from './specs/k-curves.js';
import { parallelCoordinatesSpec } from './specs/parallel-coordinates.js';
import { sweepTrialsCsv } from './tables/sweep-tables.js';
import type { Artifact, SweepFigureInput } from './types.js';

/**
 * The figures of a sweep, from its finished trials, as SVG and PNG: `figures/gemini-vs-k`,
 * `figures/used-clusters-vs-k`, `figures/ari-vs-k` (each only when some finished trial has that metric) and
 * `figures/parallel-coordinates` (when some finished trial has a GEMINI); plus `figures/sweep.html` with the same
 * figures, interactive, and `tables/sweep_trials.csv` with every trial, failed and killed ones included.
 */
export async function renderSweepFigures(input: SweepFigureInput): Promise<Artifact[]> {
  const specs = sweepSpecs(input);
  const html: HtmlFigure[] = specs.map(({ name, spec }) => ({ id: `figure-${name}`, spec }));
  return [
    ...(await renderFigures(specs)),
    { path: 'figures/sweep.html', content: sweepHtml(input.title, html, input.trials) },
    { path: 'tables/sweep_trials.csv', content: sweepTrialsCsv(input.trials) },
  ];
}

function sweepSpecs({ title, trials }: SweepFigureInput): NamedSpec[] {
  const curves = [
    { name: 'gemini-vs-k', metric: 'gemini', figure: 'GEMINI vs K', metricTitle: 'GEMINI' },
    { name: 'used-clusters-vs-k', metric: 'used_clusters', figure: 'Used clusters vs K', metricTitle: 'used clusters' },
    { name: 'ari-vs-k', metric: 'ari', figure: 'ARI vs K', metricTitle: 'ARI' },
  ];
  const objectives = objectivesOf(trials.filter((trial) => trial.status === 'FINISHED'));
  const specs: NamedSpec[] = [];
  for (const curve of curves) {
    const observations = metricObservations(trials, curve.metric);
    if (observations.length === 0) continue;
    const data = { title, objectives, observations, summaries: summariseByObjectiveAndK(observations) };
    const spec =
      curve.metric === 'ari'
        ? ariVsKSpec(data)
        : kCurveSpec({
            ...data,
            figure: curve.figure,
            metricTitle: curve.metricTitle,
            identityLine: curve.metric === 'used_clusters',
          });
    specs.push({ name: curve.name, spec });
  }
  const parallel = parallelCoordinates(trials);
  if (parallel.points.length > 0)
    specs.push({ name: 'parallel-coordinates', spec: parallelCoordinatesSpec({ title, ...parallel }) });
  return specs;
}
