// Exact EMD solve times: gemlab's network simplex (TypeScript, float64) against POT's ot.emd2
// (LEMON's network simplex in C++) on the same problems. Run: npx tsx bench/ot/emd-bench.ts
// Random weights on both sides, N random points in the unit square for each, Euclidean costs.
// POT runs when the test Python venv (scripts/setup-python.sh) exists; it reads the matrices
// from a temporary file and times ot.emd2 alone, so start-up and I/O are not counted.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededRng } from '@gemlab/core';
import { solveEmd } from '../../packages/objectives/src/optimal-transport/network-simplex.js';

const SIZES = [100, 250, 500, 1000];
const RUNS = 5;
const MAX_RELATIVE_DIFFERENCE = 1e-9;

interface Problem {
  readonly n: number;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly cost: Float64Array;
}

function randomProblem(rng: SeededRng, n: number): Problem {
  const weights = () => {
    const raw = Float64Array.from({ length: n }, () => rng.next());
    const total = raw.reduce((s, w) => s + w, 0);
    return raw.map((w) => w / total);
  };
  const points = () => Float64Array.from({ length: 2 * n }, () => rng.next());
  const x = points();
  const y = points();
  const cost = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      cost[i * n + j] = Math.hypot(
        (x[2 * i] as number) - (y[2 * j] as number),
        (x[2 * i + 1] as number) - (y[2 * j + 1] as number),
      );
    }
  }
  return { n, a: weights(), b: weights(), cost };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((p, q) => p - q);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The venv scripts/setup-python.sh creates, if it is complete; never creates it. */
function existingPython(): string | undefined {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const requirements = readFileSync(join(root, 'scripts', 'requirements-test.txt'));
  const hash = createHash('sha256').update(requirements).digest('hex').slice(0, 12);
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  const venv = process.env.GEMLAB_PY_VENV ?? join(cache, 'gemlab', `py-${hash}`);
  return existsSync(join(venv, '.complete')) ? join(venv, 'bin', 'python') : undefined;
}

const POT_TIMER = `
import json, sys, time
import numpy as np, ot
spec = json.load(open(sys.argv[1]))
out = []
for p in spec['problems']:
    n = p['n']
    data = np.fromfile(p['file'], dtype=np.float64)
    a, b, M = data[:n].copy(), data[n:2 * n].copy(), data[2 * n:].reshape(n, n).copy()
    start = time.perf_counter()
    cost = ot.emd2(a, b, M, numItermax=10**9)
    out.append({'seconds': time.perf_counter() - start, 'cost': float(cost)})
print(json.dumps(out))
`;

function timePot(python: string, problems: readonly Problem[]): { seconds: number; cost: number }[] {
  const dir = mkdtempSync(join(tmpdir(), 'gemlab-emd-bench-'));
  try {
    const entries = problems.map((problem, k) => {
      const file = join(dir, `problem-${k}.f64`);
      const data = new Float64Array(2 * problem.n + problem.cost.length);
      data.set(problem.a, 0);
      data.set(problem.b, problem.n);
      data.set(problem.cost, 2 * problem.n);
      writeFileSync(file, new Uint8Array(data.buffer));
      return { n: problem.n, file };
    });
    const specFile = join(dir, 'problems.json');
    writeFileSync(specFile, JSON.stringify({ problems: entries }));
    const output = execFileSync(python, ['-c', POT_TIMER, specFile], {
      encoding: 'utf8',
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', PYTHONWARNINGS: 'ignore' },
    });
    return JSON.parse(output) as { seconds: number; cost: number }[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const rng = new SeededRng(2022);
  const python = existingPython();
  const warmUp = randomProblem(rng, 200); // let the JIT compile the solver before timing it
  solveEmd(warmUp.a, warmUp.b, warmUp.cost);
  console.log(`exact EMD, random weights, Euclidean costs in 2-D, median of ${RUNS} problems per size`);
  console.log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'})`);
  if (!python) console.log('POT: the test Python venv is absent (scripts/setup-python.sh creates it); gemlab only');
  const header = ['N', 'gemlab ms', 'pivots', 'POT ms', 'gemlab/POT', 'max rel. cost diff'];
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---:').join('|')}|`);
  let worstDifference = 0;
  for (const n of SIZES) {
    const problems = Array.from({ length: RUNS }, () => randomProblem(rng, n));
    const ours = problems.map((problem) => {
      const start = performance.now();
      const result = solveEmd(problem.a, problem.b, problem.cost);
      return { ms: performance.now() - start, cost: result.cost, pivots: result.iterations };
    });
    const oursMs = median(ours.map((r) => r.ms));
    const pivots = median(ours.map((r) => r.pivots));
    const row = [String(n), oursMs.toFixed(1), String(Math.round(pivots))];
    if (python) {
      const pot = timePot(python, problems);
      const potMs = median(pot.map((r) => r.seconds * 1000));
      const difference = Math.max(...pot.map((r, k) => Math.abs((ours[k]?.cost as number) - r.cost) / r.cost));
      worstDifference = Math.max(worstDifference, difference);
      row.push(potMs.toFixed(1), (oursMs / potMs).toFixed(2), difference.toExponential(1));
    } else {
      row.push('–', '–', '–');
    }
    console.log(`| ${row.join(' | ')} |`);
  }
  if (worstDifference > MAX_RELATIVE_DIFFERENCE) {
    console.error(`\ncost differs from POT by ${worstDifference.toExponential(2)} > ${MAX_RELATIVE_DIFFERENCE}`);
    process.exitCode = 1;
  }
}

main();
