import { createRequire } from 'node:module';
import { initBackend, tf } from '@gemlab/core';
import { printJson } from '../cli/output.js';

const require = createRequire(import.meta.url);

/** Versions and the tensor backend this machine gets (GEMLAB_BACKEND forces one). */
export async function environmentInfo(): Promise<Record<string, string>> {
  const backend = await initBackend('auto');
  return {
    gemlab: (require('../../package.json') as { version: string }).version,
    tfjs: tf.version.tfjs,
    backend,
    node: process.versions.node,
    mlflowTrackingUri: process.env.MLFLOW_TRACKING_URI ? redact(process.env.MLFLOW_TRACKING_URI) : '(not set: local store)',
  };
}

export async function infoCommand(options: { json: boolean }): Promise<number> {
  const info = await environmentInfo();
  if (options.json) printJson(info);
  else for (const [key, value] of Object.entries(info)) process.stdout.write(`${key.padEnd(18)} ${value}\n`);
  return 0;
}

function redact(uri: string): string {
  try {
    const url = new URL(uri);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return '(invalid URI)';
  }
}
