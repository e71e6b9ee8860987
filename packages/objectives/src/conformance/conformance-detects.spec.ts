import {
  type AnyPluginSpec,
  defineDistance,
  defineKernel,
  defineObjective,
  type Objective,
  type Tensor2D,
  Type,
  tf,
} from '@gemlab/core';
import { describe } from 'vitest';
import { tv } from '../geminis/tv.js';
import { DISTANCE_CHECKS, describeDistanceConformance } from './distance-conformance.js';
import { describeKernelConformance, KERNEL_CHECKS } from './kernel-conformance.js';
import { describeObjectiveConformance, OBJECTIVE_CHECKS } from './objective-conformance.js';

// The suites must be able to fail. Each plugin below is a correct one with one defect, declared
// as an expected failure: `it.fails` passes only when the check does fail, so if a check
// stopped detecting its defect, this file would report it.

/** TV-OvA with `alter` applied to its value (and so its gradient). */
function alteredTv(name: string, expectedFailures: Record<string, string>, alter: (value: tf.Scalar, p: Tensor2D) => tf.Scalar) {
  return defineObjective({
    name,
    description: `tv with a defect (${name})`,
    schema: Type.Object({}),
    create: (_params, ctx) => {
      const base = tv.create({ mode: 'ova', epsilon: 1e-12 }, ctx) as Objective;
      return { affinity: 'none', evaluate: (p) => tf.tidy(() => alter(base.evaluate(p), p)) };
    },
    expectedFailures,
  });
}

/** Multiplies the gradient by 2 and leaves the value alone. */
const doubledGradient = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [value] = inputs as [tf.Tensor];
  return { value: value.clone(), gradFunc: (dy: tf.Tensor) => tf.mul(dy, 2) };
});

const brokenObjectives: AnyPluginSpec[] = [
  alteredTv('wrong-gradient', { [OBJECTIVE_CHECKS.gradient]: 'gradient doubled' }, (v) => doubledGradient(v) as tf.Scalar),
  alteredTv(
    'counts-clusters',
    { [OBJECTIVE_CHECKS.emptyCluster]: 'value scaled by K' },
    (v, p) => tf.mul(v, p.shape[1]) as tf.Scalar,
  ),
  alteredTv('offset', { [OBJECTIVE_CHECKS.independent]: 'value + 0.01' }, (v) => tf.add(v, 0.01) as tf.Scalar),
  alteredTv('negated', { [OBJECTIVE_CHECKS.clustering]: 'value negated' }, (v) => tf.neg(v) as tf.Scalar),
  {
    ...alteredTv('leaky', { [OBJECTIVE_CHECKS.leaks]: 'keeps one tensor per call' }, (v) => v),
    create: (_params, ctx) => {
      const base = tv.create({ mode: 'ova', epsilon: 1e-12 }, ctx) as Objective;
      return {
        affinity: 'none',
        evaluate: (p: Tensor2D) => {
          tf.zeros([1]);
          return base.evaluate(p);
        },
      };
    },
  },
];

const asymmetricKernel = defineKernel({
  name: 'asymmetric',
  description: 'x·y + x₀ (not symmetric, not PSD)',
  schema: Type.Object({}),
  create: () => ({
    scope: 'batch',
    compute: (x, y) => tf.tidy(() => tf.add(tf.matMul(x, y ?? x, false, true), tf.slice(x, [0, 0], [-1, 1])) as Tensor2D),
  }),
  expectedFailures: { [KERNEL_CHECKS.symmetric]: 'adds x₀ by row', [KERNEL_CHECKS.psd]: 'indefinite' },
});

const offsetDistance = defineDistance({
  name: 'offset',
  description: '‖x − y‖₁ + 1 (non-zero diagonal)',
  schema: Type.Object({}),
  create: () => ({
    scope: 'batch',
    compute: (x, y) => tf.tidy(() => tf.add(tf.sum(tf.abs(tf.sub(x.expandDims(1), (y ?? x).expandDims(0))), 2), 1) as Tensor2D),
  }),
  expectedFailures: { [DISTANCE_CHECKS.zeroDiagonal]: '+1 everywhere', [DISTANCE_CHECKS.duplicates]: '+1 everywhere' },
});

describe('the conformance suites detect broken plugins', () => {
  for (const spec of brokenObjectives) describeObjectiveConformance(spec, { backend: 'cpu' });
  describeKernelConformance(asymmetricKernel, { backend: 'cpu' });
  describeDistanceConformance(offsetDistance, { backend: 'cpu' });
});
