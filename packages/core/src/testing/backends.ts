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
