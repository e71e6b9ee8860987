import * as vega from 'vega';
import type { FigureTemplate } from './compile-spec.js';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs SVG renders one at a time. Vega names clip paths and gradients from module-wide counters, so two renders
 * interleaved (or one after many others) would number them differently; resetting the counters right before each
 * render, with nothing else rendering, is what makes the same spec give byte-identical SVG.
 */
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const result = queue.then(task);
  queue = result.catch(() => undefined);
  return result;
}

/** Runs a figure template on its data and renders it to an SVG string, headlessly (no DOM, no canvas). */
export function renderSvg(figure: FigureTemplate): Promise<string> {
  return oneAtATime(async () => {
    const view = new vega.View(figure.runtime, { renderer: 'none', logLevel: vega.Error });
    try {
      // vega marks ingested tuples with ids, so it gets copies and the caller's rows stay untouched
      for (const [name, rows] of Object.entries(figure.datasets))
        view.data(
          name,
          rows.map((row) => ({ ...row })),
        );
      for (const [name, value] of Object.entries(figure.signals)) view.signal(name, value as vega.SignalValue);
      await view.runAsync();
      vega.resetSVGDefIds();
      return roundTranslations(await view.toSVG());
    } finally {
      view.finalize();
    }
  });
}

/** Rounds mark positions to 1/100 px: vega writes them with 17 digits, a third of a large scatter's bytes. */
export function roundTranslations(svg: string): string {
  return svg.replace(
    /translate\((-?[\d.]+(?:e-?\d+)?),(-?[\d.]+(?:e-?\d+)?)\)/g,
    (_, x: string, y: string) => `translate(${round2(x)},${round2(y)})`,
  );
}

function round2(text: string): string {
  const value = Math.round(Number(text) * 100) / 100;
  return String(Object.is(value, -0) ? 0 : value);
}
