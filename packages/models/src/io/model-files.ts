import { tf } from '@gemlab/core';
import '../layers/seeded-dropout.js'; // registers the custom layer, so models using it deserialise
import { directoryHandler } from './directory-handler.js';

/** Saves a model to `dir` (created if missing) as model.json + weights.bin. */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  await model.save(directoryHandler(dir));
}

/**
 * Loads a model saved by `saveModel`; it predicts exactly what the saved one did. A missing
 * or damaged file is a DataError naming the directory.
 */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(directoryHandler(dir));
}
