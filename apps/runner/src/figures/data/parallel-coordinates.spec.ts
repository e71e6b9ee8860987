import { describe, expect, it } from 'vitest';
import type { SweepTrial } from '../types.js';
import { formatMetric, parallelCoordinates } from './parallel-coordinates.js';

function trial(
  name: string,
  params: Record<string, string>,
  gemini: number,
  status: SweepTrial['status'] = 'FINISHED',
): SweepTrial {
  return { name, status, objective: 'tv-ova', k: 3, repeat: 0, params, metrics: { gemini } };
}

describe('parallelCoordinates', () => {
  const trials = [
    trial('a', { 'train.lr': '0.001', 'model.nClusters': '2', 'objective.name': 'tv', 'train.epochs': '100' }, 0.5),
    trial('b', { 'train.lr': '0.01', 'model.nClusters': '4', 'objective.name': 'mmd', 'train.epochs': '100' }, 1.5),
    trial('c', { 'train.lr': '0.1', 'model.nClusters': '6', 'objective.name': 'tv', 'train.epochs': '100' }, 1.0),
    trial('failed', { 'train.lr': '1', 'model.nClusters': '10', 'objective.name': 'kl', 'train.epochs': '5' }, 9, 'FAILED'),
  ];
  const { axes, points } = parallelCoordinates(trials);
  const position = (trialName: string, axis: string) => points.find((p) => p.trial === trialName && p.axis === axis)?.position;

  it('has one axis per hyperparameter that differs between finished trials, sorted, then GEMINI', () => {
    expect(axes.map((axis) => axis.key)).toEqual(['model.nClusters', 'objective.name', 'train.lr', 'gemini']);
    expect(axes.map((axis) => axis.title)).toEqual(['model.nClusters', 'objective.name', 'train.lr (log)', 'GEMINI']);
    expect(points.some((p) => p.trial === 'failed')).toBe(false);
  });

  it('normalises numbers min–max, spans of 100× or more on log10, and categories evenly in sorted order', () => {
    expect(['a', 'b', 'c'].map((t) => position(t, 'model.nClusters'))).toEqual([0, 0.5, 1]);
    // log10: −3, −2, −1 → 0, ½, 1
    ['a', 'b', 'c'].forEach((t, i) => {
      expect(position(t, 'train.lr')).toBeCloseTo(i / 2, 12);
    });
    expect(['a', 'b', 'c'].map((t) => position(t, 'objective.name'))).toEqual([1, 0, 1]); // mmd < tv
    expect(['a', 'b', 'c'].map((t) => position(t, 'gemini'))).toEqual([0, 1, 0.5]);
    expect(axes[1].ticks).toEqual([
      { position: 0, label: 'mmd' },
      { position: 1, label: 'tv' },
    ]);
    expect(axes[2].ticks).toEqual([
      { position: 0, label: '0.001' },
      { position: 1, label: '0.1' },
    ]);
  });

  it('treats a parameter missing from some trials as the category (unset)', () => {
    const mixed = parallelCoordinates([trial('a', { seed: '1' }, 1), trial('b', {}, 2)]);
    expect(mixed.axes[0]).toMatchObject({ key: 'seed', kind: 'categorical', ticks: [{ label: '(unset)' }, { label: '1' }] });
  });

  it('places a single trial mid-axis and has no points without a finished trial', () => {
    expect(parallelCoordinates([trial('a', { x: '1' }, 3)]).points).toEqual([
      { trial: 'a', axis: 'gemini', position: 0.5, value: '3', gemini: 3 },
    ]);
    expect(parallelCoordinates([trial('a', {}, 3, 'KILLED')]).points).toEqual([]);
  });

  it('formats metric labels to four significant digits', () => {
    expect([formatMetric(1.23456), formatMetric(1234567), formatMetric(0.000123456), formatMetric(Number.NaN)]).toEqual([
      '1.235',
      '1235000',
      '0.0001235',
      'NaN',
    ]);
  });
});
