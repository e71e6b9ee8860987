import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let cached: { vega: string; vegaLite: string } | undefined;

/** The browser builds of vega and vega-lite from node_modules, read once, safe to put inside a <script> element. */
export function inlineScripts(): { vega: string; vegaLite: string } {
  cached ??= {
    vega: scriptText(join(dirname(require.resolve('vega')), 'vega.min.js')),
    vegaLite: scriptText(join(dirname(require.resolve('vega-lite')), 'vega-lite.min.js')),
  };
  return cached;
}

function scriptText(path: string): string {
  return readFileSync(path, 'utf8').replace(/<\/(script)/gi, '<\\/$1');
}
