import type { TopLevelSpec } from 'vega-lite';
import { figureConfig } from '../theme.js';
import type { SweepTrial } from '../types.js';
import { inlineScripts } from './inline-scripts.js';

/** A figure of the page: its element id and its Vega-Lite spec, compiled in the browser. */
export interface HtmlFigure {
  readonly id: string;
  readonly spec: TopLevelSpec;
}

/**
 * A self-contained page of a sweep's figures: the Vega-Lite specs inline, vega and vega-lite inline (so it works
 * offline, opened from disk), SVG rendering with a small tooltip handler, and a table of the trials.
 */
export function sweepHtml(title: string, figures: readonly HtmlFigure[], trials: readonly SweepTrial[]): string {
  const scripts = inlineScripts();
  const payload = jsonForScript({ config: figureConfig, figures });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} · sweep figures</title>
<style>
body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 24px; color: #222; }
.figure { margin: 0 0 32px; }
#tooltip { position: fixed; z-index: 10; pointer-events: none; display: none; white-space: pre; background: #fff;
  border: 1px solid #999; border-radius: 3px; padding: 4px 8px; font-size: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
table { border-collapse: collapse; font-size: 12px; }
th, td { border: 1px solid #ddd; padding: 2px 6px; text-align: left; }
</style>
<script>${scripts.vega}</script>
<script>${scripts.vegaLite}</script>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${figures.map((figure) => `<div class="figure" id="${escapeHtml(figure.id)}"></div>`).join('\n')}
<h2>Trials</h2>
${trialsTable(trials)}
<div id="tooltip"></div>
<script type="application/json" id="figure-specs">${payload}</script>
<script>
(function () {
  var page = JSON.parse(document.getElementById('figure-specs').textContent);
  var box = document.getElementById('tooltip');
  function tooltip(handler, event, item, value) {
    if (value == null || value === '') { box.style.display = 'none'; return; }
    box.textContent = typeof value === 'object'
      ? Object.keys(value).map(function (key) { return key + ': ' + value[key]; }).join('\\n')
      : String(value);
    box.style.left = event.clientX + 14 + 'px';
    box.style.top = event.clientY + 14 + 'px';
    box.style.display = 'block';
  }
  page.figures.forEach(function (figure) {
    var compiled = vegaLite.compile(figure.spec, { config: page.config }).spec;
    new vega.View(vega.parse(compiled), { renderer: 'svg', container: '#' + figure.id, hover: true })
      .tooltip(tooltip)
      .runAsync();
  });
})();
</script>
</body>
</html>
`;
}

function trialsTable(trials: readonly SweepTrial[]): string {
  const metricKeys = [...new Set(trials.flatMap((trial) => Object.keys(trial.metrics)))].sort();
  const header = ['trial', 'status', 'objective', 'K', 'repeat', ...metricKeys];
  const rows = trials.map((trial) => [
    trial.name,
    trial.status,
    trial.objective,
    String(trial.k),
    String(trial.repeat),
    ...metricKeys.map((key) => (trial.metrics[key] === undefined ? '' : String(Number(trial.metrics[key].toPrecision(5))))),
  ]);
  const cells = (tag: string, values: readonly string[]) => values.map((v) => `<${tag}>${escapeHtml(v)}</${tag}>`).join('');
  return `<table>\n<tr>${cells('th', header)}</tr>\n${rows.map((row) => `<tr>${cells('td', row)}</tr>`).join('\n')}\n</table>`;
}

/** JSON that cannot close the <script> element it sits in (every '<' escaped). */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
