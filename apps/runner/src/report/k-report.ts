import type { TrialResult } from '../trial/trial-spec.js';
import { knee, type MeanSd, meanSd, mode } from './statistics.js';

const K_PATH = 'model.nClusters';
const SCORES = ['gemini', 'used_clusters', 'ari', 'nmi', 'acc'] as const;

export interface KReportRow {
  /** The objective and its mode, plus any other swept value: `tv-ova`, `mmd-ovo lr=0.01`. */
  readonly objective: string;
  readonly k: number;
  readonly finished: number;
  readonly failed: number;
  readonly scores: Readonly<Partial<Record<(typeof SCORES)[number], MeanSd>>>;
}

export interface KRecommendation {
  readonly objective: string;
  readonly k: number | undefined;
  readonly rule: string;
}

export interface KReport {
  readonly rows: readonly KReportRow[];
  readonly recommendations: readonly KRecommendation[];
}

/**
 * "How many clusters does my data have, and which GEMINI finds them?": per (objective, K),
 * mean ± sd over repeats of the final GEMINI, used clusters and label scores, and per
 * objective a recommended number of clusters with the rule that chose it.
 */
export function buildKReport(results: readonly TrialResult[]): KReport {
  const groups = new Map<string, { objective: string; k: number; trials: TrialResult[] }>();
  for (const result of results) {
    const objective = objectiveLabel(result);
    const k = Number(result.params[K_PATH]);
    const key = `${objective}\u0000${k}`;
    let group = groups.get(key);
    if (!group) {
      group = { objective, k, trials: [] };
      groups.set(key, group);
    }
    group.trials.push(result);
  }
  const rows = [...groups.values()]
    .sort((a, b) => a.objective.localeCompare(b.objective) || a.k - b.k)
    .map(({ objective, k, trials }) => {
      const finished = trials.filter((t) => t.status === 'FINISHED');
      const scores: Partial<Record<(typeof SCORES)[number], MeanSd>> = {};
      for (const score of SCORES) {
        const values = finished
          .map((t) => t.metrics[score])
          .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
        if (values.length > 0) scores[score] = meanSd(values);
      }
      return { objective, k, finished: finished.length, failed: trials.length - finished.length, scores };
    });
  const objectives = [...new Set(rows.map((r) => r.objective))];
  const recommendations = objectives.map((objective) =>
    recommend(
      objective,
      rows.filter((r) => r.objective === objective),
      results.filter((t) => t.status === 'FINISHED' && objectiveLabel(t) === objective),
    ),
  );
  return { rows, recommendations };
}

function recommend(objective: string, rows: readonly KReportRow[], trials: readonly TrialResult[]): KRecommendation {
  const spare = trials.filter((t) => (t.metrics.used_clusters ?? Number.POSITIVE_INFINITY) < Number(t.params[K_PATH]));
  if (spare.length > 0) {
    return {
      objective,
      k: mode(spare.map((t) => t.metrics.used_clusters as number)),
      rule: `modal number of used clusters over the ${spare.length} trial(s) whose K exceeded the clusters they used`,
    };
  }
  const curve = rows.filter((r) => r.scores.gemini);
  const k = knee(
    curve.map((r) => r.k),
    curve.map((r) => r.scores.gemini?.mean as number),
  );
  if (k !== undefined) return { objective, k, rule: 'knee of the mean GEMINI vs K curve (every trial used all K clusters)' };
  const largest = curve[curve.length - 1]?.k;
  return {
    objective,
    k: largest,
    rule: 'every trial used all K clusters and the GEMINI curve has no knee: the largest K tried; sweep larger K',
  };
}

/** `tv-ova`, plus the other swept values (not K, not the objective) so distinct settings stay apart. */
export function objectiveLabel(result: TrialResult): string {
  const present = (key: string) => (result.params[key] && result.params[key] !== 'none' ? result.params[key] : undefined);
  const mode = present('objective.mode');
  const affinity = present('objective.kernel.name') ?? present('objective.distance.name');
  const name = `${result.params['objective.name']}${mode ? `-${mode}` : ''}${affinity ? `(${affinity})` : ''}`;
  const others = Object.entries(result.point)
    .filter(([path]) => path !== K_PATH && path !== 'objective' && !path.startsWith('objective.'))
    .map(([path, value]) => `${path.split('.').pop()}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [name, ...others].join(' ');
}

const fmt = (s: MeanSd | undefined, digits = 3) => (s ? `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}` : '—');

/** The report as a Markdown document (tables plus the recommendation rule). */
export function kReportMarkdown(report: KReport): string {
  const lines = [
    '| objective | K | trials | GEMINI | used clusters | ARI | NMI | ACC |',
    '|---|---|---|---|---|---|---|---|',
    ...report.rows.map(
      (r) =>
        `| ${r.objective} | ${r.k} | ${r.finished}${r.failed ? ` (+${r.failed} failed)` : ''} | ${fmt(r.scores.gemini, 4)} | ${fmt(r.scores.used_clusters, 2)} | ${fmt(r.scores.ari)} | ${fmt(r.scores.nmi)} | ${fmt(r.scores.acc)} |`,
    ),
    '',
    '| objective | recommended K | rule |',
    '|---|---|---|',
    ...report.recommendations.map((r) => `| ${r.objective} | ${r.k ?? '—'} | ${r.rule} |`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The report rows as CSV (mean and sd columns per score). */
export function kReportCsv(report: KReport): string {
  const header = ['objective', 'k', 'finished', 'failed', ...SCORES.flatMap((s) => [`${s}_mean`, `${s}_sd`])];
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = report.rows.map((r) =>
    [
      quote(r.objective),
      r.k,
      r.finished,
      r.failed,
      ...SCORES.flatMap((s) => [r.scores[s]?.mean ?? '', r.scores[s]?.sd ?? '']),
    ].join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
