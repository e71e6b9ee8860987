// @gemlab/datasets/testing — the conformance suite any dataset plugin, built-in or external, can run.

export { type DatasetConformanceOptions, describeDatasetConformance } from './conformance/dataset-conformance.js';
export { type LoadDatasetOptions, loadDataset } from './conformance/load-dataset.js';
