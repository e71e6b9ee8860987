import type { Static } from '@sinclair/typebox';
import type { OptimizerSchema } from '../config/run-config-schema.js';
import { tf } from '../tf.js';

export type OptimizerConfig = Static<typeof OptimizerSchema>;

/** Builds the tfjs optimizer; Adam's β and ε are set explicitly (tfjs defaults differ from the paper's). */
export function createOptimizer(config: OptimizerConfig): tf.Optimizer {
  if (config.name === 'adam') return tf.train.adam(config.learningRate, config.beta1, config.beta2, config.epsilon);
  if (config.momentum > 0) return tf.train.momentum(config.learningRate, config.momentum, config.nesterov);
  return tf.train.sgd(config.learningRate);
}
