// @gemlab/tracking/testing — the tracker conformance suite and a real MLflow server for tests.

export {
  describeTrackerConformance,
  type TrackerConformanceFixture,
} from './conformance/tracker-conformance.js';
export { freePort } from './testing/free-port.js';
export { type MlflowTestServer, type MlflowTestServerOptions, startMlflowServer } from './testing/mlflow-server.js';
export { type NodeScript, runNodeScript, trackingEntryUrl } from './testing/node-script.js';
