import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { figureConfig } from '../theme.js';

/** A Vega-Lite spec compiled to Vega, with the warnings Vega-Lite raised on the way (a clean spec raises none). */
export interface CompiledFigure {
  readonly vega: vega.Spec;
  readonly warnings: readonly string[];
}

/** Compiles a figure spec with the shared theme; warnings are collected instead of printed. */
export function compileFigure(spec: TopLevelSpec): CompiledFigure {
  const warnings: string[] = [];
  const collect = (...message: unknown[]) => {
    warnings.push(message.map(String).join(' '));
    return logger;
  };
  const logger = { level: () => 0, info: collect, warn: collect, error: collect, debug: collect } as never;
  const compiled = compile(spec, { config: figureConfig, logger }).spec as vega.Spec;
  return { vega: compiled, warnings };
}

/**
 * A parsed figure without its data, and the data to run it with. The parsed dataflow depends only on the spec's
 * structure, so trials with the same K share one: what varies per figure travels in `datasets` (the spec's named
 * inline datasets), `signals` (its top-level variable params) and the title's subtitle.
 */
export interface FigureTemplate {
  readonly runtime: vega.Runtime;
  readonly datasets: Readonly<Record<string, readonly object[]>>;
  readonly signals: Readonly<Record<string, unknown>>;
}

const subtitleSignal = 'figure_subtitle';
const maxCachedTemplates = 64;
const templates = new Map<string, { runtime: vega.Runtime; dataNames: ReadonlySet<string> }>();

/** Splits a spec into its cached parsed structure and this figure's datasets, param values and subtitle. */
export function figureTemplate(spec: TopLevelSpec): FigureTemplate {
  const { datasets = {}, params = [], title, ...rest } = spec as TopLevelSpec & { params?: { name: string; value?: unknown }[] };
  const titleObject = typeof title === 'object' && title !== null && !Array.isArray(title) ? title : undefined;
  const subtitle = titleObject?.subtitle;
  const structure = {
    ...rest,
    ...(title === undefined
      ? {}
      : { title: titleObject ? { ...titleObject, subtitle: subtitle === undefined ? undefined : '' } : title }),
    datasets: Object.fromEntries(Object.keys(datasets).map((name) => [name, []])),
    params: params.map((param) => ('value' in param ? { ...param, value: null } : param)),
  } as TopLevelSpec;
  const key = JSON.stringify(structure);
  let template = templates.get(key);
  if (!template) {
    const compiled = withSubtitleSignal(compileFigure(structure).vega, subtitle !== undefined);
    template = { runtime: vega.parse(compiled), dataNames: new Set((compiled.data ?? []).map((data) => data.name)) };
    if (templates.size >= maxCachedTemplates) templates.delete(templates.keys().next().value as string);
    templates.set(key, template);
  }
  const { runtime, dataNames } = template;
  const signals: Record<string, unknown> = Object.fromEntries(params.filter((p) => 'value' in p).map((p) => [p.name, p.value]));
  if (subtitle !== undefined) signals[subtitleSignal] = subtitle;
  // a dataset no layer reads is dropped by Vega-Lite, and the view would reject it
  const used = Object.entries(datasets as Record<string, object[]>).filter(([name]) => dataNames.has(name));
  return { runtime, datasets: Object.fromEntries(used), signals };
}

/** Vega-Lite takes no expression for a subtitle, Vega does: the compiled title reads it from a signal. */
function withSubtitleSignal(spec: vega.Spec, hasSubtitle: boolean): vega.Spec {
  if (!hasSubtitle || typeof spec.title !== 'object' || spec.title === null || Array.isArray(spec.title)) return spec;
  return {
    ...spec,
    signals: [...(spec.signals ?? []), { name: subtitleSignal, value: '' }],
    title: { ...(spec.title as vega.Title), subtitle: { signal: subtitleSignal } },
  };
}
