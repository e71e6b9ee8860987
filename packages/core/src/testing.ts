// @gemlab/core/testing — helpers shared by every package's tests and by external plugins' tests.

export { availableBackends, installedBackends } from './testing/backends.js';
export { expectNoLeakedTensors } from './testing/leaks.js';
export { pythonExecutable, pythonVenv, repositoryRoot, runPython } from './testing/python.js';
