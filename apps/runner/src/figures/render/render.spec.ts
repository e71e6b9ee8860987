import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { parallelCoordinates } from '../data/parallel-coordinates.js';
import { metricObservations, objectivesOf, summariseByObjectiveAndK } from '../data/sweep-summary.js';
import { ariVsKSpec } from '../specs/ari-vs-k.js';
import { clusterScatterSpec } from '../specs/cluster-scatter.js';
import { clusterSizesSpec } from '../specs/cluster-sizes.js';
import { confusionMatrixSpec } from '../specs/confusion-matrix.js';
import { kCurveSpec } from '../specs/k-curves.js';
import { parallelCoordinatesSpec } from '../specs/parallel-coordinates.js';
import { trainingCurvesSpec } from '../specs/training-curves.js';
import { pngPixels } from '../test-support/png-reader.js';
import { syntheticSweep } from '../test-support/synthetic.js';
import { figureFontFamily } from '../theme.js';
import { compileFigure, figureTemplate } from './compile-spec.js';
import { pngFonts } from './png-fonts.js';
import { renderPng } from './render-png.js';
import { renderSvg, roundTranslations } from './render-svg.js';

const sweep = syntheticSweep({ objectives: ['tv-ova', 'kl-ova'], ks: [2, 3, 4], repeats: 3 });
const observations = metricObservations(sweep, 'gemini');
const curve = {
  title: 's',
  objectives: objectivesOf(observations),
  observations,
  summaries: summariseByObjectiveAndK(observations),
};
const points = (k: number) =>
  Array.from({ length: 30 }, (_, i) => ({ x: Math.sin(i), y: Math.cos(3 * i), cluster: i % k, label: i % 2 }));
const specs: Record<string, TopLevelSpec> = {
  'cluster-scatter': clusterScatterSpec({
    title: 't',
    nClusters: 3,
    classes: [0, 1],
    dimensions: 2,
    xTitle: 'x[0]',
    yTitle: 'x[1]',
    points: points(3),
  }),
  'cluster-scatter (1-D)': clusterScatterSpec({
    title: 't',
    nClusters: 3,
    dimensions: 1,
    xTitle: 'x[0]',
    yTitle: '',
    points: points(3),
  }),
  'training-curves': trainingCurvesSpec({
    title: 't',
    history: [1, 2, 3].map((epoch) => ({ epoch, gemini: epoch / 4, loss: -epoch / 4, vat: 0.1 })),
  }),
  'confusion-matrix': confusionMatrixSpec({
    title: 't',
    classes: [0, 1],
    clusters: [1, 0, 2],
    counts: [
      [5, 1, 0],
      [0, 6, 0],
    ],
  }),
  'cluster-sizes': clusterSizesSpec({ title: 't', sizes: [5, 0, 7] }),
  'gemini-vs-k': kCurveSpec({ ...curve, figure: 'GEMINI vs K', metricTitle: 'GEMINI' }),
  'used-clusters-vs-k': kCurveSpec({ ...curve, figure: 'Used clusters vs K', metricTitle: 'used clusters', identityLine: true }),
  'ari-vs-k': ariVsKSpec(curve),
  'parallel-coordinates': parallelCoordinatesSpec({ title: 's', ...parallelCoordinates(sweep) }),
};

/** The plain path: compile with the data inline, parse, run, render — no template cache. */
async function renderDirectly(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compileFigure(spec).vega), { renderer: 'none', logLevel: vega.Error });
  await view.runAsync();
  vega.resetSVGDefIds();
  const svg = await view.toSVG();
  view.finalize();
  return roundTranslations(svg);
}

describe('figure specs', () => {
  it.each(Object.keys(specs))('%s compiles without a Vega-Lite warning', (name) => {
    expect(compileFigure(specs[name]).warnings).toEqual([]);
  });

  it.each(Object.keys(specs))('%s renders the same through the template cache as compiled with its data inline', async (name) => {
    expect(await renderSvg(figureTemplate(specs[name]))).toBe(await renderDirectly(specs[name]));
  });

  it('shares one parsed template between figures of the same structure, each with its own data and subtitle', async () => {
    const first = clusterSizesSpec({ title: 'first', sizes: [1, 2, 3] });
    const second = clusterSizesSpec({ title: 'second', sizes: [30, 20, 10] });
    expect(figureTemplate(first).runtime).toBe(figureTemplate(second).runtime);
    expect(figureTemplate(first).runtime).not.toBe(figureTemplate(clusterSizesSpec({ title: 'x', sizes: [1, 2] })).runtime);
    const [a, b] = [await renderSvg(figureTemplate(first)), await renderSvg(figureTemplate(second))];
    expect(a).toBe(await renderDirectly(first));
    expect(b).toBe(await renderDirectly(second));
    expect(a).toContain('first · 3 of 3 clusters used');
    expect(b).toContain('second · 3 of 3 clusters used');
  });

  it('rounds mark positions to 1/100 px', () => {
    expect(roundTranslations('<path transform="translate(313.55920155843097,-0.001)"/><g transform="translate(1e-7,2)">')).toBe(
      '<path transform="translate(313.56,0)"/><g transform="translate(0,2)">',
    );
  });
});

describe('PNG rendering', () => {
  it('finds a font and draws text with it (install one if this fails: Debian package fonts-dejavu-core)', async () => {
    const fonts = pngFonts();
    expect(fonts.loadSystemFonts === true || (fonts.fontFiles ?? []).length > 0).toBe(true);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><text x="4" y="22" font-family="${figureFontFamily}" font-size="18">GEMINI</text></svg>`;
    const { header, rgba } = pngPixels(await renderPng(svg, 1));
    expect([header.width, header.height]).toEqual([120, 30]);
    let ink = 0;
    for (let p = 0; p < rgba.length; p += 4) if (rgba[p] < 128) ink++;
    expect(ink).toBeGreaterThan(100);
  });

  it('scales by the given factor and paints transparent areas white', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><rect x="0" y="0" width="5" height="5" fill="#ff0000"/></svg>';
    const { header, rgba } = pngPixels(await renderPng(svg, 3));
    expect([header.width, header.height]).toEqual([30, 15]);
    expect([...rgba.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
    expect([...rgba.subarray(rgba.length - 4)]).toEqual([255, 255, 255, 255]);
  });

  it('draws text the same as resvg’s own text layout, from cached glyph outlines', async () => {
    const label = (x: number, y: number, content: string, extra = '') =>
      `<text text-anchor="middle" transform="translate(${x},${y})" font-family="${figureFontFamily}" font-size="14px" fill="#333"${extra}>${content}</text>`;
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120"><rect width="240" height="120" fill="white"/>' +
      label(60, 30, 'GEMINI') +
      label(60, 60, 'GEMINI', ' font-weight="bold" opacity="0.5"') +
      `<text transform="translate(200,100) rotate(-90)" font-family="${figureFontFamily}" font-size="12px">used clusters</text>` +
      `<text x="120" y="100" font-family="${figureFontFamily}" font-size="12px">x, y &amp; −1</text>` +
      label(180, 30, 'tv-ova', ' stroke="white" stroke-width="3" stroke-linejoin="round"') +
      '</svg>';
    for (let round = 0; round < 2; round++) {
      const ours = pngPixels(await renderPng(svg)).rgba;
      const direct = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white', font: pngFonts() }).render().pixels;
      expect(ours.length).toBe(direct.length);
      let differing = 0;
      for (let i = 0; i < ours.length; i++) if (Math.abs(ours[i] - direct[i]) > 24) differing++;
      expect(differing / ours.length).toBeLessThan(1e-3);
    }
  });

  it('rejects an SVG that resvg cannot read, and keeps working afterwards', async () => {
    await expect(renderPng('this is not svg')).rejects.toThrow(/PNG rendering failed/);
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>';
    expect(pngPixels(await renderPng(svg)).header.width).toBe(8);
  });
});
