import { createRequire } from 'node:module';
import { type BackendName, initBackend } from '../backend/bootstrap.js';
import { tf } from '../tf.js';

/** The backends available on this machine, in the order tests should cover them. */
export async function availableBackends(): Promise<BackendName[]> {
  const previous = tf.getBackend();
  const available: BackendName[] = [];
  for (const name of ['cpu', 'wasm', 'tensorflow'] as const) {
    try {
      await initBackend(name);
      available.push(name);
    } catch {
      // not installed here: the suite covers the others
    }
  }
  if (previous) await tf.setBackend(previous);
  return available;
}

/**
 * The backends installed here, known synchronously (for `describe.each` at collection time):
 * cpu and wasm always, tensorflow when @tensorflow/tfjs-node resolves (npm run setup:tensorflow).
 */
export function installedBackends(): BackendName[] {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return ['cpu', 'wasm', 'tensorflow'];
  } catch {
    return ['cpu', 'wasm'];
  }
}
