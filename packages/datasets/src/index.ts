// @gemlab/datasets — dataset plugins (synthetic generators, bundled sets, file loaders) and the
// preprocessing every data set goes through.

export { iris } from './bundled/iris.js';
export { mnist } from './bundled/mnist.js';
export { csv } from './loaders/csv.js';
export { json } from './loaders/json.js';
export { npy } from './loaders/npy.js';
export { datasetPlugins, datasetsModule } from './module.js';
export { applyPreprocessing, type PreprocessedData } from './preprocess/apply-preprocessing.js';
export { anisotropic } from './synthetic/anisotropic.js';
export { blobs } from './synthetic/blobs.js';
export { celeuxOne } from './synthetic/celeux-one.js';
export { celeuxTwo } from './synthetic/celeux-two.js';
export { circles } from './synthetic/circles.js';
export { gmm } from './synthetic/gmm.js';
export { gstm } from './synthetic/gstm.js';
export { moons } from './synthetic/moons.js';
