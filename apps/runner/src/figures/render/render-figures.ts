import type { TopLevelSpec } from 'vega-lite';
import type { Artifact } from '../types.js';
import { figureTemplate } from './compile-spec.js';
import { renderPng } from './render-png.js';
import { renderSvg } from './render-svg.js';

/** A figure to render: `figures/<name>.svg` and `figures/<name>.png`. */
export interface NamedSpec {
  readonly name: string;
  readonly spec: TopLevelSpec;
}

/**
 * Renders each spec to SVG and PNG. SVGs are made one at a time on this thread; each PNG is rasterised on a
 * worker thread while the next SVG is made, so the two overlap. Artifacts come back in spec order, SVG before PNG.
 */
export async function renderFigures(specs: readonly NamedSpec[]): Promise<Artifact[]> {
  const rendered: { name: string; svg: string; png: Promise<Uint8Array> }[] = [];
  for (const { name, spec } of specs) {
    const svg = await renderSvg(figureTemplate(spec));
    const png = renderPng(svg);
    png.catch(() => undefined); // awaited below; keeps an early failure from going unhandled meanwhile
    rendered.push({ name, svg, png });
  }
  const artifacts: Artifact[] = [];
  for (const { name, svg, png } of rendered) {
    artifacts.push({ path: `figures/${name}.svg`, content: svg }, { path: `figures/${name}.png`, content: await png });
  }
  return artifacts;
}
