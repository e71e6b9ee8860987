// Writes <results>.meta.json beside a sweep's `gemlab sweep --json` output: the sweep's wall
// time, the overrides it ran with, the machine, the tensor backend and each trial's own time
// (start to end of its run in the local store, shared out among the members of a batch), so
// RESULTS.md can state what ran where.
// Usage: node bench/paper/record-run.mjs <results.json> <started s> <ended s> [overrides] [load average at start]
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const [resultsFile, started, ended, overrides = '', loadAtStart = ''] = process.argv.slice(2);
if (!resultsFile || !started || !ended) {
  console.error('usage: node bench/paper/record-run.mjs <results.json> <started s> <ended s> [overrides]');
  process.exit(2);
}
const sweep = JSON.parse(readFileSync(resultsFile, 'utf8'));
// The results are committed: the store is named relative to the repository, not by this machine's path.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const store = isAbsolute(sweep.store) ? sweep.store : join(root, sweep.store);
writeFileSync(resultsFile, `${JSON.stringify({ ...sweep, store: relative(root, store) }, null, 2)}\n`);

/** The run folder of a run id: <store>/<experiment folder>/<runId>. */
function runFolder(store, runId) {
  if (!existsSync(store)) return undefined;
  for (const experiment of readdirSync(store)) {
    const folder = join(store, experiment, runId);
    if (existsSync(join(folder, 'run.json'))) return folder;
  }
  return undefined;
}

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

const trials = sweep.trials.map((trial) => {
  const folder = trial.runId ? runFolder(store, trial.runId) : undefined;
  const run = folder ? readJson(join(folder, 'run.json')) : undefined;
  const tags = folder ? readJson(join(folder, 'tags.json')) : undefined;
  const seconds = run?.startTime && run?.endTime ? (run.endTime - run.startTime) / 1000 : null;
  // A batched trial's run spans its whole batch (gemlab.replicas trials trained as one program):
  // its own share of the time is the batch's divided by the members.
  const replicas = Number(tags?.['gemlab.replicas'] ?? 1);
  return {
    id: trial.id,
    name: trial.name,
    status: trial.status,
    skipped: trial.skipped,
    seconds: seconds === null ? null : seconds / replicas,
    replicas,
    backend: tags?.['gemlab.backend'],
  };
});

const cpus = os.cpus();
const meta = {
  sweep: sweep.name,
  startedAt: new Date(Number(started) * 1000).toISOString(),
  wallSeconds: Number(ended) - Number(started),
  overrides,
  machine: {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: loadAtStart.split(/\s+/).filter(Boolean).map(Number),
    loadAverageAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))),
  },
  backend: [...new Set(trials.map((t) => t.backend).filter(Boolean))].join(', ') || 'unknown',
  trials,
};
const out = resultsFile.replace(/\.json$/, '.meta.json');
writeFileSync(out, `${JSON.stringify(meta, null, 2)}\n`);
