// @gemlab/objectives/testing — conformance suites any objective, kernel or distance plugin
// (built-in or external) can run in its own vitest spec files.

export { CONFORMANCE_FEATURE_COUNT, CONFORMANCE_SAMPLE_COUNT } from './conformance/affinity-checks.js';
export { createFromSpec, evaluateObjective } from './conformance/create-from-spec.js';
export { DISTANCE_CHECKS, describeDistanceConformance } from './conformance/distance-conformance.js';
export { symmetricEigenvalues } from './conformance/eigenvalues.js';
export { finiteDifferenceGradient } from './conformance/finite-differences.js';
export { type AffinityConformanceOptions, describeKernelConformance, KERNEL_CHECKS } from './conformance/kernel-conformance.js';
export {
  describeObjectiveConformance,
  OBJECTIVE_CHECKS,
  type ObjectiveConformanceOptions,
} from './conformance/objective-conformance.js';
