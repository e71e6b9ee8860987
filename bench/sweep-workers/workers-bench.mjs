// Wall time of the same CPU-bound sweep with workers: 1 and workers: 2 (each in a fresh run
// store, so nothing is skipped), median of R rounds, run in alternation so machine noise hits
// both alike. Usage: node bench/sweep-workers/workers-bench.mjs [rounds=3]
// EPOCHS=40 trains 40 epochs per trial instead of sweep.yaml's (the paper's) 100.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', '..', 'apps', 'runner', 'bin', 'gemlab.js');
const rounds = Number(process.argv[2] ?? 3);
const backend = process.env.GEMLAB_BACKEND ?? 'wasm';
const epochs = process.env.EPOCHS ? ['--set', `training.epochs=${Number(process.env.EPOCHS)}`] : [];

function timeSweep(workers) {
  const store = mkdtempSync(join(tmpdir(), 'gemlab-bench-'));
  const started = process.hrtime.bigint();
  execFileSync(
    process.execPath,
    [bin, 'sweep', join(here, 'sweep.yaml'), '--workers', String(workers), '--set', `tracking.store=${store}`, ...epochs],
    {
      env: { ...process.env, GEMLAB_BACKEND: backend },
      stdio: 'ignore',
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(store, { recursive: true, force: true });
  return seconds;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = { 1: [], 2: [] };
for (let r = 0; r < rounds; r++) for (const w of [1, 2]) times[w].push(timeSweep(w));
const [one, two] = [median(times[1]), median(times[2])];
console.log(`backend ${backend}, 8 trials, ${process.env.EPOCHS ?? 100} epochs each, ${rounds} rounds`);
console.log(`workers: 1  median ${one.toFixed(2)} s  (${times[1].map((t) => t.toFixed(2)).join(', ')})`);
console.log(`workers: 2  median ${two.toFixed(2)} s  (${times[2].map((t) => t.toFixed(2)).join(', ')})`);
console.log(`speed-up ${(one / two).toFixed(2)}×`);
