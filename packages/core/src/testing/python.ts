import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedVenv: string | undefined;

/** The repository root (the folder holding scripts/setup-python.sh). */
export function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'scripts', 'setup-python.sh'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find scripts/setup-python.sh above @gemlab/core');
    dir = parent;
  }
  return dir;
}

/**
 * The test Python environment (MLflow, gemclus, POT, scikit-learn), created on first use by
 * scripts/setup-python.sh and cached. Tests that need an independent reference call this;
 * it throws rather than skip, so CI can never pass without the reference.
 */
export function pythonVenv(): string {
  if (cachedVenv) return cachedVenv;
  const fromEnv = process.env.GEMLAB_PY_VENV;
  const script = join(repositoryRoot(), 'scripts', 'setup-python.sh');
  cachedVenv =
    fromEnv && existsSync(join(fromEnv, '.complete'))
      ? fromEnv
      : execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  return cachedVenv;
}

/** The venv's python executable. */
export function pythonExecutable(): string {
  return join(pythonVenv(), 'bin', 'python');
}

/**
 * Runs a Python snippet with `input` as JSON on stdin (`import json,sys; data=json.load(sys.stdin)`)
 * and returns what it prints as JSON on stdout.
 */
export function runPython<T = unknown>(code: string, input: unknown = null): T {
  const out = execFileSync(pythonExecutable(), ['-c', code], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', PYTHONWARNINGS: 'ignore' },
  });
  return JSON.parse(out) as T;
}
