// Tensor backends compared on gemlab's own work: tensorflow (tfjs-node, native libtensorflow),
// wasm and cpu. Run: npx tsx bench/backends/backends-bench.ts  (RUNS=7 for more runs)
// The tensorflow backend needs `bash scripts/setup-tensorflow.sh` first; without it the
// tensorflow rows are left out and said so.
//
// - One training epoch of the GEMINI paper's gstm setup (section 5.1): n = 5000 2-D points,
//   MLP 2→20 tanh→20 linear→K = 4 softmax, batch 100, Adam 1e-3, TV one-vs-all. Each
//   measurement is a fresh fit of 2 epochs, and only the second epoch is timed (from the
//   first epoch's end to its own), so model building and first-call set-up are not counted.
// - One MMD one-vs-one evaluation, N = 1000, K = 10, linear kernel: the kernel matrix of the
//   batch and the GEMINI value (read back with dataSync), and the same with its gradient in p,
//   as the trainer takes it.
// The backends take turns: one warm-up round, then RUNS rounds, each measuring every backend
// once, so a change in the machine's load (it is shared) hits all of them alike. Medians are
// printed, with each backend's time relative to tensorflow's (or wasm's when tensorflow is
// absent), and the values each backend computed, which must agree.

import { cpus, loadavg } from 'node:os';
import {
  type BackendName,
  createPluginContext,
  type DataSet,
  GeminiClustering,
  initBackend,
  type Objective,
  PluginRegistry,
  SectionValidator,
  SeededRng,
  tf,
} from '@gemlab/core';
import { datasetsModule } from '@gemlab/datasets';
import { modelsModule } from '@gemlab/models';
import { objectivesModule } from '@gemlab/objectives';

// libtensorflow logs its CPU-feature banner to stderr when it loads; it reads this variable then.
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';

const RUNS = Math.max(5, Number(process.env.RUNS ?? 5));
const BACKENDS: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];
const MMD_N = 1000;
const MMD_K = 10;
/** float32 on three backends: values agree to a few ulps of their sums, not bit for bit. */
const MAX_RELATIVE_DIFFERENCE = 1e-3;

const registry = new PluginRegistry([objectivesModule, modelsModule, datasetsModule]);

interface BackendResult {
  readonly backend: BackendName;
  readonly epochMs: number;
  readonly epochGemini: number;
  readonly mmdMs: number;
  readonly mmdGradMs: number;
  readonly mmdValue: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((p, q) => p - q);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function gstm(): Promise<DataSet> {
  const config = new SectionValidator(registry).plugin('dataset', { name: 'gstm', n: 5000, alpha: 5, df: 1 }, 'dataset');
  const { name: _name, preprocess: _preprocess, ...params } = config;
  const context = createPluginContext(registry, new SeededRng(0), process.cwd());
  return (await registry.get('dataset', 'gstm').create(params, context)) as DataSet;
}

/** The second epoch's time (ms) of a fresh 2-epoch fit, and that epoch's GEMINI. */
async function timeEpoch(data: DataSet): Promise<{ ms: number; gemini: number }> {
  const ends: number[] = [];
  let gemini = Number.NaN;
  const model = await new GeminiClustering({
    registry,
    objective: { name: 'tv', mode: 'ova' },
    model: { name: 'mlp', hidden: [20, 20], activation: ['tanh', 'linear'] },
    nClusters: 4,
    training: { epochs: 2, batchSize: 100, optimizer: { name: 'adam', learningRate: 0.001 } },
    seed: 0,
    onEpochEnd: (logs) => {
      ends.push(performance.now());
      gemini = logs.gemini;
    },
  }).fit(data);
  model.dispose();
  return { ms: (ends[1] as number) - (ends[0] as number), gemini };
}

interface MmdProblem {
  readonly x: Float32Array;
  readonly p: Float32Array;
}

/** N points in the unit square and a row-stochastic N×K assignment (softmax of ±2 logits). */
function mmdProblem(): MmdProblem {
  const rng = new SeededRng(1);
  const x = Float32Array.from({ length: MMD_N * 2 }, () => rng.next());
  const p = new Float32Array(MMD_N * MMD_K);
  for (let i = 0; i < MMD_N; i++) {
    const logits = Array.from({ length: MMD_K }, () => 4 * rng.next() - 2);
    const total = logits.reduce((s, l) => s + Math.exp(l), 0);
    logits.forEach((l, k) => {
      p[i * MMD_K + k] = Math.exp(l) / total;
    });
  }
  return { x, p };
}

function mmdObjective(): Objective {
  const config = new SectionValidator(registry).plugin(
    'objective',
    { name: 'mmd', mode: 'ovo', kernel: { name: 'linear' } },
    'objective',
  );
  return registry.create('objective', config, createPluginContext(registry, new SeededRng(0), process.cwd())) as Objective;
}

/** One MMD-OvO evaluation (kernel + value, and the gradient in p when asked): ms and value. */
function timeMmd(objective: Objective, problem: MmdProblem, withGradient: boolean): { ms: number; value: number } {
  const start = performance.now();
  const value = tf.tidy(() => {
    const x = tf.tensor2d(problem.x, [MMD_N, 2]);
    const p = tf.tensor2d(problem.p, [MMD_N, MMD_K]);
    const kernel = objective.affinityFunction?.compute(x);
    if (!withGradient) return objective.evaluate(p, kernel).dataSync()[0] as number;
    const { value, grads } = tf.valueAndGrads((q: tf.Tensor) => objective.evaluate(q as tf.Tensor2D, kernel))([p]);
    grads[0]?.dataSync();
    return value.dataSync()[0] as number;
  });
  return { ms: performance.now() - start, value };
}

interface Samples {
  readonly epoch: number[];
  readonly mmd: number[];
  readonly mmdGrad: number[];
  gemini: number;
  mmdValue: number;
}

/** One measurement of everything on the active backend, added to its samples. */
async function measure(into: Samples, data: DataSet, objective: Objective, problem: MmdProblem): Promise<void> {
  const epoch = await timeEpoch(data);
  const mmd = timeMmd(objective, problem, false);
  const mmdGrad = timeMmd(objective, problem, true);
  into.epoch.push(epoch.ms);
  into.mmd.push(mmd.ms);
  into.mmdGrad.push(mmdGrad.ms);
  into.gemini = epoch.gemini;
  into.mmdValue = mmd.value;
}

async function main(): Promise<void> {
  const data = await gstm();
  const problem = mmdProblem();
  const objective = mmdObjective();
  const backends: BackendName[] = [];
  for (const backend of BACKENDS) {
    try {
      await initBackend(backend);
      backends.push(backend);
    } catch (error) {
      console.log(`(${backend} left out: ${(error as Error).message})`);
    }
  }
  const emptySamples = (): Samples => ({ epoch: [], mmd: [], mmdGrad: [], gemini: Number.NaN, mmdValue: Number.NaN });
  const samples = new Map(backends.map((backend) => [backend, emptySamples()]));
  for (let round = 0; round <= RUNS; round++) {
    for (const backend of backends) {
      await initBackend(backend);
      // Round 0 warms every backend up and is thrown away.
      await measure(round === 0 ? emptySamples() : (samples.get(backend) as Samples), data, objective, problem);
    }
    console.log(`round ${round}${round === 0 ? ' (warm-up)' : ''} done`);
  }
  const results: BackendResult[] = backends.map((backend) => {
    const s = samples.get(backend) as Samples;
    return {
      backend,
      epochMs: median(s.epoch),
      epochGemini: s.gemini,
      mmdMs: median(s.mmd),
      mmdGradMs: median(s.mmdGrad),
      mmdValue: s.mmdValue,
    };
  });
  const reference = results[0];
  if (!reference) throw new Error('no backend could be initialised');

  console.log(
    `\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, tfjs ${tf.version.tfjs}, ` +
      `${cpus().length}× ${cpus()[0]?.model.trim()}, load average ${loadavg()[0]?.toFixed(1)}, median of ${RUNS} runs; ` +
      `ratio = time / ${reference.backend}'s time\n`,
  );
  const rows = [
    ['backend', 'epoch ms', 'ratio', 'MMD ms', 'ratio', 'MMD+grad ms', 'ratio', 'epoch GEMINI', 'MMD value'],
    ...results.map((r) => [
      r.backend,
      r.epochMs.toFixed(1),
      (r.epochMs / reference.epochMs).toFixed(2),
      r.mmdMs.toFixed(2),
      (r.mmdMs / reference.mmdMs).toFixed(2),
      r.mmdGradMs.toFixed(2),
      (r.mmdGradMs / reference.mmdGradMs).toFixed(2),
      r.epochGemini.toPrecision(6),
      r.mmdValue.toPrecision(6),
    ]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] as string).length))) ?? [];
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join(' | ')} |`;
  console.log(line(rows[0] as string[]));
  console.log(`| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
  for (const row of rows.slice(1)) console.log(line(row));

  const disagreements = results.filter(
    (r) =>
      Math.abs(r.mmdValue - reference.mmdValue) > MAX_RELATIVE_DIFFERENCE * Math.abs(reference.mmdValue) ||
      Math.abs(r.epochGemini - reference.epochGemini) > MAX_RELATIVE_DIFFERENCE * Math.abs(reference.epochGemini),
  );
  if (disagreements.length > 0) {
    console.error(
      `values differ from ${reference.backend}'s by more than ${MAX_RELATIVE_DIFFERENCE} relative: ${disagreements.map((r) => r.backend).join(', ')}`,
    );
    process.exitCode = 1;
  }
}

await main();
