// Renders every figure of a synthetic 50-trial sweep (per trial: n = 1000 two-dimensional points with labels,
// 100 epochs, K cycling 2..11; then the sweep figures) and prints the median wall time of 3 runs, with the CPU
// time spent (all threads; on Linux also split into the main thread and the rest, i.e. PNG workers and GC).
// Run: npx tsx bench/figures/render-sweep.ts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { renderSweepFigures, renderTrialFigures } from '../../apps/runner/src/figures/index.js';
import { syntheticSweep, syntheticTrial } from '../../apps/runner/src/figures/test-support/synthetic.js';

const trialCount = 50;
const runs = 3;

const trials = Array.from({ length: trialCount }, (_, i) =>
  syntheticTrial({
    title: `tv-ova-k${2 + (i % 10)}-r${Math.floor(i / 10)}`,
    n: 1000,
    d: 2,
    nClusters: 2 + (i % 10),
    nClasses: 4,
    epochs: 100,
    seed: i,
  }),
);
const sweep = syntheticSweep({
  objectives: ['tv-ova', 'mmd-ovo(linear)'],
  ks: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  repeats: 2,
}).slice(0, trialCount);

async function renderAll(): Promise<{ files: number; bytes: number }> {
  const artifacts = (
    await Promise.all([...trials.map(renderTrialFigures), renderSweepFigures({ title: 'bench-sweep', trials: sweep })])
  ).flat();
  return {
    files: artifacts.length,
    bytes: artifacts.reduce(
      (sum, a) => sum + (typeof a.content === 'string' ? Buffer.byteLength(a.content) : a.content.length),
      0,
    ),
  };
}

/** CPU seconds of this process's main thread (Linux only; 0 elsewhere). */
function mainThreadCpu(): number {
  const stat = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(stat) || readdirSync('/proc/self/task').length === 0) return 0;
  const fields = readFileSync(stat, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

await renderTrialFigures(trials[0]); // load modules, fonts and workers before timing
const times: number[] = [];
let output = { files: 0, bytes: 0 };
for (let run = 0; run < runs; run++) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const mainStart = mainThreadCpu();
  output = await renderAll();
  const cpu = process.cpuUsage(cpuStart);
  const main = mainThreadCpu() - mainStart;
  times.push((performance.now() - start) / 1000);
  const total = (cpu.user + cpu.system) / 1e6;
  console.log(
    `run ${run + 1}: ${times[run].toFixed(2)} s wall, ${total.toFixed(2)} s CPU (main thread ${main.toFixed(2)} s, other threads ${(total - main).toFixed(2)} s)`,
  );
}
const median = [...times].sort((a, b) => a - b)[Math.floor(runs / 2)];
console.log(
  `${trialCount} trials + sweep: ${output.files} files, ${(output.bytes / 1e6).toFixed(1)} MB; median ${median.toFixed(2)} s ` +
    `(${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)}, node ${process.version})`,
);
