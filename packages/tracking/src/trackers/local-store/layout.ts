import { join } from 'node:path';

/**
 * The local run store's files (documented for humans in packages/tracking/README.md):
 *
 *   <store>/<experiment>/experiment.json          {"name": "<experiment name>", "createdAt": <ms>}
 *   <store>/<experiment>/<runId>/run.json         status, name, parent, start/end time (written last at start)
 *   <store>/<experiment>/<runId>/params.json      {"<key>": "<value>"}
 *   <store>/<experiment>/<runId>/tags.json        {"<key>": "<value>"}
 *   <store>/<experiment>/<runId>/metrics.jsonl    one {"key","value","step","timestamp"} per line, appended
 *   <store>/<experiment>/<runId>/inputs.json      [{"name","digest","n","features","classes"?,"source","context"}]
 *   <store>/<experiment>/<runId>/sync.json        {"<server url>": {"mlflowRunId", "complete", "updatedAt"}}
 *   <store>/<experiment>/<runId>/artifacts/<path> the logged files, nested as logged
 *
 * JSON files are replaced atomically (temp file + rename); metrics.jsonl only grows, and a torn
 * last line (a crash mid-write) is ignored on read.
 */
export const STORE_FORMAT = 'gemlab-run-store/1';
export const EXPERIMENT_FILE = 'experiment.json';
export const RUN_FILE = 'run.json';
export const PARAMS_FILE = 'params.json';
export const TAGS_FILE = 'tags.json';
export const METRICS_FILE = 'metrics.jsonl';
export const INPUTS_FILE = 'inputs.json';
export const SYNC_FILE = 'sync.json';
export const ARTIFACTS_DIR = 'artifacts';
/** Marks temporary files of atomic writes; readers skip them. */
export const TEMP_MARKER = '.gemlab-tmp-';

/** The default store folder, relative to the working directory. */
export const DEFAULT_STORE = './gemlab-runs';

/**
 * The folder name of an experiment: the name percent-encoded (`encodeURIComponent`), so any
 * name is a safe single folder name and decodes back; names starting with '.' get '%2E'.
 */
export function experimentFolder(name: string): string {
  return encodeURIComponent(name).replace(/^\./, '%2E');
}

export function experimentPath(store: string, experiment: string): string {
  return join(store, experimentFolder(experiment));
}

export function runPath(store: string, experiment: string, runId: string): string {
  return join(experimentPath(store, experiment), runId);
}
