// @gemlab/models — architecture plugins (linear, mlp, lenet5) and model persistence.

export { lenet5 } from './architectures/lenet5.js';
export { linear } from './architectures/linear.js';
export { mlp } from './architectures/mlp.js';
export { loadModel, saveModel } from './io/model-files.js';
export { modelsModule } from './module.js';
export { predictProbabilities } from './predict-probabilities.js';
