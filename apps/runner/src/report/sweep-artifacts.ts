import type { RunHandle } from '@gemlab/core';
import { renderSweepFigures } from '../figures/index.js';
import type { TrialResult } from '../trial/trial-spec.js';
import { buildKReport, type KReport, kReportCsv, kReportMarkdown, objectiveLabel } from './k-report.js';

/**
 * What a sweep's parent run carries: the K report (CSV and Markdown), every trial's result,
 * and the sweep figures. Written at the end of a sweep and again by `gemlab report`.
 * A figure that fails to render is recorded as a tag; it never loses the tables.
 */
export async function logSweepArtifacts(parent: RunHandle, name: string, results: readonly TrialResult[]): Promise<KReport> {
  const report = buildKReport(results);
  await parent.logArtifact('tables/k_report.csv', kReportCsv(report));
  await parent.logArtifact('tables/k_report.md', kReportMarkdown(report));
  await parent.logArtifact('tables/trials.json', JSON.stringify(results, null, 2));
  try {
    const trials = results.map((r) => ({
      name: r.name,
      status: r.status,
      objective: objectiveLabel(r),
      k: Number(r.params['model.nClusters']),
      repeat: r.repeat,
      params: r.params,
      metrics: r.metrics,
    }));
    for (const figure of await renderSweepFigures({ title: `sweep ${name}`, trials }))
      await parent.logArtifact(figure.path, figure.content);
  } catch (error) {
    await parent.setTags({ 'gemlab.figuresError': String((error as Error)?.message ?? error).slice(0, 7000) });
  }
  return report;
}
