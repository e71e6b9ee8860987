import type { SweepStrategy } from '../sweep-strategy.js';
import { gridValues } from '../sweep-values.js';

/** Every combination of the listed values, the first parameter varying slowest. */
export const gridStrategy: SweepStrategy = {
  name: 'grid',
  *points(parameters) {
    const axes = Object.entries(parameters).map(([path, values]) => [path, gridValues(values, path)] as const);
    const total = axes.reduce((n, [, values]) => n * values.length, 1);
    for (let index = 0; index < total; index++) {
      const point: Record<string, unknown> = {};
      let rest = index;
      for (let a = axes.length - 1; a >= 0; a--) {
        const [path, values] = axes[a] as (typeof axes)[number];
        point[path] = values[rest % values.length];
        rest = Math.floor(rest / values.length);
      }
      yield Object.fromEntries(axes.map(([path]) => [path, point[path]]));
    }
  },
};
