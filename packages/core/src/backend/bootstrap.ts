import { createRequire } from 'node:module';
import { BackendError } from '../errors/backend-error.js';
import { tf } from '../tf.js';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_NAMES: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

const require = createRequire(import.meta.url);

/** Loads the package that registers a backend with tfjs; false when it is not installed or fails. */
async function register(name: BackendName): Promise<string | undefined> {
  try {
    if (name === 'tensorflow') {
      process.env.TF_CPP_MIN_LOG_LEVEL ??= '2'; // libtensorflow's CPU-feature banner on stderr
      require('@tensorflow/tfjs-node');
    }
    if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

/**
 * Picks the tensor backend: the requested one (config or GEMLAB_BACKEND), or the fastest
 * that loads (tensorflow, then wasm, then cpu). A forced backend that cannot load is an
 * error, never a silent fallback. Idempotent: later calls return the active backend.
 */
export async function initBackend(requested: BackendName | 'auto' = 'auto'): Promise<BackendName> {
  const fromEnv = process.env.GEMLAB_BACKEND?.trim();
  const wanted = requested !== 'auto' ? requested : fromEnv || 'auto';
  if (wanted !== 'auto' && !BACKEND_NAMES.includes(wanted as BackendName)) {
    throw new BackendError(`GEMLAB_BACKEND='${wanted}' is not a backend; allowed: ${BACKEND_NAMES.join(', ')}`);
  }
  const candidates = wanted === 'auto' ? BACKEND_NAMES : [wanted as BackendName];
  const reasons: string[] = [];
  for (const name of candidates) {
    if (tf.getBackend() === name) return name;
    const failure = await register(name);
    if (failure === undefined && (await tf.setBackend(name))) {
      await tf.ready();
      // The cpu backend prints an "install tfjs-node" banner on first use, on stdout's neighbour;
      // gemlab reports its backend itself (`gemlab info`, the run tag), so mark it as used.
      if (name === 'cpu') (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
      return name;
    }
    reasons.push(`${name}: ${failure ?? 'failed to initialise'}`);
  }
  throw new BackendError(`tensor backend '${wanted}' cannot be used (${reasons.join('; ')})`);
}

/** The active backend's name. */
export function activeBackend(): string {
  return tf.getBackend();
}

/** Throws a clear error when an op a model needs has no kernel on the active backend. */
export function requireKernels(kernelNames: readonly string[], what: string): void {
  const backend = tf.getBackend();
  const available = new Set(tf.getKernelsForBackend(backend).map((k) => k.kernelName));
  const missing = kernelNames.filter((k) => !available.has(k));
  if (missing.length > 0) {
    throw new BackendError(
      `${what} needs ${missing.join(', ')}, which the '${backend}' backend lacks; use GEMLAB_BACKEND=cpu or tensorflow`,
    );
  }
}
