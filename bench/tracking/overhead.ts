// Tracking overhead: a sweep of RUNS runs × 200 epochs × 10 metrics, logged to a real local MLflow
// server (started with @gemlab/tracking's test harness), against a no-op tracker. Each epoch does
// a fixed amount of busy work (calibrated to ~3 ms) standing in for a training step, so the overhead
// is a fraction of a meaningful wall time. Run: npx tsx bench/tracking/overhead.ts  (RUNS=10 for a quick look)
//
// Measured per configuration, runs in blocks (no-op, runner's tracker, bare MLflow tracker, no-op again):
// - per-run wall time (startRun → end resolved), median and p90;
// - the block's wall time, including `close()` (which waits for background mirroring to catch up);
// - HTTP requests per run per epoch, counted in the REST client.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunHandle, RunRecord, StartRunOptions, Tracker } from '@gemlab/core';
import { createTracker, MlflowRestClient, MlflowTracker } from '../../packages/tracking/src/index.js';
import { startMlflowServer } from '../../packages/tracking/src/testing/mlflow-server.js';

const RUNS = Number(process.env.RUNS ?? 50);
const EPOCHS = 200;
const METRICS = 10;
const STEP_MS = 3;

/** A tracker that stores nothing: the baseline. */
class NoopTracker implements Tracker {
  readonly kind = 'noop';
  readonly location = 'nowhere';
  private next = 0;
  async startRun(_options: StartRunOptions): Promise<RunHandle> {
    const runId = String(this.next++);
    const nothing = async () => {};
    return {
      runId,
      logParams: nothing,
      logMetrics: nothing,
      setTags: nothing,
      logDatasetInput: nothing,
      logArtifact: nothing,
      flush: nothing,
      end: nothing,
    };
  }
  resumeRun = (runId: string) => this.startRun({ experiment: '', name: runId });
  deleteRun = async (_runId: string) => {};
  searchRuns = async (): Promise<RunRecord[]> => [];
  close = async () => {};
}

/** Fixed floating-point work (not a timed spin), so CPU taken by the tracker or the server shows up. */
function trainStep(iterations: number): number {
  let acc = 0;
  for (let i = 1; i <= iterations; i++) acc += Math.sqrt(i) * Math.sin(i);
  return acc;
}

function calibrate(): number {
  let iterations = 10_000;
  for (;;) {
    const start = performance.now();
    trainStep(iterations);
    const ms = performance.now() - start;
    if (ms > 20) return Math.round((iterations * STEP_MS) / ms);
    iterations *= 2;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;

interface BlockResult {
  readonly label: string;
  readonly perRun: number[];
  readonly blockMs: number;
  readonly requests?: number;
}

async function block(label: string, tracker: Tracker, iterations: number, client?: MlflowRestClient): Promise<BlockResult> {
  const experiment = `bench-${label.replace(/\W+/g, '-')}-${Date.now()}`;
  const requestsBefore = client?.requestCount ?? 0;
  const blockStart = performance.now();
  const parent = await tracker.startRun({ experiment, name: 'sweep', tags: { 'gemlab.role': 'sweep' } });
  const perRun: number[] = [];
  let sink = 0;
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    const run = await tracker.startRun({
      experiment,
      name: `trial-${r}`,
      parentRunId: parent.runId,
      tags: { 'gemlab.trialId': `t${r}` },
    });
    await run.logParams(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`hp.p${i}`, i * r])));
    await run.logDatasetInput({ name: 'gstm', n: 5000, features: 2, classes: 4, source: 'synthetic', digest: 'c0ffee' });
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      sink += trainStep(iterations);
      const metrics: Record<string, number> = {};
      for (let m = 0; m < METRICS; m++) metrics[`train/m${m}`] = sink * 1e-9 + m + epoch;
      await run.logMetrics(metrics, epoch);
    }
    await run.end('FINISHED');
    perRun.push(performance.now() - start);
  }
  await parent.end('FINISHED');
  await tracker.close();
  const blockMs = performance.now() - blockStart;
  const requests = client ? client.requestCount - requestsBefore : undefined;
  if (sink === 42) console.log('');
  return { label, perRun, blockMs, requests };
}

async function main(): Promise<void> {
  const iterations = calibrate();
  const server = await startMlflowServer();
  const store = mkdtempSync(join(tmpdir(), 'gemlab-bench-store-'));
  const version = await (await fetch(`${server.uri}/version`)).text();
  const loadBefore = loadavg()[0]!;
  const results: BlockResult[] = [];
  try {
    results.push(await block('no-op', new NoopTracker(), iterations));
    const mirrorClient = new MlflowRestClient({ uri: server.uri });
    results.push(
      await block(
        'createTracker (local store + MLflow mirror)',
        createTracker({ store, uri: server.uri, mlflow: { client: mirrorClient } }),
        iterations,
        mirrorClient,
      ),
    );
    const directClient = new MlflowRestClient({ uri: server.uri });
    results.push(await block('MlflowTracker (direct)', new MlflowTracker({ client: directClient }), iterations, directClient));
    results.push(await block('no-op (again)', new NoopTracker(), iterations));
  } finally {
    await server.stop();
    rmSync(store, { recursive: true, force: true });
  }
  const baseline = median([...results[0]!.perRun, ...results[3]!.perRun]);
  const baselineBlock = (results[0]!.blockMs + results[3]!.blockMs) / 2;
  console.log(
    `\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, MLflow ${version}, ${cpus().length}× ${cpus()[0]?.model}`,
  );
  console.log(
    `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after; ${RUNS} runs × ${EPOCHS} epochs × ${METRICS} metrics; ~${STEP_MS} ms of work per epoch\n`,
  );
  console.log(
    '| tracker | median ms/run | p90 ms/run | overhead (median) | block s (incl. close) | overhead (block) | requests/run/epoch |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const overhead = ((median(r.perRun) - baseline) / baseline) * 100;
    const blockOverhead = ((r.blockMs - baselineBlock) / baselineBlock) * 100;
    const perEpoch = r.requests === undefined ? '–' : (r.requests / (RUNS * EPOCHS)).toFixed(3);
    console.log(
      `| ${r.label} | ${median(r.perRun).toFixed(0)} | ${p90(r.perRun).toFixed(0)} | ${overhead.toFixed(1)} % | ${(r.blockMs / 1000).toFixed(1)} | ${blockOverhead.toFixed(1)} % | ${perEpoch} |`,
    );
  }
}

await main();
