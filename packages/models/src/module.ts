import { definePluginModule } from '@gemlab/core';
import { lenet5 } from './architectures/lenet5.js';
import { linear } from './architectures/linear.js';
import { mlp } from './architectures/mlp.js';

/** The built-in architectures, as the container module the runner loads. */
export const modelsModule = definePluginModule('@gemlab/models', [linear, mlp, lenet5]);
