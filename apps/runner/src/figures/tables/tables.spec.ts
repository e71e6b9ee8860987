import { describe, expect, it } from 'vitest';
import type { SweepTrial } from '../types.js';
import { toCsv } from './csv.js';
import { sweepTrialsCsv } from './sweep-tables.js';
import { clusterSizesCsv, trainingCurvesCsv } from './trial-tables.js';

describe('CSV tables', () => {
  it('quotes cells with commas, quotes or line breaks, and leaves missing cells empty', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['mmd-ovo(linear,rbf)', 'say "hi"'],
          ['x\ny', undefined],
          [1.5, Number.NaN],
        ],
      ),
    ).toBe('a,b\n"mmd-ovo(linear,rbf)","say ""hi"""\n"x\ny",\n1.5,NaN\n');
  });

  it('writes every cluster 0..K−1 with its size and fraction, empty clusters included', () => {
    expect(clusterSizesCsv([3, 0, 1])).toBe('cluster,size,fraction\n0,3,0.75\n1,0,0\n2,1,0.25\n');
  });

  it('writes the training curves, with a vat column only when an epoch has one', () => {
    expect(trainingCurvesCsv([{ epoch: 1, gemini: 0.5, loss: -0.5 }])).toBe('epoch,gemini,loss\n1,0.5,-0.5\n');
    expect(
      trainingCurvesCsv([
        { epoch: 1, gemini: 0.5, loss: -0.4, vat: 0.1 },
        { epoch: 2, gemini: 0.6, loss: -0.6 },
      ]),
    ).toBe('epoch,gemini,loss,vat\n1,0.5,-0.4,0.1\n2,0.6,-0.6,\n');
    expect(trainingCurvesCsv([])).toBe('epoch,gemini,loss\n');
  });

  it('writes one row per sweep trial with the union of metrics and params as sorted, prefixed columns', () => {
    const trials: SweepTrial[] = [
      {
        name: 't1',
        status: 'FINISHED',
        objective: 'tv-ova',
        k: 2,
        repeat: 0,
        params: { 'train.lr': '0.1', seed: '0' },
        metrics: { gemini: 0.5, ari: 1 },
      },
      { name: 't2', status: 'FAILED', objective: 'mmd-ovo(linear)', k: 3, repeat: 1, params: { seed: '1' }, metrics: {} },
    ];
    expect(sweepTrialsCsv(trials)).toBe(
      'name,status,objective,k,repeat,metrics.ari,metrics.gemini,params.seed,params.train.lr\n' +
        't1,FINISHED,tv-ova,2,0,1,0.5,0,0.1\n' +
        't2,FAILED,mmd-ovo(linear),3,1,,,1,\n',
    );
  });
});
