// What a local MLflow server spends to ingest metrics: CPU seconds of the server's whole process
// group (from /proc, so other load on the machine barely moves it) per point logged, by the number
// of metrics per `runs/log-batch` request, on a fresh server and once it is warm.
// Run: npx tsx bench/tracking/server-ingest.ts   (POINTS=20000 per row by default)

import { startMlflowServer } from '../../packages/tracking/src/testing/mlflow-server.js';
import { groupCpuSeconds } from './processes.js';

const POINTS = Number(process.env.POINTS ?? 20_000);
const KEYS = 10;
const ROWS = [
  ['fresh server, 1000 a request', 1000],
  ['warm, 1000 a request', 1000],
  ['warm, 300 a request', 300],
  ['warm, 100 a request', 100],
  ['warm, 10 a request', 10],
] as const;

async function main(): Promise<void> {
  const server = await startMlflowServer();
  const pgid = server.processGroup()!;
  const post = async (endpoint: string, body: unknown) => {
    const response = await fetch(`${server.uri}/api/2.0/mlflow/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  try {
    const { experiment_id } = await post('experiments/create', { name: 'ingest' });
    console.log(`| ${POINTS} points of ${KEYS} keys a row | server CPU µs/point | points/s (wall) |`);
    console.log('| --- | ---: | ---: |');
    for (const [label, perRequest] of ROWS) {
      const { run } = await post('runs/create', { experiment_id, start_time: Date.now() });
      const cpuBefore = groupCpuSeconds(pgid);
      const start = performance.now();
      for (let step = 0, sent = 0; sent < POINTS; ) {
        const metrics = [];
        for (; metrics.length < perRequest; step++) {
          for (let k = 0; k < KEYS && metrics.length < perRequest; k++) {
            metrics.push({ key: `m${k}`, value: Math.random(), timestamp: Date.now(), step });
          }
        }
        await post('runs/log-batch', { run_id: run.info.run_id, metrics });
        sent += metrics.length;
      }
      const wall = (performance.now() - start) / 1000;
      const cpu = groupCpuSeconds(pgid) - cpuBefore;
      console.log(`| ${label} | ${((cpu / POINTS) * 1e6).toFixed(0)} | ${(POINTS / wall).toFixed(0)} |`);
    }
  } finally {
    await server.stop();
  }
}

await main();
