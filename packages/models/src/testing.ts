// @gemlab/models/testing — the conformance suite every architecture (built-in or external) runs.

export {
  type ArchitectureConformanceOptions,
  describeArchitectureConformance,
} from './conformance/architecture-conformance.js';
