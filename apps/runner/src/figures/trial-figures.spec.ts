import { hungarianOrderedConfusion } from '@gemlab/core';
import { describe, expect, it } from 'vitest';
import { renderTrialFigures } from './index.js';
import { smallTrial } from './test-support/fixtures.js';
import { pngHeader, pngPixels, svgSize } from './test-support/png-reader.js';
import { attribute, svgElements, svgGroups, svgTexts } from './test-support/svg-query.js';
import type { Artifact } from './types.js';

function text(artifacts: readonly Artifact[], path: string): string {
  const artifact = artifacts.find((a) => a.path === path);
  if (typeof artifact?.content !== 'string') throw new Error(`no text artifact ${path}`);
  return artifact.content;
}

function bytes(artifacts: readonly Artifact[], path: string): Uint8Array {
  const artifact = artifacts.find((a) => a.path === path);
  if (!(artifact?.content instanceof Uint8Array)) throw new Error(`no binary artifact ${path}`);
  return artifact.content;
}

/** The items (paths) of the mark groups of one mark type that are data marks, not guides. */
function markItems(svg: string, mark: string): string[] {
  return svgGroups(svg, `mark-${mark} role-mark`).flatMap((group) => svgElements(group, 'path'));
}

const figureNames = ['cluster-scatter', 'training-curves', 'confusion-matrix', 'cluster-sizes'];

describe('renderTrialFigures', async () => {
  const labelled = await renderTrialFigures(smallTrial());

  it('writes SVG and PNG per figure, then the two tables', () => {
    expect(labelled.map((a) => a.path)).toEqual([
      ...figureNames.flatMap((name) => [`figures/${name}.svg`, `figures/${name}.png`]),
      'tables/cluster_sizes.csv',
      'tables/training_curves.csv',
    ]);
  });

  it('leaves out the confusion matrix without labels, and the curves without history', async () => {
    const unlabelled = await renderTrialFigures({ ...smallTrial({ withLabels: false }), history: [] });
    expect(unlabelled.map((a) => a.path)).toEqual([
      'figures/cluster-scatter.svg',
      'figures/cluster-scatter.png',
      'figures/cluster-sizes.svg',
      'figures/cluster-sizes.png',
      'tables/cluster_sizes.csv',
      'tables/training_curves.csv',
    ]);
    const scatter = text(unlabelled, 'figures/cluster-scatter.svg');
    expect(svgTexts(scatter)).not.toContain('true class');
  });

  it.each(figureNames)('%s.svg matches its snapshot', async (name) => {
    await expect(text(labelled, `figures/${name}.svg`)).toMatchFileSnapshot(`./__snapshots__/${name}.svg`);
  });

  it('gives byte-identical files for the same input, whatever was rendered in between', async () => {
    await renderTrialFigures(smallTrial({ withVat: true, d: 5 }));
    const again = await renderTrialFigures(smallTrial());
    expect(again.map((a) => a.path)).toEqual(labelled.map((a) => a.path));
    again.forEach((artifact, i) => {
      expect(artifact.content, artifact.path).toEqual(labelled[i].content);
    });
  });

  it('draws every sample in the scatter, coloured by cluster and shaped by class, with both legends', () => {
    const svg = text(labelled, 'figures/cluster-scatter.svg');
    expect(markItems(svg, 'symbol')).toHaveLength(60);
    const texts = svgTexts(svg);
    expect(texts).toEqual(expect.arrayContaining(['Clusters', 'x[0]', 'x[1]', 'cluster', 'true class']));
    // the empty cluster 3 keeps its legend entry and colour
    expect(texts).toEqual(
      expect.arrayContaining(['cluster 0', 'cluster 1', 'cluster 2', 'cluster 3', 'class 0', 'class 1', 'class 2']),
    );
    const fills = new Set(markItems(svg, 'symbol').map((path) => attribute(path, 'fill')));
    expect(fills.size).toBe(3);
    const shapes = new Set(markItems(svg, 'symbol').map((path) => attribute(path, 'd')));
    expect(shapes.size).toBe(3);
  });

  it('titles PCA axes with their share of variance when a sample has more than two features', async () => {
    const svg = text(await renderTrialFigures(smallTrial({ d: 5 })), 'figures/cluster-scatter.svg');
    expect(svgTexts(svg).filter((t) => t.startsWith('PC '))).toEqual([
      expect.stringMatching(/^PC 1 \(\d+\.\d% of variance\)$/),
      expect.stringMatching(/^PC 2 \(\d+\.\d% of variance\)$/),
    ]);
  });

  it('draws GEMINI and loss in two panels over one epoch axis, and a VAT panel when logged', async () => {
    const svg = text(labelled, 'figures/training-curves.svg');
    expect(markItems(svg, 'line')).toHaveLength(2);
    const texts = svgTexts(svg);
    expect(texts).toEqual(expect.arrayContaining(['Training curves', 'GEMINI', 'loss']));
    expect(texts.filter((t) => t === 'epoch')).toHaveLength(1);
    expect(texts).not.toContain('VAT penalty');
    const withVat = text(await renderTrialFigures(smallTrial({ withVat: true })), 'figures/training-curves.svg');
    expect(markItems(withVat, 'line')).toHaveLength(3);
    expect(svgTexts(withVat)).toContain('VAT penalty');
  });

  it('orders the confusion matrix columns by the Hungarian matching, the empty cluster last, with counts written in', () => {
    const svg = text(labelled, 'figures/confusion-matrix.svg');
    const input = smallTrial();
    const matrix = hungarianOrderedConfusion(input.labels as Int32Array, input.clusters);
    // classes c → cluster (c + 1) mod 3 for all but samples 0..2, so the matched order is 1, 2, 0; cluster 3 is empty
    expect(matrix.clusters).toEqual([1, 2, 0]);
    const [xLabels, yLabels] = svgGroups(svg, 'mark-text role-axis-label').map(svgTexts);
    expect(xLabels).toEqual(['1', '2', '0', '3']);
    expect(yLabels).toEqual(['0', '1', '2']);
    expect(markItems(svg, 'rect')).toHaveLength(3 * 4);
    const cellTexts = svgGroups(svg, 'mark-text role-mark').flatMap(svgTexts);
    // row class 0: 19 in cluster 1, 0 in 2, 1 in 0 (sample 0), 0 in 3; row 1: 0, 19, 1, 0; row 2: 0, 0, 20, 0
    expect(cellTexts).toEqual(['19', '0', '1', '0', '0', '19', '1', '0', '0', '0', '20', '0']);
    expect(svgTexts(svg)).toEqual(
      expect.arrayContaining(['true class', 'predicted cluster (Hungarian-matched order)', 'samples']),
    );
  });

  it('draws one bar per cluster 0..K−1, the empty cluster included', () => {
    const svg = text(labelled, 'figures/cluster-sizes.svg');
    expect(markItems(svg, 'rect')).toHaveLength(4);
    // cluster 0: class 2 (20, sample 2 among them) plus samples 0 and 1 = 22; clusters 1, 2: classes 0, 1 less one each
    expect(svgGroups(svg, 'mark-text role-mark').flatMap(svgTexts)).toEqual(['22', '19', '19', '0']);
    expect(svgTexts(svg)).toEqual(
      expect.arrayContaining(['Cluster sizes', 'tv-ova-k4-r0 · 3 of 4 clusters used', 'cluster', 'samples']),
    );
    expect(text(labelled, 'tables/cluster_sizes.csv')).toBe(
      'cluster,size,fraction\n0,22,0.36666666666666664\n1,19,0.31666666666666665\n2,19,0.31666666666666665\n3,0,0\n',
    );
  });

  it.each(figureNames)('%s.png is an RGBA PNG at twice the SVG’s size, not blank', (name) => {
    const svg = svgSize(text(labelled, `figures/${name}.svg`));
    const png = bytes(labelled, `figures/${name}.png`);
    expect(pngHeader(png)).toEqual({ width: 2 * svg.width, height: 2 * svg.height, bitDepth: 8, colorType: 6 });
    const { rgba } = pngPixels(png);
    let ink = 0;
    for (let p = 0; p < rgba.length; p += 4) if (rgba[p] + rgba[p + 1] + rgba[p + 2] < 600) ink++;
    expect(ink).toBeGreaterThan(1000);
    expect(rgba.every((value, i) => i % 4 !== 3 || value === 255)).toBe(true);
  });

  it('rejects inputs whose shapes disagree, naming the culprit', async () => {
    const good = smallTrial();
    await expect(renderTrialFigures({ ...good, x: new Float32Array(7) })).rejects.toThrow(
      /x holds 7 values, expected 60 samples × 2/,
    );
    await expect(renderTrialFigures({ ...good, labels: new Int32Array(3) })).rejects.toThrow(/labels has 3 entries/);
    await expect(renderTrialFigures({ ...good, nClusters: 2 })).rejects.toThrow(/clusters\[\d+\] = 2 is outside 0\.\.1/);
    const empty = { ...good, x: new Float32Array(0), clusters: new Int32Array(0), labels: undefined };
    await expect(renderTrialFigures(empty)).rejects.toThrow(/clusters is empty/);
  });
});
