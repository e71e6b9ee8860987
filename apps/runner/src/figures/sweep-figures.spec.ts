import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { renderSweepFigures } from './index.js';
import { compileFigure } from './render/compile-spec.js';
import { pngHeader, svgSize } from './test-support/png-reader.js';
import { attribute, pathPoints, svgElements, svgGroups, svgTexts } from './test-support/svg-query.js';
import { syntheticSweep } from './test-support/synthetic.js';
import type { Artifact, SweepTrial } from './types.js';

function content(artifacts: readonly Artifact[], path: string): string | Uint8Array {
  const artifact = artifacts.find((a) => a.path === path);
  if (!artifact) throw new Error(`no artifact ${path}`);
  return artifact.content;
}
const text = (artifacts: readonly Artifact[], path: string) => content(artifacts, path) as string;

const figureNames = ['gemini-vs-k', 'used-clusters-vs-k', 'ari-vs-k', 'parallel-coordinates'];
// the colour domain is the sorted objectives: 'mmd-ovo(linear)' gets tableau10's first colour, 'tv-ova' its second
const colours = { 'mmd-ovo(linear)': '#4c78a8', 'tv-ova': '#f58518' } as const;

describe('renderSweepFigures', async () => {
  const trials = syntheticSweep({ objectives: ['tv-ova', 'mmd-ovo(linear)'], ks: [2, 3, 4], repeats: 3 });
  const artifacts = await renderSweepFigures({ title: 'sweep-k', trials });
  const finished = trials.filter((t) => t.status === 'FINISHED');

  it('writes SVG and PNG per figure, the HTML page and the trials table', () => {
    expect(trials.some((t) => t.status === 'FAILED')).toBe(true);
    expect(artifacts.map((a) => a.path)).toEqual([
      ...figureNames.flatMap((name) => [`figures/${name}.svg`, `figures/${name}.png`]),
      'figures/sweep.html',
      'tables/sweep_trials.csv',
    ]);
    const csv = text(artifacts, 'tables/sweep_trials.csv').trimEnd().split('\n');
    expect(csv).toHaveLength(trials.length + 1);
    expect(csv[0]).toMatch(/^name,status,objective,k,repeat,metrics\.ari,metrics\.gemini,metrics\.used_clusters,params\./);
  });

  it.each(figureNames)('%s.svg matches its snapshot', async (name) => {
    await expect(text(artifacts, `figures/${name}.svg`)).toMatchFileSnapshot(`./__snapshots__/${name}.svg`);
  });

  it.each(figureNames)('%s.png is a PNG at twice the SVG’s size', (name) => {
    const svg = svgSize(text(artifacts, `figures/${name}.svg`));
    expect(pngHeader(content(artifacts, `figures/${name}.png`) as Uint8Array)).toMatchObject({
      width: 2 * svg.width,
      height: 2 * svg.height,
    });
  });

  it('gives byte-identical files for the same trials', async () => {
    const again = await renderSweepFigures({ title: 'sweep-k', trials });
    again.forEach((artifact, i) => {
      expect(artifact.content, artifact.path).toEqual(artifacts[i].content);
    });
  });

  it('labels the GEMINI curve’s axes and legend, with one line and one band per objective', () => {
    const svg = text(artifacts, 'figures/gemini-vs-k.svg');
    expect(svgTexts(svg)).toEqual(
      expect.arrayContaining(['GEMINI vs K', 'K', 'GEMINI', 'objective', 'mmd-ovo(linear)', 'tv-ova']),
    );
    const bands = svgGroups(svg, 'mark-area role-mark').flatMap((g) => svgElements(g, 'path'));
    expect(bands.map((band) => attribute(band, 'fill')).sort()).toEqual(Object.values(colours).sort());
    expect(bands.every((band) => pathPoints(attribute(band, 'd') ?? '').length === 6)).toBe(true); // 3 K × (lower, upper)
    expect(svgGroups(svg, 'mark-line role-mark').flatMap((g) => svgElements(g, 'path'))).toHaveLength(2);
    // every finished trial as a dot
    expect(svgGroups(svg, 'mark-symbol role-mark layer_1').flatMap((g) => svgElements(g, 'path'))).toHaveLength(finished.length);
  });

  it('draws the band at mean ± sd of the repeats, centred on the mean line', () => {
    const svg = text(artifacts, 'figures/gemini-vs-k.svg');
    for (const [objective, colour] of Object.entries(colours)) {
      // mean and sample sd per K, computed here from the trials
      const stats = [2, 3, 4].map((k) => {
        const values = finished.filter((t) => t.objective === objective && t.k === k).map((t) => t.metrics.gemini);
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        const sd = values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
        return { mean, sd };
      });
      const band = svgGroups(svg, 'mark-area role-mark')
        .flatMap((g) => svgElements(g, 'path'))
        .find((p) => attribute(p, 'fill') === colour);
      const line = svgGroups(svg, 'mark-line role-mark')
        .flatMap((g) => svgElements(g, 'path'))
        .find((p) => attribute(p, 'stroke') === colour);
      const bandPoints = pathPoints(attribute(band ?? '', 'd') ?? '');
      const linePoints = pathPoints(attribute(line ?? '', 'd') ?? '');
      const pixelsPerUnit = (linePoints[0][1] - linePoints[2][1]) / (stats[2].mean - stats[0].mean);
      linePoints.forEach(([x, y], i) => {
        const [lower, upper] = bandPoints.filter(([bx]) => bx === x).map(([, by]) => by);
        expect((lower + upper) / 2).toBeCloseTo(y, 2);
        expect((lower - upper) / 2).toBeCloseTo(stats[i].sd * pixelsPerUnit, 1);
      });
    }
  });

  it('adds the all-K-used reference line to the used-clusters curve', () => {
    const svg = text(artifacts, 'figures/used-clusters-vs-k.svg');
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['Used clusters vs K', 'K', 'used clusters', 'all K used']));
    const dashed = svgGroups(svg, 'mark-line role-mark')
      .flatMap((g) => svgElements(g, 'path'))
      .filter((p) => attribute(p, 'stroke-dasharray'));
    expect(dashed).toHaveLength(1);
  });

  it('reaches ARI = 1 on the ARI curve’s axis', () => {
    const svg = text(artifacts, 'figures/ari-vs-k.svg');
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['ARI vs K', 'K', 'ARI', '1.00']));
  });

  it('draws one parallel-coordinates line per finished trial across the varying hyperparameters and GEMINI', () => {
    const svg = text(artifacts, 'figures/parallel-coordinates.svg');
    const lines = svgGroups(svg, 'mark-line role-mark').flatMap((g) => svgElements(g, 'path'));
    expect(lines).toHaveLength(finished.length);
    const axisTitles = svgGroups(svg, 'mark-text role-axis-label').flatMap(svgTexts);
    // objective.name and objective.mode, nClusters, lr and seed differ; train.epochs does not
    expect(axisTitles).toEqual(['model.nClusters', 'objective.mode', 'objective.name', 'seed', 'train.lr (log)', 'GEMINI']);
  });

  it('writes a self-contained HTML page: scripts inline, every figure’s spec inline and compilable', () => {
    const html = text(artifacts, 'figures/sweep.html');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/[^"'\s]*\.(js|css)\b/);
    expect(html).toContain('vega.View(');
    expect(html).toContain('vegaLite.compile(');
    expect(html.match(/<\/script>/g)).toHaveLength(4); // vega, vega-lite, the specs, the page's code
    const json = /<script type="application\/json" id="figure-specs">([^<]*)<\/script>/.exec(html)?.[1] ?? '';
    const page = JSON.parse(json) as { figures: { id: string; spec: Parameters<typeof compileFigure>[0] }[] };
    expect(page.figures.map((f) => f.id)).toEqual(figureNames.map((name) => `figure-${name}`));
    for (const figure of page.figures) {
      expect(html).toContain(`<div class="figure" id="${figure.id}"></div>`);
      expect(compileFigure(figure.spec).warnings).toEqual([]);
    }
    expect(json).toContain('"tooltip"');
    expect(html).toContain('<td>mmd-ovo(linear)-k2-r0</td>');
  });

  it('runs the inlined vega and vega-lite builds on the inlined specs (in a sandbox without DOM)', async () => {
    const html = text(artifacts, 'figures/sweep.html');
    const [vegaBuild, vegaLiteBuild] = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
    const sandbox = vm.createContext({ setTimeout, clearTimeout, structuredClone, console });
    vm.runInContext(vegaBuild, sandbox);
    vm.runInContext(vegaLiteBuild, sandbox);
    sandbox.page = JSON.parse(/<script type="application\/json" id="figure-specs">([^<]*)<\/script>/.exec(html)?.[1] ?? '');
    expect(vm.runInContext('vega.version + " " + vegaLite.version', sandbox)).toBe('6.4.0 6.5.0');
    const svgs: string[] = await vm.runInContext(
      `Promise.all(page.figures.map(function (f) {
        return new vega.View(vega.parse(vegaLite.compile(f.spec, { config: page.config }).spec), { renderer: 'none' }).toSVG();
      }))`,
      sandbox,
    );
    const titles = ['GEMINI vs K', 'Used clusters vs K', 'ARI vs K', 'Hyperparameters and final GEMINI'];
    svgs.forEach((svg, i) => {
      expect(svgTexts(svg)).toContain(titles[i]);
    });
  });

  it('draws no curve for a metric no finished trial has, and no figure at all when every trial failed', async () => {
    const withoutAri = trials.map(
      (t): SweepTrial => ({ ...t, metrics: Object.fromEntries(Object.entries(t.metrics).filter(([key]) => key !== 'ari')) }),
    );
    const paths = (await renderSweepFigures({ title: 's', trials: withoutAri })).map((a) => a.path);
    expect(paths).not.toContain('figures/ari-vs-k.svg');
    expect(paths).toContain('figures/gemini-vs-k.svg');
    const failed = trials.map((t): SweepTrial => ({ ...t, status: 'FAILED', metrics: {} }));
    const none = await renderSweepFigures({ title: 's', trials: failed });
    expect(none.map((a) => a.path)).toEqual(['figures/sweep.html', 'tables/sweep_trials.csv']);
  });
});
