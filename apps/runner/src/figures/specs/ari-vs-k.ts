import type { TopLevelSpec } from 'vega-lite';
import type { KObservation, KSummary } from '../data/sweep-summary.js';
import { kCurveSpec } from './k-curves.js';

export interface AriVsKData {
  readonly title: string;
  readonly objectives: readonly string[];
  readonly summaries: readonly KSummary[];
  readonly observations: readonly KObservation[];
}

/** Agreement with the true classes against K per objective; the y axis always reaches ARI's maximum, 1. */
export function ariVsKSpec(data: AriVsKData): TopLevelSpec {
  return kCurveSpec({ ...data, figure: 'ARI vs K', metricTitle: 'ARI', yDomainMax: 1 });
}
