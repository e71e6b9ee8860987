export { BackendError } from './backend-error.js';
export { CancelledError } from './cancelled-error.js';
export { ConfigError, type ConfigProblem } from './config-error.js';
export { DataError } from './data-error.js';
export { GemlabError, isGemlabError } from './gemlab-error.js';
export { DuplicatePluginError, PluginLoadError, UnknownPluginError } from './plugin-errors.js';
export { TrackingError } from './tracking-error.js';
