import { type AnyPluginSpec, type Objective, type PluginProducts, SectionValidator, type Tensor2D, tf } from '@gemlab/core';
import { conformanceRegistry, createFromConfig } from './conformance-registry.js';

/**
 * A plugin instance built as the runner builds it: `{ name, ...params }` validated and defaulted
 * by the composed schema (nested kernels and distances included), then `create`d with a seeded
 * context. `plugins` adds plugins the params may name besides the built-in kernels and distances.
 */
export function createFromSpec<K extends AnyPluginSpec['kind']>(
  spec: AnyPluginSpec & { readonly kind: K },
  params: Readonly<Record<string, unknown>> = {},
  plugins: readonly AnyPluginSpec[] = [],
): PluginProducts[K] {
  const registry = conformanceRegistry(spec, plugins);
  const config = new SectionValidator(registry).plugin(spec.kind, { ...params, name: spec.name }, spec.kind);
  return createFromConfig(registry, spec.kind, config) as PluginProducts[K];
}

/**
 * The objective's value on rows of probabilities p, with its affinity built from the samples x
 * when it declares one (x is required then). Tensors are disposed.
 */
export function evaluateObjective(
  objective: Objective,
  p: readonly (readonly number[])[],
  x?: readonly (readonly number[])[],
): number {
  return tf.tidy(() => {
    let affinity: Tensor2D | undefined;
    if (objective.affinity !== 'none') {
      if (!x || !objective.affinityFunction)
        throw new Error(`evaluateObjective: this objective needs x to build its ${objective.affinity}`);
      affinity = objective.affinityFunction.compute(tf.tensor2d(x as number[][]));
    }
    return objective.evaluate(tf.tensor2d(p as number[][]), affinity).dataSync()[0] as number;
  });
}
