// Batched trials: the GSTM TV-OvA trial of the GEMINI paper (section 5.1) run TRIALS times,
// one model per trial (unbatched) against R trials as one tensor program (batched, R = 5 and
// 20: GeminiClustering.fitReplicas, as the runner's `batchTrials` does), on each tensor
// backend, and the same trial in PyTorch (torch_trial.py) when a Python with torch is found.
//
//   npx tsx bench/batched/batched-bench.ts
//
// Env: TRIALS (default 20), BACKENDS (default wasm,cpu,tensorflow; tensorflow is left out,
// and said so, where it does not load), EPOCHS (default 100), CPU_EPOCHS (default 10: the cpu
// backend is slow, so its trials run fewer epochs and its rates are scaled to 100 epochs, which
// is exact up to noise since every epoch does the same work), PYTHON (default python3),
// TORCH_THREADS (torch's intra-op threads; default: torch's own choice).
//
// The trial: N = 5000 2-D points (a fresh data set per trial seed, as a sweep's repeats get),
// MLP 2→20 tanh→20 linear→K = 4 softmax, TV one-vs-all, Adam 1e-3, batch 100 (50 steps an
// epoch), 100 epochs. Reported: median seconds per trial (a batch's time / R for batched runs)
// and trials per hour = 3600 / that, with ratios against PyTorch measured in the same run.
// Batched and unbatched runs of the same seeds must end at the same GEMINI (checked, 1e-3).

import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BackendName,
  createPluginContext,
  type DataSet,
  GeminiClustering,
  initBackend,
  PluginRegistry,
  SectionValidator,
  SeededRng,
  tf,
} from '@gemlab/core';
import { datasetsModule } from '@gemlab/datasets';
import { modelsModule } from '@gemlab/models';
import { objectivesModule } from '@gemlab/objectives';

process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';

const TRIALS = Number(process.env.TRIALS ?? 20);
const EPOCHS = Number(process.env.EPOCHS ?? 100);
const CPU_EPOCHS = Number(process.env.CPU_EPOCHS ?? 10);
const BACKENDS = (process.env.BACKENDS ?? 'wasm,cpu,tensorflow').split(',') as BackendName[];
const REPLICAS = [5, 20].filter((r) => r <= TRIALS);
const HERE = dirname(fileURLToPath(import.meta.url));

const registry = new PluginRegistry([objectivesModule, modelsModule, datasetsModule]);

interface Row {
  readonly label: string;
  readonly secondsPerTrial: number;
  readonly epochs: number;
  readonly note: string;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function gstm(seed: number): Promise<DataSet> {
  const config = new SectionValidator(registry).plugin('dataset', { name: 'gstm', n: 5000, alpha: 5, df: 1 }, 'dataset');
  const { name: _name, preprocess: _preprocess, ...params } = config;
  const context = createPluginContext(registry, new SeededRng(seed).derive('data'), process.cwd());
  return (await registry.get('dataset', 'gstm').create(params, context)) as DataSet;
}

function estimator(seed: number, epochs: number): GeminiClustering {
  return new GeminiClustering({
    registry,
    objective: { name: 'tv', mode: 'ova' },
    model: { name: 'mlp', hidden: [20, 20], activation: ['tanh', 'linear'] },
    nClusters: 4,
    training: { epochs, batchSize: 100, optimizer: { name: 'adam', learningRate: 0.001 } },
    seed,
  });
}

const finalGemini = (e: GeminiClustering) => e.history[e.history.length - 1]?.gemini ?? Number.NaN;

/** Each trial on its own: seconds per trial and final GEMINIs, by seed. */
async function unbatched(data: readonly DataSet[], epochs: number): Promise<{ seconds: number[]; geminis: number[] }> {
  const seconds: number[] = [];
  const geminis: number[] = [];
  for (const [seed, set] of data.entries()) {
    const start = performance.now();
    const e = await estimator(seed, epochs).fit(set);
    seconds.push((performance.now() - start) / 1000);
    geminis.push(finalGemini(e));
    e.dispose();
  }
  return { seconds, geminis };
}

/** Trials in batches of R: seconds per trial (a batch's time / R) and final GEMINIs, by seed. */
async function batched(data: readonly DataSet[], epochs: number, r: number): Promise<{ seconds: number[]; geminis: number[] }> {
  const seconds: number[] = [];
  const geminis: number[] = [];
  for (let first = 0; first < data.length; first += r) {
    const seeds = Array.from({ length: Math.min(r, data.length - first) }, (_, i) => first + i);
    const estimators = seeds.map((seed) => estimator(seed, epochs));
    const start = performance.now();
    await GeminiClustering.fitReplicas(
      estimators,
      seeds.map((seed) => data[seed] as DataSet),
    );
    seconds.push((performance.now() - start) / 1000 / seeds.length);
    for (const e of estimators) {
      geminis.push(finalGemini(e));
      e.dispose();
    }
  }
  return { seconds, geminis };
}

function checkSame(label: string, reference: readonly number[], other: readonly number[]): void {
  reference.forEach((value, i) => {
    const relative = Math.abs((other[i] as number) - value) / Math.abs(value);
    if (!(relative <= 1e-3)) throw new Error(`${label}: trial ${i} ends at GEMINI ${other[i]}, unbatched at ${value}`);
  });
}

/** PYTHON, else the first of python3 on PATH and Debian's system python3 (where python3-torch installs) that has torch. */
function findTorchPython(): { python?: string; why: string } {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3'];
  const reasons: string[] = [];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    if (!probe.error && probe.status === 0) return { python, why: '' };
    reasons.push(`${python}: ${probe.error?.message ?? (probe.stderr.trim().split('\n').pop() || `exit ${probe.status}`)}`);
  }
  return { why: reasons.join('; ') };
}

function torchRows(): { rows: Row[]; note: string } {
  const { python, why } = findTorchPython();
  if (!python) return { rows: [], note: `PyTorch left out, no Python with torch found (${why})` };
  const start = loadavg()[0] as number;
  const run = spawnSync(python, [join(HERE, 'torch_trial.py'), String(TRIALS), String(EPOCHS)], { encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    const failure = run.error?.message ?? (run.stderr.trim().split('\n').pop() || `exit ${run.status}`);
    return { rows: [], note: `PyTorch left out: ${python}: ${failure}` };
  }
  const result = JSON.parse(run.stdout) as { torch: string; threads: number; seconds: number[]; gemini: number[] };
  const label = `PyTorch ${result.torch} (${result.threads} thread${result.threads === 1 ? '' : 's'})`;
  const note = `load ${start.toFixed(1)}→${loadavg()[0]?.toFixed(1)}, final GEMINI median ${median(result.gemini).toFixed(4)}`;
  return { rows: [{ label, secondsPerTrial: median(result.seconds), epochs: EPOCHS, note }], note: '' };
}

async function main(): Promise<void> {
  const data = await Promise.all(Array.from({ length: TRIALS }, (_, seed) => gstm(seed)));
  const rows: Row[] = [];
  const notes: string[] = [];
  console.log(
    `${TRIALS} trials; load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const backend of BACKENDS) {
    try {
      await initBackend(backend);
    } catch (error) {
      notes.push(`${backend} left out: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const epochs = backend === 'cpu' ? CPU_EPOCHS : EPOCHS;
    (await estimator(0, 1).fit(data[0] as DataSet)).dispose(); // first-call kernel set-up
    const load = () => loadavg()[0]?.toFixed(1);
    let before = load();
    const single = await unbatched(data, epochs);
    rows.push({
      label: `${backend}, unbatched`,
      secondsPerTrial: median(single.seconds),
      epochs,
      note: `load ${before}→${load()}`,
    });
    console.log(`${backend} unbatched done`);
    for (const r of REPLICAS) {
      before = load();
      const run = await batched(data, epochs, r);
      checkSame(`${backend} R = ${r}`, single.geminis, run.geminis);
      const batches = Math.ceil(TRIALS / r);
      rows.push({
        label: `${backend}, batched R = ${r}`,
        secondsPerTrial: median(run.seconds),
        epochs,
        note: `load ${before}→${load()}, ${batches} batch${batches === 1 ? '' : 'es'}`,
      });
      console.log(`${backend} R = ${r} done`);
    }
    console.log(`${backend}: final GEMINI median ${median(single.geminis).toFixed(4)} (batched runs agree to 1e-3)`);
  }
  const torch = torchRows();
  rows.push(...torch.rows);
  if (torch.note) notes.push(torch.note);
  const torchRate = torch.rows[0] ? 3600 / torch.rows[0].secondsPerTrial : undefined;

  console.log(
    `\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, tfjs ${tf.version.tfjs}, ${cpus().length}× ${cpus()[0]?.model.trim()}, ` +
      `load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; ${TRIALS} trials of ${EPOCHS} epochs` +
      (BACKENDS.includes('cpu') ? ` (cpu: ${CPU_EPOCHS} epochs, rates scaled to ${EPOCHS})` : '') +
      '\n',
  );
  const table = [
    ['run', 's / trial', 'trials / hour', '× PyTorch', 'notes'],
    ...rows.map((row) => {
      const scaled = (row.secondsPerTrial * EPOCHS) / row.epochs;
      const rate = 3600 / scaled;
      return [
        row.label,
        `${scaled.toFixed(2)}${row.epochs !== EPOCHS ? ` (${row.secondsPerTrial.toFixed(2)} for ${row.epochs} epochs)` : ''}`,
        rate.toFixed(0),
        torchRate ? (rate / torchRate).toFixed(2) : '–',
        row.note,
      ];
    }),
  ];
  const widths = (table[0] as string[]).map((_, c) => Math.max(...table.map((line) => (line[c] as string).length)));
  const format = (line: string[]) => `| ${line.map((cell, c) => cell.padEnd(widths[c] as number)).join(' | ')} |`;
  console.log(format(table[0] as string[]));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const line of table.slice(1)) console.log(format(line));
  for (const note of notes) console.log(`\n(${note})`);
}

await main();
