import { describe, expect, it } from 'vitest';
import type { TrialResult } from '../trial/trial-spec.js';
import { buildKReport, kReportCsv, kReportMarkdown } from './k-report.js';
import { knee } from './statistics.js';

function trial(
  objective: string,
  mode: string,
  k: number,
  metrics: Record<string, number>,
  status: TrialResult['status'] = 'FINISHED',
): TrialResult {
  return {
    id: `${objective}${mode}${k}${Math.random()}`,
    name: `${objective}-${mode}-k${k}`,
    status,
    point: { 'model.nClusters': k },
    repeat: 0,
    params: { 'objective.name': objective, 'objective.mode': mode, 'model.nClusters': String(k) },
    metrics,
  };
}

describe('K report', () => {
  it('aggregates mean ± sd per (objective, K) and recommends the modal used clusters when K had spare capacity', () => {
    const results = [
      trial('tv', 'ova', 4, { gemini: 0.5, used_clusters: 4, ari: 0.9 }),
      trial('tv', 'ova', 4, { gemini: 0.7, used_clusters: 4, ari: 0.8 }),
      trial('tv', 'ova', 8, { gemini: 0.6, used_clusters: 4, ari: 0.95 }),
      trial('tv', 'ova', 8, { gemini: 0.6, used_clusters: 5, ari: 0.85 }),
      trial('tv', 'ova', 6, { gemini: 0.6, used_clusters: 4 }),
      trial('tv', 'ova', 8, {}, 'FAILED'),
    ];
    const report = buildKReport(results);
    const k4 = report.rows.find((r) => r.k === 4);
    // mean(0.5, 0.7) = 0.6, sample sd = sqrt(((−0.1)² + 0.1²)/1) = 0.141421...
    expect(k4?.scores.gemini?.mean).toBeCloseTo(0.6, 12);
    expect(k4?.scores.gemini?.sd).toBeCloseTo(Math.SQRT2 / 10, 12);
    expect(report.rows.find((r) => r.k === 8)).toMatchObject({ finished: 2, failed: 1 });
    // spare-capacity trials: K=8 used 4 and 5, K=6 used 4 → mode 4
    expect(report.recommendations).toEqual([
      {
        objective: 'tv-ova',
        k: 4,
        rule: 'modal number of used clusters over the 3 trial(s) whose K exceeded the clusters they used',
      },
    ]);
    expect(kReportMarkdown(report)).toContain('| tv-ova | 4 | 2 | 0.6000 ± 0.1414 | 4.00 ± 0.00 | 0.850 ± 0.071 | — | — |');
    const [header, firstRow] = kReportCsv(report).split('\n');
    expect(header).toBe(
      'objective,k,finished,failed,gemini_mean,gemini_sd,used_clusters_mean,used_clusters_sd,ari_mean,ari_sd,nmi_mean,nmi_sd,acc_mean,acc_sd',
    );
    const cells = (firstRow as string).split(',');
    expect(cells.slice(0, 4)).toEqual(['tv-ova', '4', '2', '0']);
    const expected = [0.6, Math.SQRT2 / 10, 4, 0, 0.85, Math.SQRT2 / 20];
    for (const [i, value] of expected.entries()) expect(Number(cells[4 + i])).toBeCloseTo(value, 12);
    expect(cells.slice(10)).toEqual(['', '', '', '']);
  });

  it('falls back to the knee of the GEMINI curve when every trial used all K', () => {
    const gemini = { 2: 0.2, 3: 0.6, 4: 0.65, 5: 0.67, 6: 0.68 };
    const results = Object.entries(gemini).map(([k, g]) =>
      trial('mmd', 'ovo', Number(k), { gemini: g, used_clusters: Number(k) }),
    );
    const [recommendation] = buildKReport(results).recommendations;
    expect(recommendation?.k).toBe(3);
    expect(recommendation?.rule).toMatch(/knee/);
  });

  it('finds the knee as the point farthest above the normalised chord', () => {
    // normalised: x = 0, .25, .5, .75, 1; y = 0, .833, .938, .979, 1 → gaps 0, .583, .438, .229, 0 → knee at 3
    expect(knee([2, 3, 4, 5, 6], [0.2, 0.6, 0.65, 0.67, 0.68])).toBe(3);
    // a straight line has no point above its chord
    expect(knee([1, 2, 3], [1, 2, 3])).toBeUndefined();
    expect(knee([2, 3], [0.1, 0.2])).toBeUndefined();
  });
});
