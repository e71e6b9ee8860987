import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError, tf } from '@gemlab/core';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, float16: 2 };

/**
 * A tfjs IOHandler that saves to and loads from a directory with node:fs, in the layout of
 * tfjs's `file://` handler (model.json + weights.bin), which needs tfjs-node.
 */
export function directoryHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts) {
      if (!(artifacts.modelTopology && artifacts.weightSpecs && artifacts.weightData !== undefined)) {
        throw new Error('directoryHandler saves layers models with weights only');
      }
      const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
      const modelJson: tf.io.ModelJSON = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs }],
      };
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, WEIGHTS_FILE), weights);
      await writeFile(join(dir, MODEL_FILE), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },

    async load() {
      const modelJson = await readModelJson(dir);
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const bytes = await readFile(join(dir, WEIGHTS_FILE)).catch((error: unknown) => {
          throw new DataError(`cannot load a model from ${dir}: ${WEIGHTS_FILE} is unreadable (${reason(error)})`);
        });
        const expected = specs.reduce((sum, spec) => sum + bytesOf(spec), 0);
        if (bytes.byteLength !== expected) {
          throw new DataError(
            `cannot load a model from ${dir}: ${WEIGHTS_FILE} has ${bytes.byteLength} bytes, ${MODEL_FILE} describes ${expected}`,
          );
        }
        return [specs, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)];
      });
    },
  };
}

async function readModelJson(dir: string): Promise<tf.io.ModelJSON> {
  const path = join(dir, MODEL_FILE);
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new DataError(`cannot load a model from ${dir}: ${MODEL_FILE} is unreadable (${reason(error)})`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DataError(`cannot load a model from ${dir}: ${MODEL_FILE} is not JSON (${reason(error)})`);
  }
  const json = parsed as Partial<tf.io.ModelJSON> | null;
  if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new DataError(`cannot load a model from ${dir}: ${MODEL_FILE} lacks modelTopology or weightsManifest`);
  }
  return json as tf.io.ModelJSON;
}

function bytesOf(spec: tf.io.WeightsManifestEntry): number {
  const perElement = BYTES_PER_ELEMENT[spec.quantization?.dtype ?? spec.dtype];
  if (perElement === undefined) throw new DataError(`weight '${spec.name}' has unsupported dtype ${spec.dtype}`);
  return perElement * spec.shape.reduce((product, d) => product * d, 1);
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] as string;
}
