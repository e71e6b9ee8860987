import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The built `gemlab` executable (the test target builds the runner first). */
export const GEMLAB_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'gemlab.js');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
}

/** Runs `gemlab <args>` as a user would, in a child process, and collects its output. */
export function gemlab(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [GEMLAB_BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, MLFLOW_TRACKING_URI: undefined, GEMLAB_BACKEND: 'cpu', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collectOutput(child, options.timeoutMs);
}

/** Collects a child's stdout and stderr until it exits; SIGKILLs it after `timeoutMs` (default 4 min). */
export function collectOutput(child: ChildProcessByStdio<null, Readable, Readable>, timeoutMs = 240_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A fresh working directory with the given files (name → text). */
export function workspace(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'gemlab-e2e-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A small, fast config: 3 blobs, a tiny MLP, a few epochs. */
export function smallConfig(extra = ''): string {
  return `experiment: e2e
seed: 0
dataset: { name: blobs, n: 150, centers: 3, std: 0.5 }
model: { name: mlp, hidden: [8], activation: tanh, nClusters: 3 }
objective: { name: mmd, mode: ova }
training: { epochs: 5, batchSize: 50, optimizer: { learningRate: 0.01 } }
tracking: { store: ./runs }
${extra}`;
}
