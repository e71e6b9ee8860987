// What a local MLflow server spends to ingest metrics: CPU seconds of the server's whole process
// group (from /proc, so other load on the machine barely moves it) per point logged, by the number
// of metrics per `runs/log-batch` request, on a fresh server and once it is warm.
// Run: npx tsx bench/tracking/server-ingest.ts   (POINTS=20000 per row by default)

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startMlflowServer } from '../../packages/tracking/src/testing/mlflow-server.js';

const POINTS = Number(process.env.POINTS ?? 20_000);
const KEYS = 10;
const ROWS = [
  ['fresh server, 1000 a request', 1000],
  ['warm, 1000 a request', 1000],
  ['warm, 300 a request', 300],
  ['warm, 100 a request', 100],
  ['warm, 10 a request', 10],
] as const;

/** User + system CPU seconds of every live process in the group, their waited-for children included. */
function groupCpuSeconds(pgid: number): number {
  const table = execFileSync('ps', ['-eo', 'pid=,pgid=']).toString().trim().split('\n');
  let ticks = 0;
  for (const line of table) {
    const [pid, group] = line.trim().split(/\s+/).map(Number);
    if (group !== pgid) continue;
    try {
      // Fields after "(comm) ": state is [0], so utime, stime, cutime, cstime are [11]..[14].
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // exited between ps and the read
    }
  }
  return ticks / 100; // USER_HZ
}

async function main(): Promise<void> {
  const server = await startMlflowServer();
  const port = new URL(server.uri).port;
  // The harness spawns the server detached: its pid leads the group of its workers.
  const leader = execFileSync('ps', ['-eo', 'pgid=,args='])
    .toString()
    .split('\n')
    .find((l) => l.includes(`--port ${port}`));
  const pgid = Number(leader?.trim().split(/\s+/)[0]);
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
