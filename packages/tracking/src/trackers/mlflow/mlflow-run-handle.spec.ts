import { TrackingError } from '@gemlab/core';
import { describe, expect, it } from 'vitest';
import { MlflowRunHandle } from './mlflow-run-handle.js';
import { MlflowRestClient } from './rest-client.js';
import type { LogBatchRequest } from './rest-types.js';

/** A fetch that stores log-batch bodies and can be told to fail, standing in for the server. */
function fakeServer(latencyMs = 0) {
  const batches: LogBatchRequest[] = [];
  const endpoints: string[] = [];
  const state = { down: false };
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const endpoint = new URL(String(input)).pathname.replace('/api/2.0/mlflow/', '');
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    endpoints.push(endpoint);
    if (state.down) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    if (endpoint === 'runs/log-batch') batches.push(JSON.parse(String(init?.body)) as LogBatchRequest);
    return new Response('{}', { status: 200 });
  }) as typeof fetch;
  const client = new MlflowRestClient({ uri: 'http://127.0.0.1:1', fetch: fetchImpl, retry: { retries: 1, initialDelayMs: 1 } });
  return { client, batches, endpoints, state };
}

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // simulated training step
  }
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('MlflowRunHandle buffering', () => {
  it('sends 200 epochs × 10 metrics in a few log-batch requests (far below one per epoch), all points kept', async () => {
    const { client, batches, endpoints } = fakeServer();
    const run = new MlflowRunHandle(client, 'r', 'mlflow-artifacts:/1/r/artifacts', { flushIntervalMs: 100 });
    await run.logParams({ k: 4, lr: 0.01 });
    for (let epoch = 0; epoch < 200; epoch++) {
      busy(1);
      const metrics = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`m${i}`, epoch + i / 10]));
      await run.logMetrics(metrics, epoch);
      await tick();
    }
    await run.end('FINISHED');
    const points = batches.flatMap((b) => b.metrics ?? []);
    expect(points).toHaveLength(2000);
    expect(new Set(points.map((p) => `${p.key}/${p.step}`)).size).toBe(2000);
    expect(batches.flatMap((b) => b.params ?? [])).toEqual([
      { key: 'k', value: '4' },
      { key: 'lr', value: '0.01' },
    ]);
    // ~200 ms of epochs with a 100 ms interval → a handful of timer flushes, plus the final one.
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.length).toBeLessThanOrEqual(20);
    expect(endpoints.at(-1)).toBe('runs/update');
  });

  it('flushes in the background as soon as 1000 points are buffered', async () => {
    const { client, batches } = fakeServer();
    const run = new MlflowRunHandle(client, 'r', '', { flushIntervalMs: 60_000 });
    for (let step = 0; step < 100; step++) {
      await run.logMetrics(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`m${i}`, i])), step);
    }
    await tick();
    await tick();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.metrics).toHaveLength(1000);
    await run.flush();
    expect(batches).toHaveLength(1);
  });

  it('end waits for every background send, even one started by another that just finished', async () => {
    const { client, batches, endpoints } = fakeServer(20);
    const run = new MlflowRunHandle(client, 'r', '', { flushIntervalMs: 60_000 });
    for (let step = 0; step < 250; step++) {
      await run.logMetrics(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`m${i}`, i])), step);
    }
    await run.end('FINISHED');
    expect(batches.flatMap((b) => b.metrics ?? [])).toHaveLength(2500);
    expect(batches.map((b) => b.metrics?.length)).toEqual([1000, 1000, 500]);
    expect(endpoints.at(-1)).toBe('runs/update');
  });

  it('keeps unsent points after a failed flush and sends them on the next one', async () => {
    const { client, batches, state } = fakeServer();
    const run = new MlflowRunHandle(client, 'r', '', { flushIntervalMs: 60_000 });
    await run.logMetrics({ loss: 1 }, 0);
    state.down = true;
    await expect(run.flush()).rejects.toThrow(TrackingError);
    await run.logMetrics({ loss: 0.5 }, 1);
    state.down = false;
    await run.flush();
    expect(batches.flatMap((b) => b.metrics ?? []).map((m) => [m.step, m.value])).toEqual([
      [0, 1],
      [1, 0.5],
    ]);
  });

  it('reports a background failure on the next call', async () => {
    const { client, state } = fakeServer();
    const run = new MlflowRunHandle(client, 'r', '', { flushIntervalMs: 5 });
    state.down = true;
    await run.logMetrics({ loss: 1 }, 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(run.logMetrics({ loss: 2 }, 1)).rejects.toThrow(/could not reach the server/);
    state.down = false;
    await run.end('FINISHED');
  });
});
